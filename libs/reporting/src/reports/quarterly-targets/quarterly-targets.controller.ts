import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '@baken/access';
import type { Database } from '@baken/event-store';
import * as nl from '@baken/labels';
import {
  READ_DATABASE,
  ValidationProblem,
  CSV_CONTENT_TYPE,
  sendReport,
  XLSX_CONTENT_TYPE,
  type ReportTable,
} from '@baken/platform';
import { ReportAccess } from '../../shared/report-access';
import { readingNotes, type ReportNames } from '../../shared/report-names';
import { quarterOf, type Quarter } from '../../targets/quarter';
import { quarterlyTargetsReport, type QuarterlyTargetsResult } from './quarterly-targets.report';
import { QuarterlyTargetsQuery } from './quarterly-targets.request.dto';
import { QuarterlyTargetsResponse } from './quarterly-targets.response.dto';

export function quarterlyTargetsTable(
  result: QuarterlyTargetsResult,
  names: ReportNames,
  generatedAt: Date,
): ReportTable {
  const period = result.quarter === null ? 'Heel jaar' : `K${result.quarter}`;
  const knownAt = result.asKnownAt ?? generatedAt.toISOString();
  return {
    sheet: `Doelstellingen ${result.year}${result.quarter === null ? '' : `-K${result.quarter}`}`,
    columns: [
      { key: 'year', header: 'Jaar' },
      { key: 'period', header: 'Periode' },
      { key: 'district', header: 'District', width: 18 },
      { key: 'title', header: 'Doelstelling', width: 60 },
      { key: 'targetPeriod', header: 'Norm geldt', width: 14 },
      { key: 'actual', header: 'Realisatie', type: 'number' },
      { key: 'target', header: 'Norm', type: 'number' },
      { key: 'status', header: 'Status', width: 40 },
      { key: 'asOf', header: 'Peildatum', type: 'date' },
      { key: 'knownAt', header: 'Cijfers zoals bekend op', type: 'instant', width: 22 },
    ],
    rows: result.districts.flatMap((d) =>
      d.targets.map((t) => ({
        year: result.year,
        period,
        district: names.district(d.district),
        title: t.title,
        targetPeriod: nl.TARGET_PERIOD[t.targetPeriod],
        actual: t.actual,
        target: t.target,
        status: nl.TARGET_STATUS[t.status],
        asOf: result.asOf,
        knownAt,
      })),
    ),
    notes: readingNotes({ ...result, generatedAt }),
  };
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class QuarterlyTargetsController {
  constructor(
    @Inject(READ_DATABASE) private readonly db: Database,
    private readonly access: ReportAccess,
  ) {}

  /**
   * Each target per district for a quarter (or, with `period=year`, a year), with its actual and status (green /
   * orange / red / not_started / not_applicable) on `asOf`, counting the facts recorded up to `asKnownAt`.
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
    const period = query.period ?? 'quarter';
    if (period === 'year' && query.quarter !== undefined)
      throw new ValidationProblem([{ field: 'quarter', message: 'must not be given with period=year' }]);
    if (period === 'quarter' && (query.year === undefined) !== (query.quarter === undefined)) {
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
      query.year !== undefined
        ? { year: query.year, quarter: (query.quarter ?? null) as Quarter['quarter'] | null }
        : quarterOf(asOf);
    const result = await quarterlyTargetsReport(this.db, {
      year: q.year,
      quarter: period === 'year' ? null : q.quarter,
      period,
      asOf,
      districts,
      asKnownAt: query.asKnownAt ? new Date(query.asKnownAt) : null,
    });
    const names = query.format && query.format !== 'json' ? await this.access.names() : null;
    return sendReport(
      reply,
      query.format ?? 'json',
      result,
      (r) => quarterlyTargetsTable(r, names!, this.access.now()),
      period === 'year'
        ? `jaardoelstellingen-${result.year}`
        : `kwartaaldoelstellingen-${result.year}-K${result.quarter}`,
    );
  }
}
