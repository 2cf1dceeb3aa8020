import { caseIdOfStream, type CaseEvent, type EventOf } from '@baken/case-coordination';

/**
 * The kinds of fact the reports count: one per reported event type. A fact is dated by its business date
 * (`occurredOn`) and by the instant it was recorded (`recordedAt`), so reports can count by business date and
 * travel back in recorded time (`asKnownAt`).
 */
export const FACT_KINDS = [
  'signal_received',
  'triage_decided',
  'care_table_meeting_held',
  'proposal_submitted',
  'proposal_decided',
  'proposal_deferred',
  'intervention_planned',
  'intervention_executed',
  'intervention_effect_recorded',
  'case_closed',
  'case_reopened',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export const INTERVENTION_FACT_KINDS: readonly FactKind[] = [
  'intervention_planned',
  'intervention_executed',
  'intervention_effect_recorded',
];

/** The event types the reporting projection reads; every other event leaves the reports unchanged. */
export const REPORTED_EVENT_TYPES = [
  'SignalRegistered',
  'SignalTriaged',
  'CareTableMeetingRecorded',
  'ProposalSubmitted',
  'ProposalDecided',
  'ProposalVoteCast',
  'ProposalApproved',
  'ProposalRejected',
  'InterventionPlanned',
  'InterventionExecuted',
  'InterventionEffectRecorded',
  'CaseClosed',
  'CaseReopened',
] as const satisfies readonly CaseEvent['type'][];

/** What the projection needs of a stored event (a `StoredEvent` fits). */
export interface ReportedEvent {
  eventId: string;
  streamId: string;
  streamVersion: number;
  type: string;
  data: unknown;
  recordedAt: Date;
}

/** A case as the reports see it: where it belongs and which forms of exploitation it concerns. Never personal data. */
export interface CaseRow {
  caseId: string;
  district: string;
  municipality: string;
  forms: string[];
  receivedOn: string;
  recordedAt: Date;
}

/** An intervention's type and level, so that its execution and effects can be counted by them. */
export interface InterventionRow {
  interventionId: string;
  caseId: string;
  interventionType: string;
  level: string;
  recordedAt: Date;
}

/** One countable fact. `outcome` is the triage decision, proposal decision, effect, close outcome or reopen reason. */
export interface FactRow {
  eventId: string;
  caseId: string;
  streamVersion: number;
  kind: FactKind;
  occurredOn: string;
  recordedAt: Date;
  district: string;
  forms: string[];
  outcome: string | null;
  /** The meeting, proposal or intervention the fact is about. */
  ref: string | null;
  interventionType: string | null;
  level: string | null;
}

export interface KnownDimensions {
  cases: ReadonlyMap<string, CaseRow>;
  interventions: ReadonlyMap<string, InterventionRow>;
}

export interface ProjectedBatch {
  cases: CaseRow[];
  interventions: InterventionRow[];
  facts: FactRow[];
}

/** Intervention ids a batch refers to, so that their rows can be loaded before {@link projectFacts}. */
export function interventionIdsOf(events: readonly ReportedEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.type === 'InterventionExecuted' || e.type === 'InterventionEffectRecorded')
      ids.add((e.data as { interventionId: string }).interventionId);
  }
  return [...ids];
}

/**
 * Turns a batch of events into report rows. Pure: the cases and interventions registered before the batch come in
 * as `known`; those registered within it are picked up on the way. Events that do not fit (an unknown case or
 * intervention, a stream that is not a case) yield nothing — `decide` never produces them, and `evolve` ignores them
 * the same way.
 */
