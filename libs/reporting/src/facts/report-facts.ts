import { caseIdOfStream, type CaseEvent, type EventOf } from '@baken/case-coordination';

/**
 * The kinds of fact the reports count: one per reported event type. A fact is dated by its business date
 * (`occurredOn`) and by the instant it was recorded (`recordedAt`), so reports can count by business date and
 * travel back in recorded time (`asKnownAt`).
 *
 * `case_of_known_victim`: a case linked `same_victim` to an earlier case that was closed when the link was made — a
 * victim known from a closed case came back (repeat victimhood, like a reopening for `revictimization`). Dated by the
 * new case's receipt.
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
  'intervention_cancelled',
  'intervention_effect_recorded',
  'case_closed',
  'case_reopened',
  'case_of_known_victim',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export const INTERVENTION_FACT_KINDS: readonly FactKind[] = [
  'intervention_planned',
  'intervention_executed',
  'intervention_cancelled',
  'intervention_effect_recorded',
];

/** The event types the reporting projection reads; every other event leaves the reports unchanged. */
export const REPORTED_EVENT_TYPES = [
  'SignalRegistered',
  'CaseReclassified',
  'CaseLinked',
  'SignalTriaged',
  'CareTableMeetingRecorded',
  'ProposalSubmitted',
  'ProposalDecided',
  'ProposalVoteCast',
  'ProposalApproved',
  'ProposalRejected',
  'InterventionPlanned',
  'InterventionExecuted',
  'InterventionCancelled',
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

/**
 * A case as the reports see it: what never changes about it — where it belongs, where the signal came from, when it
 * was received. Its classification changes, and is kept apart ({@link ClassificationRow}). Never personal data.
 */
export interface CaseRow {
  caseId: string;
  district: string;
  municipality: string;
  /** The signal's source type. */
  source: string;
  receivedOn: string;
  recordedAt: Date;
}

/**
 * A case's classification as one event recorded it: at registration, and at every reclassification after. Reports
 * count a case by the latest classification recorded up to their `asKnownAt`, whatever the business date of the
 * facts they count: a correction changes the figures of past periods from the moment it is recorded.
 */
export interface ClassificationRow {
  /** The SignalRegistered or CaseReclassified event. */
  eventId: string;
  caseId: string;
  streamVersion: number;
  recordedAt: Date;
  /** The date of receipt, or the date the reclassification was decided on. */
  decidedOn: string;
  /** Sorted. */
  forms: string[];
  /** Sorted. */
  vulnerabilities: string[];
  sector: string | null;
}

/**
 * An intervention: its type and level, so that its execution and effects can be counted by them; who leads it and
 * who takes part, for targets conditioned on an organisation and breakdowns by lead organisation; and how it ended
 * (executed or cancelled), for the interventions still open on a date.
 */
export interface InterventionRow {
  interventionId: string;
  caseId: string;
  district: string;
  interventionType: string;
  level: string;
  leadOrganisation: string;
  /** Sorted. */
  participants: string[];
  plannedOn: string;
  recordedAt: Date;
}

/**
 * The end of a planned intervention, on a date never before it was planned for: executed, cancelled, or left when its
 * case was closed (a plan of a closed case is no longer open work).
 */
export interface InterventionEnd {
  interventionId: string;
  eventId: string;
  endedAs: 'executed' | 'cancelled' | 'case_closed';
  /** The date it ended, or the planned date when that is later (a plan cancelled before its day). */
  endedOn: string;
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
  outcome: string | null;
  /** The meeting, proposal or intervention the fact is about; for `case_of_known_victim` the earlier case. */
  ref: string | null;
  interventionType: string | null;
  level: string | null;
}

/** What the projection knows from earlier batches about the cases and interventions a batch refers to. */
export interface KnownDimensions {
  cases: ReadonlyMap<string, CaseRow>;
  interventions: ReadonlyMap<string, InterventionRow>;
  /** Of the cases a batch refers to, those closed (their latest spell is closed). */
  closedCases?: ReadonlySet<string>;
  /** Of the cases a batch refers to, those counted already as a case of a known victim. */
  knownVictimCases?: ReadonlySet<string>;
  /** Of the cases a batch closes, their interventions that have not ended (not executed, cancelled or closed). */
  unendedInterventions?: ReadonlyMap<string, InterventionRow>;
}

export interface ProjectedBatch {
  cases: CaseRow[];
  classifications: ClassificationRow[];
  interventions: InterventionRow[];
  interventionEnds: InterventionEnd[];
  facts: FactRow[];
}

/** Intervention ids a batch refers to, so that their rows can be loaded before {@link projectFacts}. */
export function interventionIdsOf(events: readonly ReportedEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    if (
      e.type === 'InterventionExecuted' ||
      e.type === 'InterventionEffectRecorded' ||
      e.type === 'InterventionCancelled'
    )
      ids.add((e.data as { interventionId: string }).interventionId);
  }
  return [...ids];
}

