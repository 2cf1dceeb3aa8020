import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '@baken/access';
import { CLOSE_OUTCOMES, REOPEN_REASONS, TRIAGE_DECISIONS } from '@baken/case-coordination';
import type { Database } from '@baken/event-store';
import * as nl from '@baken/labels';
import {
  READ_DATABASE,
  CSV_CONTENT_TYPE,
  dutchDate,
  sendReport,
  XLSX_CONTENT_TYPE,
  type Cell,
  type ReportTable,
} from '@baken/platform';
import { ReportAccess } from '../../shared/report-access';
import { groupFileName, groupName, readingNotes, type ReportNames } from '../../shared/report-names';
import { resolvePeriod } from '../../shared/report-period';
import { BreakdownReportQuery } from '../../shared/report-query.dto';
import { flowReport, type FlowFigures, type FlowResult, type Stage } from './flow.report';
import { FlowResponse } from './flow.response.dto';

const STAGE_NL: Record<Stage, string> = {
  receiptToTriage: 'melding → triage',
  triageToCareTable: 'triage → eerste Zorgtafel',
  submissionToDecision: 'indiening voorstel → besluit stuurploeg',
  submissionToApproval: 'indiening voorstel → instemming stuurploeg',
  executionToFirstEffect: 'uitvoering interventie → eerste effect',
};

/** The figures of the flow as a list: section, figure, value. */
function figures(r: FlowFigures): { section: string; figure: string; value: Cell }[] {
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
  add('Interventies', 'Interventies gepland', r.interventions.planned);
  add('Interventies', 'Interventies geannuleerd', r.interventions.cancelled);
  add('Interventies', `Interventies open op ${dutchDate(r.openCases.asOf)}`, r.interventions.open);
  add('Afsluiting', 'Casussen gesloten', r.casesClosed.total);
  for (const o of CLOSE_OUTCOMES)
    add('Afsluiting', `Gesloten: ${nl.lowerFirst(nl.CLOSE_OUTCOME[o])}`, r.casesClosed.byOutcome[o]);
  add('Heropening', 'Casussen heropend', r.reopenings.total);
  for (const reason of REOPEN_REASONS)
    add('Heropening', `Heropend: ${nl.lowerFirst(nl.REOPEN_REASON[reason])}`, r.reopenings.byReason[reason]);
  add('Herhaald slachtofferschap', 'Herhaald slachtofferschap', r.repeatVictimisation.total);
  add('Herhaald slachtofferschap', 'Heropend wegens herhaald slachtofferschap', r.repeatVictimisation.reopenings);
  add(
    'Herhaald slachtofferschap',
    'Nieuwe casus van een slachtoffer uit een gesloten casus',
    r.repeatVictimisation.newCasesOfKnownVictims,
  );
  for (const [stage, label] of Object.entries(STAGE_NL) as [Stage, string][]) {
    const d = r.stageDurations[stage];
    add('Doorlooptijd', `${label}: aantal`, d.count);
    add('Doorlooptijd', `${label}: mediaan (dagen)`, d.medianDays);
    add('Doorlooptijd', `${label}: 90e percentiel (dagen)`, d.p90Days);
  }
  add('Openstaand', `Open casussen op ${dutchDate(r.openCases.asOf)}`, r.openCases.total);
  for (const b of r.openCases.byAge)
    add(
      'Openstaand',
      `Open ${b.maxDays === null ? `${b.minDays} dagen of langer` : `${b.minDays}–${b.maxDays} dagen`}`,
      b.count,
    );
  return rows;
}

/**
 * The flow as one list of figures: section, figure, value; with a breakdown the totals and then one column per group.
 */
export function flowTable(r: FlowResult, names: ReportNames, generatedAt: Date): ReportTable {
  const totals = figures(r);
  const notes = readingNotes({ ...r, generatedAt });
  const lead = [
    { key: 'section', header: 'Onderdeel', width: 24 },
    { key: 'figure', header: 'Kengetal', width: 60 },
  ];
  if (!r.groupBy) {
    return {
      sheet: 'Doorloop',
      columns: [...lead, { key: 'value', header: 'Waarde', type: 'number' }],
      rows: totals,
      notes,
    };
  }
  const groupBy = r.groupBy;
  const byGroup = r.groups.map((g) => figures(g));
  return {
    sheet: 'Doorloop',
    columns: [
      ...lead,
      { key: 'value', header: 'Totaal', type: 'number' },
      ...r.groups.map((g, i) => ({
        key: `g${i}`,
        header: groupName(groupBy, g.group, names),
        type: 'number' as const,
        width: 16,
      })),
    ],
    rows: totals.map((row, n) => ({
      ...row,
      ...Object.fromEntries(byGroup.map((rows, i) => [`g${i}`, rows[n].value])),
    })),
    notes,
  };
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class FlowController {
  constructor(
    @Inject(READ_DATABASE) private readonly db: Database,
    private readonly access: ReportAccess,
  ) {}

  /**
   * Case flow over a period of business dates: signals, triage decisions, care-table referrals and meetings,
   * proposals, interventions, closures, reopenings and repeat victimhood; median and 90th-percentile days between
   * stages; open cases by age and open interventions at the end of the period (or on asOf, when earlier). `groupBy`
   * adds the same figures per district, municipality, vulnerability, source, form, sector or lead organisation.
   */
  @Get('flow')
  @ApiOkResponse({ type: FlowResponse })
  @ApiProduces('application/json', CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE)
  async flow(
    @CurrentActor() actor: Actor,
    @Query() query: BreakdownReportQuery,
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
      asOf: query.asOf ?? today,
      groupBy: query.groupBy ?? null,
    });
    const names = query.format && query.format !== 'json' ? await this.access.names() : null;
    return sendReport(
      reply,
      query.format ?? 'json',
      result,
      (r) => flowTable(r, names!, this.access.now()),
      `doorloop-${from}-${to}${groupFileName(query.groupBy)}`,
    );
  }
}
