import { Inject, Injectable } from '@nestjs/common';
import { AccessLog, caseInScope, SecurityEvents, type Actor } from '@baken/access';
import type { Database } from '@baken/event-store';
import * as nl from '@baken/labels';
import { DATABASE, forbidden, type PdfDocument, type ReportTable } from '@baken/platform';
import { assentShortfall, type OpenCase } from '../domain';
import { resourceOf } from '../infrastructure/case-resource';
import { ReferenceData } from '../infrastructure/reference-data.service';
import { CaseReadModelProjection } from '../projections/case-read-model.projection';
import { allowedActionsOf } from '../queries/case-queries.service';
import { votesOf } from '../queries/case-view';

/** Who may read the stuurploeg's agenda and decisions: its members, the coordinators of the district, auditors. */
const READERS = ['steering_group', 'coordinator', 'auditor'] as const;

/**
 * The stuurploeg's view of its district's proposals: the agenda (what awaits a decision, the votes so far and whose
 * assent is still needed) and the besluitenlijst (what it decided). Shaped for need-to-know as the case view is for
 * the stuurploeg: the steering summary, the measures and the votes — never the care narrative or a name. Every case
 * read this way is written to the access log.
 */
@Injectable()
export class SteeringGroup {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly cases: CaseReadModelProjection,
    private readonly reference: ReferenceData,
    private readonly accessLog: AccessLog,
    private readonly events: SecurityEvents,
  ) {}

  /** The submitted proposals of the districts, soonest submitted first, with what each still needs. */
  async agenda(actor: Actor, district?: string) {
    const districts = this.districtsOf(actor, district);
    const cases = await this.casesOf(actor, districts, `status = 'awaiting_steering_group'`);
    const items = [];
    for (const c of cases) {
      const municipalities = (await this.reference.municipalitiesOf(c.district)) ?? [];
      const actions = allowedActionsOf(actor, c);
      for (const p of c.proposals.filter((x) => x.status === 'submitted')) {
        const shortfall = assentShortfall(
          p.measures.map((m) => m.level),
          p.votes.filter((v) => v.vote === 'approved'),
          municipalities,
        );
        items.push({
          ...this.header(c),
          proposalId: p.proposalId,
          steeringSummary: p.steeringSummary,
          measures: p.measures,
          submittedOn: p.submittedOn!,
          revisitOn: p.revisitOn,
          votes: votesOf(p),
          stillNeeded: shortfall,
          allowedActions: actions.proposals[p.proposalId] ?? [],
        });
      }
    }
    items.sort((a, b) => a.submittedOn.localeCompare(b.submittedOn) || a.reference.localeCompare(b.reference));
    await this.log(actor, cases, 'steering agenda');
    return { districts, items };
  }

  /** The proposals the stuurploeg of the districts approved or rejected with a decision date in `[from, to]`. */
  async decisions(actor: Actor, period: { district?: string; from: string; to: string }) {
    const districts = this.districtsOf(actor, period.district);
    const cases = await this.casesOf(actor, districts, 'true');
    const items = cases
      .flatMap((c) =>
        c.proposals
          .filter(
            (p) =>
              (p.status === 'approved' || p.status === 'rejected') &&
              p.decidedOn! >= period.from &&
              p.decidedOn! <= period.to,
          )
          .map((p) => ({
            ...this.header(c),
            proposalId: p.proposalId,
            decision: p.decision!,
            decidedOn: p.decidedOn!,
            submittedOn: p.submittedOn!,
            steeringSummary: p.steeringSummary,
            measures: p.measures,
            votes: votesOf(p),
            conditions: p.conditions,
            evaluateOn: p.evaluateOn,
            rationale: p.notes,
          })),
      )
      .sort((a, b) => a.decidedOn.localeCompare(b.decidedOn) || a.reference.localeCompare(b.reference));
    await this.log(
      actor,
      cases.filter((c) => items.some((i) => i.caseId === c.caseId)),
      'steering decisions',
    );
    return { districts, from: period.from, to: period.to, items };
  }

  /** The besluitenlijst as a table (XLSX) and as a document (PDF), in Dutch with the organisations' names. */
  async decisionsExport(decisions: Awaited<ReturnType<SteeringGroup['decisions']>>) {
    const names = new Map((await this.reference.organisations()).map((o) => [o.id, o.name]));
    const organisation = (id: string) => names.get(id) ?? id;
    const measures = (d: (typeof decisions.items)[number]) =>
      d.measures
        .map((m) => `${nl.label(nl.INTERVENTION_TYPE, m.type)} (trekker: ${organisation(m.leadOrganisation)})`)
        .join('; ');
    const votes = (d: (typeof decisions.items)[number]) =>
      d.votes
        .map(
          (v) =>
            `${organisation(v.organisation)}: ${nl.label(nl.STEERING_VOTE, v.decision)} (${nl.dateText(v.decidedOn)})`,
        )
        .join('; ');
    const districtNames = (await this.reference.districts())
      .filter((d) => decisions.districts.includes(d.id))
      .map((d) => d.name);
    const title = `Besluitenlijst stuurploeg ${nl.listOf(districtNames)}`;
    const table: ReportTable = {
      sheet: 'Besluitenlijst',
      columns: [
        { key: 'reference', header: 'Casus', width: 18 },
        { key: 'decidedOn', header: 'Besloten op', width: 14 },
        { key: 'decision', header: 'Besluit', width: 14 },
        { key: 'steeringSummary', header: 'Samenvatting voor de stuurploeg', width: 50 },
        { key: 'measures', header: 'Maatregelen', width: 50 },
        { key: 'votes', header: 'Stemmen', width: 60 },
        { key: 'conditions', header: 'Voorwaarden', width: 40 },
        { key: 'evaluateOn', header: 'Evaluatie op', width: 14 },
      ],
      rows: decisions.items.map((d) => ({
        reference: d.reference,
        decidedOn: d.decidedOn,
        decision: nl.label(nl.PROPOSAL_STATUS, d.decision),
        steeringSummary: d.steeringSummary,
        measures: measures(d),
        votes: votes(d),
        conditions: d.conditions,
        evaluateOn: d.evaluateOn,
      })),
    };
    const document: PdfDocument = {
      title,
      subtitle: `Besluiten van ${nl.dateText(decisions.from)} tot en met ${nl.dateText(decisions.to)}`,
      empty: 'In deze periode zijn geen besluiten genomen.',
      sections: decisions.items.map((d) => ({
        heading: `${d.reference}: ${nl.lowerFirst(nl.label(nl.PROPOSAL_STATUS, d.decision))} op ${nl.dateText(d.decidedOn)}`,
        lines: [
          `Samenvatting voor de stuurploeg: ${d.steeringSummary ?? 'geen'}`,
          `Maatregelen: ${measures(d)}`,
          `Stemmen: ${votes(d)}`,
          ...(d.conditions ? [`Voorwaarden: ${d.conditions}`] : []),
          ...(d.evaluateOn ? [`Evaluatie op ${nl.dateText(d.evaluateOn)}`] : []),
          ...(d.decision === 'rejected' && d.rationale ? [`Reden van afwijzing: ${d.rationale}`] : []),
        ],
      })),
    };
    return {
      table,
      document,
      baseName: `besluitenlijst-${decisions.districts.join('-')}-${decisions.from}-${decisions.to}`,
    };
  }

  private header(c: OpenCase) {
    return {
      caseId: c.caseId,
      reference: c.reference,
      district: c.district,
      municipality: c.municipality,
      forms: c.forms,
    };
  }

  /** The districts asked for, if the actor may read them; all of the actor's districts (every district for auditors). */
  private districtsOf(actor: Actor, district?: string): string[] {
    if (!(READERS as readonly string[]).includes(actor.role)) {
      this.events.record('access_refused', {
        username: actor.username,
        role: actor.role,
        action: 'steering',
        decision: 'deny',
      });
      throw forbidden(`Your role (${actor.role}) has no part in the stuurploeg.`);
    }
    const own = actor.role === 'auditor' ? null : actor.districts;
    if (district !== undefined) {
      if (own && !own.includes(district)) throw forbidden(`You are not of the district ${district}.`);
      return [district];
    }
    return own ?? [];
  }

  /** The cases of the districts put to the stuurploeg that the actor may see, folded as the command side sees them. */
  private async casesOf(actor: Actor, districts: readonly string[], condition: string): Promise<OpenCase[]> {
    const { rows } = await this.db.query<{ case_id: string }>(
      `SELECT case_id FROM case_list WHERE for_steering_group AND ($1::text[] IS NULL OR district = ANY($1::text[])) AND ${condition}
       ORDER BY received_on, reference`,
      [actor.role === 'auditor' && districts.length === 0 ? null : districts],
    );
    const cases = await this.cases.loadMany(
      this.db,
      rows.map((r) => r.case_id),
    );
    return cases.filter((c) => caseInScope(actor, resourceOf(c)));
  }

  private async log(actor: Actor, cases: readonly OpenCase[], detail: string): Promise<void> {
    for (const c of cases)
      await this.accessLog.record({
        actor,
        caseId: c.caseId,
        reference: c.reference,
        reason: null,
        action: 'read_case',
        detail,
      });
  }
}