/** The cases a batch closes, so that their interventions still open can be loaded before {@link projectFacts}. */
export function closedCaseIdsOf(events: readonly ReportedEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    const caseId = caseIdOfStream(e.streamId);
    if (caseId !== null && e.type === 'CaseClosed') ids.add(caseId);
  }
  return [...ids];
}

/** Every case a batch refers to: the cases of its streams and the cases they are linked to. */
export function caseIdsOf(events: readonly ReportedEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    const caseId = caseIdOfStream(e.streamId);
    if (caseId === null) continue;
    ids.add(caseId);
    if (e.type === 'CaseLinked') ids.add((e.data as { linkedCaseId: string }).linkedCaseId);
  }
  return [...ids];
}

const sorted = (values: readonly string[] | undefined) => [...new Set(values ?? [])].sort();

/**
 * Of two linked cases, the one received later (on the same day, the one registered later): the new case of the pair.
 */
function newerOf(a: CaseRow, b: CaseRow): CaseRow {
  if (a.receivedOn !== b.receivedOn) return a.receivedOn > b.receivedOn ? a : b;
  if (a.recordedAt.getTime() !== b.recordedAt.getTime()) return a.recordedAt > b.recordedAt ? a : b;
  return a.caseId > b.caseId ? a : b;
}

/**
 * Turns a batch of events into report rows. Pure: what earlier batches established comes in as `known`; what this
 * batch registers, closes or reopens is picked up on the way, in log order. Events that do not fit (an unknown case
 * or intervention, a stream that is not a case) yield nothing — `decide` never produces them, and `evolve` ignores
 * them the same way.
 */
