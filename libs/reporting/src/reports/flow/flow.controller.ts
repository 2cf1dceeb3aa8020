import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '@baken/access';
import { CLOSE_OUTCOMES, REOPEN_REASONS, TRIAGE_DECISIONS } from '@baken/case-coordination';
import type { Database } from '@baken/event-store';
import * as nl from '@baken/labels';
import {
  DATABASE,
  CSV_CONTENT_TYPE,
  sendReport,
  XLSX_CONTENT_TYPE,
  type Cell,
  type ReportTable,
} from '@baken/platform';
import { ReportAccess } from '../../shared/report-access';
import { resolvePeriod } from '../../shared/report-period';
import { PeriodReportQuery } from '../../shared/report-query.dto';
import { flowReport, type FlowResult, type Stage } from './flow.report';
import { FlowResponse } from './flow.response.dto';

const STAGE_NL: Record<Stage, string> = {
  receiptToTriage: 'melding → triage',
  triageToCareTable: 'triage → eerste Zorgtafel',
  submissionToDecision: 'indiening voorstel → besluit stuurploeg',
  submissionToApproval: 'indiening voorstel → instemming stuurploeg',
  executionToFirstEffect: 'uitvoering interventie → eerste effect',
};

/** The flow as one list of figures: section, figure, value. */
export function flowTable(r: FlowResult): ReportTable {
  const rows: { section: string; figure: string; value: Cell }[] = [];
  const add = (section: string, figure: string, value: Cell) => rows.push({ section, figure, value });
  add('Instroom', 'Signalen ontvangen', r.signalsReceived);
  add('Triage', 'Triagebesluiten', r.triageDecisions.total);
  for (const d of TRIAGE_DECISIONS)
    add('Triage', `Triagebesluit: ${nl.lowerFirst(nl.TRIAGE_DECISION[d])}`, r.triageDecisions.byDecision[d]);
  add('Zorgtafel', 'Verwezen naar de Zorgtafel', r.careTable.referrals);
  add('Zorgtafel', 'Zorgtafelbesprekingen', r.careTable.meetings);
  add('Zorgtafel', 'Besproken casussen', r.careTable.casesDiscussed);
  add('Stuurploeg', 'Voorstellen ingediend', r.proposals.submitted);
  add('Stuurploeg', 'Voorstellen goedgekeurd', r.proposals.approved);
  add('Stuurploeg', 'Voorstellen afgewezen', r.proposals.rejected);
  add('Stuurploeg', 'Voorstellen aangehouden', r.proposals.deferred);
  add('Interventies', 'Interventies uitgevoerd', r.interventionsExecuted);
  add('Afsluiting', 'Casussen gesloten', r.casesClosed.total);
  for (const o of CLOSE_OUTCOMES)
    add('Afsluiting', `Gesloten: ${nl.lowerFirst(nl.CLOSE_OUTCOME[o])}`, r.casesClosed.byOutcome[o]);
  add('Heropening', 'Casussen heropend', r.reopenings.total);
  for (const reason of REOPEN_REASONS)
    add('Heropening', `Heropend: ${nl.lowerFirst(nl.REOPEN_REASON[reason])}`, r.reopenings.byReason[reason]);
  for (const [stage, label] of Object.entries(STAGE_NL) as [Stage, string][]) {
    const d = r.stageDurations[stage];
    add('Doorlooptijd', `${label}: aantal`, d.count);
    add('Doorlooptijd', `${label}: mediaan (dagen)`, d.medianDays);
    add('Doorlooptijd', `${label}: 90e percentiel (dagen)`, d.p90Days);
  }
  add('Openstaand', `Open casussen op ${r.openCases.asOf}`, r.openCases.total);
  for (const b of r.openCases.byAge)
    add(
      'Openstaand',
      `Open ${b.maxDays === null ? `${b.minDays} dagen of langer` : `${b.minDays}–${b.maxDays} dagen`}`,
      b.count,
    );
  return {
    sheet: 'Doorloop',
    columns: [
      { key: 'section', header: 'Onderdeel', width: 16 },
      { key: 'figure', header: 'Kengetal', width: 60 },
      { key: 'value', header: 'Waarde' },
    ],
    rows,
  };
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class FlowController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly access: ReportAccess,
  ) {}

  /**
   * Case flow over a period of business dates: signals, triage decisions, care-table referrals and meetings,
   * proposals, interventions, closures and reopenings; median and 90th-percentile days between stages; open cases
   * by age at the end of the period.
   */
  @Get('flow')
  @ApiOkResponse({ type: FlowResponse })
  @ApiProduces('application/json', CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE)
  async flow(
    @CurrentActor() actor: Actor,
    @Query() query: PeriodReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const districts = await this.access.districtsFor(actor, query.district);
    const today = this.access.today();
    const { from, to } = resolvePeriod(query, today);
    const result = await flowReport(this.db, {
      from,
      to,
      districts,
      asKnownAt: query.asKnownAt ? new Date(query.asKnownAt) : null,
      openCasesOn: to < today ? to : today,
    });
    return sendReport(reply, query.format ?? 'json', result, flowTable, `doorloop-${from}-${to}`);
  }
}
