import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '@baken/access';
import { ReferenceData } from '@baken/case-coordination';
import type { Database } from '@baken/event-store';
import { PDF_CONTENT_TYPE, READ_DATABASE } from '@baken/platform';
import { ProgrammeMonitor } from '@baken/programme';
import { ReportAccess } from '../../shared/report-access';
import type { Quarter } from '../../targets/quarter';
import { quarterlyReportFigures } from './quarterly-report';
import { quarterlyReportDocument } from './quarterly-report.document';
import { toReportPdf } from './quarterly-report.pdf';
import { QuarterlyReportQuery } from './quarterly-report.request.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class QuarterlyReportController {
  constructor(
    @Inject(READ_DATABASE) private readonly db: Database,
    private readonly access: ReportAccess,
    private readonly reference: ReferenceData,
    private readonly programme: ProgrammeMonitor,
  ) {}

  /**
   * The region's quarterly governance report as one PDF (or a district's): the quarterly targets with their status
   * and their course over four quarters, the case flow and lead times, the effects of interventions, each with a
   * chart, and the programme monitor. For the roles that read reports (the programme lead among them), over their
   * scope.
   */
  @Get('quarterly-report')
  @ApiProduces(PDF_CONTENT_TYPE)
  @ApiOkResponse({
    description: 'The report (application/pdf), as a download named kwartaalrapportage-<year>-K<q>[-<district>].pdf',
    content: { [PDF_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiBadRequestResponse({ description: 'A year, quarter or district that is not valid' })
  @ApiForbiddenResponse({ description: 'A role that may not read reports' })
  async quarterlyReport(
    @CurrentActor() actor: Actor,
    @Query() query: QuarterlyReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const districts = await this.access.districtsFor(actor, query.district);
    const [known, names] = await Promise.all([this.reference.districtIds(), this.access.names()]);
    const today = this.access.today();
    const quarter = query.quarter as Quarter['quarter'];
    const figures = await quarterlyReportFigures(this.db, { year: query.year, quarter, districts, today });
    const monitor = await this.programme.monitor(figures.asOf);
    const document = await quarterlyReportDocument(
      {
        figures,
        monitor,
        names,
        districts,
        wholeRegion: query.district === undefined && known.every((d) => districts.includes(d)),
        today,
      },
      this.access.now(),
    );
    const pdf = await toReportPdf(document);
    reply.header('Content-Type', PDF_CONTENT_TYPE);
    reply.header(
      'Content-Disposition',
      `attachment; filename="kwartaalrapportage-${query.year}-K${quarter}${query.district ? `-${query.district}` : ''}.pdf"`,
    );
    return pdf;
  }
}
