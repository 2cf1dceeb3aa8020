import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '@baken/access';
import type { Database } from '@baken/event-store';
import * as nl from '@baken/labels';
import {
  DATABASE,
  ValidationProblem,
  CSV_CONTENT_TYPE,
  sendReport,
  XLSX_CONTENT_TYPE,
  type ReportTable,
} from '@baken/platform';
import { ReportAccess } from '../../shared/report-access';
import { quarterOf, type Quarter } from '../../targets/quarter';
import { quarterlyTargetsReport, type QuarterlyTargetsResult } from './quarterly-targets.report';
import { QuarterlyTargetsQuery } from './quarterly-targets.request.dto';
import { QuarterlyTargetsResponse } from './quarterly-targets.response.dto';

export function quarterlyTargetsTable(result: QuarterlyTargetsResult): ReportTable {
  return {
    sheet: `Doelstellingen ${result.year}-K${result.quarter}`,
    columns: [
      { key: 'year', header: 'Jaar' },
      { key: 'quarter', header: 'Kwartaal' },
      { key: 'district', header: 'District', width: 18 },
      { key: 'targetId', header: 'Doelstelling', width: 28 },
      { key: 'title', header: 'Omschrijving', width: 60 },
      { key: 'actual', header: 'Realisatie' },
      { key: 'target', header: 'Norm' },
      { key: 'status', header: 'Status', width: 40 },
      { key: 'asOf', header: 'Peildatum' },
    ],
    rows: result.districts.flatMap((d) =>
      d.targets.map((t) => ({
        year: result.year,
        quarter: `K${result.quarter}`,
        district: d.district,
        targetId: t.targetId,
        title: t.title,
        actual: t.actual,
        target: t.target,
        status: nl.TARGET_STATUS[t.status],
        asOf: result.asOf,
      })),
    ),
  };
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class QuarterlyTargetsController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly access: ReportAccess,
  ) {}

  /**
   * Each quarterly target per district, with its actual and status (green / orange / red / not_started) on `asOf`.
   * Analysts and auditors see every district; coordinators and steering groups their own (another district: 404).
   */
  @Get('quarterly-targets')
  @ApiOkResponse({ type: QuarterlyTargetsResponse })
  @ApiProduces('application/json', CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE)
  async quarterlyTargets(
    @CurrentActor() actor: Actor,
    @Query() query: QuarterlyTargetsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if ((query.year === undefined) !== (query.quarter === undefined)) {
      throw new ValidationProblem([
        {
          field: query.year === undefined ? 'year' : 'quarter',
          message: 'is required with ' + (query.year === undefined ? 'quarter' : 'year'),
        },
      ]);
    }
    const districts = await this.access.districtsFor(actor, query.district);
    const asOf = query.asOf ?? this.access.today();
    const q =
      query.year !== undefined ? { year: query.year, quarter: query.quarter as Quarter['quarter'] } : quarterOf(asOf);
    const result = await quarterlyTargetsReport(this.db, {
      year: q.year,
      quarter: q.quarter,
      asOf,
      districts,
      asKnownAt: query.asKnownAt ? new Date(query.asKnownAt) : null,
    });
    return sendReport(
      reply,
      query.format ?? 'json',
      result,
      quarterlyTargetsTable,
      `kwartaaldoelstellingen-${result.year}-K${result.quarter}`,
    );
  }
}