export function projectFacts(events: readonly ReportedEvent[], known: KnownDimensions): ProjectedBatch {
  const cases = new Map(known.cases);
  const interventions = new Map(known.interventions);
  const closed = new Set(known.closedCases ?? []);
  const knownVictims = new Set(known.knownVictimCases ?? []);
  const unended = new Map(known.unendedInterventions ?? []);
  // An intervention ends once: the first end in the log counts (a closed case's plan stays ended if executed later).
  const endedHere = new Set<string>();
  const out: ProjectedBatch = { cases: [], classifications: [], interventions: [], interventionEnds: [], facts: [] };

  for (const stored of events) {
    const caseId = caseIdOfStream(stored.streamId);
    if (caseId === null) continue;
    const event = { type: stored.type, data: stored.data } as CaseEvent;
    if (event.type === 'SignalRegistered') {
      if (cases.has(caseId)) continue;
      const row = caseRowOf(caseId, event, stored.recordedAt);
      cases.set(caseId, row);
      out.cases.push(row);
      out.classifications.push({
        eventId: stored.eventId,
        caseId,
        streamVersion: stored.streamVersion,
        recordedAt: stored.recordedAt,
        decidedOn: event.data.receivedOn,
        forms: sorted(event.data.forms),
        vulnerabilities: sorted(event.data.vulnerabilities),
        sector: event.data.sector ?? null,
      });
    }
    const theCase = cases.get(caseId);
    if (!theCase) continue;
    const factOf = (
      kind: FactKind,
      occurredOn: string,
      extra: Partial<Pick<FactRow, 'outcome' | 'ref' | 'interventionType' | 'level' | 'caseId' | 'district'>> = {},
    ): FactRow => ({
      eventId: stored.eventId,
      caseId,
      streamVersion: stored.streamVersion,
      kind,
      occurredOn,
      recordedAt: stored.recordedAt,
      district: theCase.district,
      outcome: null,
      ref: null,
      interventionType: null,
      level: null,
      ...extra,
    });
    const fact = (...args: Parameters<typeof factOf>) => out.facts.push(factOf(...args));
    const ownIntervention = (interventionId: string) => {
      const intervention = interventions.get(interventionId);
      return intervention && intervention.caseId === caseId ? intervention : undefined;
    };
    const interventionFact = (
      kind: FactKind,
      interventionId: string,
      occurredOn: string,
      outcome: string | null = null,
    ) => {
      const intervention = ownIntervention(interventionId);
      if (intervention) {
        fact(kind, occurredOn, {
          ref: interventionId,
          outcome,
          interventionType: intervention.interventionType,
          level: intervention.level,
        });
      }
      return intervention;
    };
    const ended = (intervention: InterventionRow | undefined, endedAs: InterventionEnd['endedAs'], on: string) => {
      if (!intervention || endedHere.has(intervention.interventionId)) return;
      unended.delete(intervention.interventionId);
      endedHere.add(intervention.interventionId);
      out.interventionEnds.push({
        interventionId: intervention.interventionId,
        eventId: stored.eventId,
        endedAs,
        endedOn: on < intervention.plannedOn ? intervention.plannedOn : on,
        recordedAt: stored.recordedAt,
      });
    };

    switch (event.type) {
      case 'SignalRegistered':
        fact('signal_received', event.data.receivedOn);
        break;
      case 'CaseReclassified':
        out.classifications.push({
          eventId: stored.eventId,
          caseId,
          streamVersion: stored.streamVersion,
          recordedAt: stored.recordedAt,
          decidedOn: event.data.decidedOn,
          forms: sorted(event.data.forms),
          vulnerabilities: sorted(event.data.vulnerabilities),
          sector: event.data.sector ?? null,
        });
        break;
      case 'CaseLinked': {
        // Both cases of a link may record it; the pair counts once, for the newer case, if the earlier was closed then.
        const other = cases.get(event.data.linkedCaseId);
        if (event.data.reason !== 'same_victim' || !other || other.caseId === caseId) break;
        const newer = newerOf(theCase, other);
        const earlier = newer === theCase ? other : theCase;
        if (!closed.has(earlier.caseId) || knownVictims.has(newer.caseId)) break;
        knownVictims.add(newer.caseId);
        fact('case_of_known_victim', newer.receivedOn, {
          caseId: newer.caseId,
          district: newer.district,
          ref: earlier.caseId,
          outcome: event.data.reason,
        });
        break;
      }
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
        const { interventionId, type, level, plannedOn, leadOrganisation, participants } = event.data;
        if (!interventions.has(interventionId)) {
          const row: InterventionRow = {
            interventionId,
            caseId,
            district: theCase.district,
            interventionType: type,
            level,
            leadOrganisation,
            participants: sorted(participants).filter((p) => p !== leadOrganisation),
            plannedOn,
            recordedAt: stored.recordedAt,
          };
          interventions.set(interventionId, row);
          unended.set(interventionId, row);
          out.interventions.push(row);
        }
        interventionFact('intervention_planned', interventionId, plannedOn);
        break;
      }
      case 'InterventionExecuted':
        ended(
          interventionFact('intervention_executed', event.data.interventionId, event.data.executedOn),
          'executed',
          event.data.executedOn,
        );
        break;
      case 'InterventionCancelled':
        ended(
          interventionFact('intervention_cancelled', event.data.interventionId, event.data.cancelledOn),
          'cancelled',
          event.data.cancelledOn,
        );
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
        closed.add(caseId);
        fact('case_closed', event.data.closedOn, { outcome: event.data.outcome });
        for (const intervention of [...unended.values()])
          if (intervention.caseId === caseId) ended(intervention, 'case_closed', event.data.closedOn);
        break;
      case 'CaseReopened':
        closed.delete(caseId);
        fact('case_reopened', event.data.reopenedOn, { outcome: event.data.reason });
        break;
      default:
        break;
    }
  }
  return out;
}

function caseRowOf(caseId: string, event: EventOf<'SignalRegistered'>, recordedAt: Date): CaseRow {
  const { district, municipality, receivedOn, source } = event.data;
  return { caseId, district, municipality, source: source.type, receivedOn, recordedAt };
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