export function projectFacts(events: readonly ReportedEvent[], known: KnownDimensions): ProjectedBatch {
  const cases = new Map(known.cases);
  const interventions = new Map(known.interventions);
  const out: ProjectedBatch = { cases: [], interventions: [], facts: [] };

  for (const stored of events) {
    const caseId = caseIdOfStream(stored.streamId);
    if (caseId === null) continue;
    const event = { type: stored.type, data: stored.data } as CaseEvent;
    if (event.type === 'SignalRegistered') {
      if (cases.has(caseId)) continue;
      const row = caseRowOf(caseId, event, stored.recordedAt);
      cases.set(caseId, row);
      out.cases.push(row);
    }
    const theCase = cases.get(caseId);
    if (!theCase) continue;
    const fact = (
      kind: FactKind,
      occurredOn: string,
      extra: Partial<Pick<FactRow, 'outcome' | 'ref' | 'interventionType' | 'level'>> = {},
    ) =>
      out.facts.push({
        eventId: stored.eventId,
        caseId,
        streamVersion: stored.streamVersion,
        kind,
        occurredOn,
        recordedAt: stored.recordedAt,
        district: theCase.district,
        forms: theCase.forms,
        outcome: null,
        ref: null,
        interventionType: null,
        level: null,
        ...extra,
      });
    const interventionFact = (
      kind: FactKind,
      interventionId: string,
      occurredOn: string,
      outcome: string | null = null,
    ) => {
      const intervention = interventions.get(interventionId);
      if (intervention && intervention.caseId === caseId) {
        fact(kind, occurredOn, {
          ref: interventionId,
          outcome,
          interventionType: intervention.interventionType,
          level: intervention.level,
        });
      }
    };

    switch (event.type) {
      case 'SignalRegistered':
        fact('signal_received', event.data.receivedOn);
        break;
      case 'SignalTriaged':
        fact('triage_decided', event.data.decidedOn, { outcome: event.data.decision });
        break;
      case 'CareTableMeetingRecorded':
        fact('care_table_meeting_held', event.data.heldOn, { ref: event.data.meetingId });
        break;
      case 'ProposalSubmitted':
        fact('proposal_submitted', event.data.submittedOn, { ref: event.data.proposalId });
        break;
      case 'ProposalDecided':
        fact('proposal_decided', event.data.decidedOn, { ref: event.data.proposalId, outcome: event.data.decision });
        break;
      case 'ProposalApproved':
        fact('proposal_decided', event.data.decidedOn, { ref: event.data.proposalId, outcome: 'approved' });
        break;
      case 'ProposalRejected':
        fact('proposal_decided', event.data.decidedOn, { ref: event.data.proposalId, outcome: 'rejected' });
        break;
      case 'ProposalVoteCast':
        if (event.data.vote === 'deferred')
          fact('proposal_deferred', event.data.decidedOn, { ref: event.data.proposalId });
        break;
      case 'InterventionPlanned': {
        const { interventionId, type, level, plannedOn } = event.data;
        if (!interventions.has(interventionId)) {
          const row: InterventionRow = {
            interventionId,
            caseId,
            interventionType: type,
            level,
            recordedAt: stored.recordedAt,
          };
          interventions.set(interventionId, row);
          out.interventions.push(row);
        }
        interventionFact('intervention_planned', interventionId, plannedOn);
        break;
      }
      case 'InterventionExecuted':
        interventionFact('intervention_executed', event.data.interventionId, event.data.executedOn);
        break;
      case 'InterventionEffectRecorded':
        interventionFact(
          'intervention_effect_recorded',
          event.data.interventionId,
          event.data.observedOn,
          event.data.effect,
        );
        break;
      case 'CaseClosed':
        fact('case_closed', event.data.closedOn, { outcome: event.data.outcome });
        break;
      case 'CaseReopened':
        fact('case_reopened', event.data.reopenedOn, { outcome: event.data.reason });
        break;
      default:
        break;
    }
  }
  return out;
}

function caseRowOf(caseId: string, event: EventOf<'SignalRegistered'>, recordedAt: Date): CaseRow {
  const { district, municipality, forms, receivedOn } = event.data;
  return { caseId, district, municipality, forms: [...forms].sort(), receivedOn, recordedAt };
}

/**
 * A spell during which a case was open: from its receipt or a reopening to the closure that followed (exclusive;
 * `closedOn` is never before `openedOn`). Open cases on a date are the spells containing it — an index on the date
 * range finds them without reading every case ever received.
 */
export interface SpellRow {
  /** The SignalRegistered or CaseReopened event that opened the spell. */
  openedEventId: string;
  caseId: string;
  district: string;
  openedVersion: number;
  openedOn: string;
  openedRecordedAt: Date;
  receivedOn: string;
  closedEventId: string | null;
  closedOn: string | null;
  closedRecordedAt: Date | null;
}

export interface ProjectedSpells {
  /** New spells, closed already when their closure was in the same batch. */
  opened: SpellRow[];
  /** Spells stored earlier and closed by this batch. */
  closed: SpellRow[];
}

/**
 * Folds the closures and reopenings among `facts` (in log order) into spells. Pure: each case's latest stored spell
 * comes in as `latest`. A fact at or before the latest spell's opening was applied before, and changes nothing.
 */
export function projectSpells(facts: readonly FactRow[], latest: ReadonlyMap<string, SpellRow>): ProjectedSpells {
  const current = new Map(latest);
  const opened = new Map<string, SpellRow>();
  const closed = new Map<string, SpellRow>();
  for (const f of facts) {
    const spell = current.get(f.caseId);
    if (spell && f.streamVersion <= spell.openedVersion) continue;
    if (f.kind === 'signal_received' || f.kind === 'case_reopened') {
      const receivedOn = f.kind === 'signal_received' ? f.occurredOn : spell?.receivedOn;
      if (receivedOn === undefined || (f.kind === 'signal_received' && spell)) continue;
      const row: SpellRow = {
        openedEventId: f.eventId,
        caseId: f.caseId,
        district: f.district,
        openedVersion: f.streamVersion,
        openedOn: f.occurredOn,
        openedRecordedAt: f.recordedAt,
        receivedOn,
        closedEventId: null,
        closedOn: null,
        closedRecordedAt: null,
      };
      current.set(f.caseId, row);
      opened.set(row.openedEventId, row);
    } else if (f.kind === 'case_closed' && spell && spell.closedEventId === null) {
      const row: SpellRow = {
        ...spell,
        closedEventId: f.eventId,
        closedOn: f.occurredOn < spell.openedOn ? spell.openedOn : f.occurredOn,
        closedRecordedAt: f.recordedAt,
      };
      current.set(f.caseId, row);
      if (opened.has(row.openedEventId)) opened.set(row.openedEventId, row);
      else closed.set(row.openedEventId, row);
    }
  }
  return { opened: [...opened.values()], closed: [...closed.values()] };
}
