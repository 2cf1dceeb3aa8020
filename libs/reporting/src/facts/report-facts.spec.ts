import type { CaseEvent, ExploitationForm } from '@baken/case-coordination';
import {
  caseIdsOf,
  projectFacts,
  projectSpells,
  type CaseRow,
  type ClassificationRow,
  type FactRow,
  type InterventionRow,
  type KnownDimensions,
  type ReportedEvent,
  type SpellRow,
} from './report-facts';

const CASE_ID = '0b9a4c1e-1111-4e7b-9c21-5d0a7e9b4f10';
const OTHER_CASE = '0b9a4c1e-2222-4e7b-9c21-5d0a7e9b4f10';
const AT = new Date('2026-01-05T10:00:00Z');

/** Stored events of one case stream, numbered from `from`, each recorded a minute after the previous one. */
function stream(events: CaseEvent[], caseId = CASE_ID, from = 1): ReportedEvent[] {
  return events.map((e, i) => ({
    eventId: `00000000-0000-4000-8000-${String(from + i).padStart(12, '0')}`,
    streamId: `case-${caseId}`,
    streamVersion: from + i,
    type: e.type,
    data: e.data,
    recordedAt: new Date(AT.getTime() + (from + i) * 60_000),
  }));
}

const registered = (forms: ExploitationForm[] = ['labour'], caseId = CASE_ID): CaseEvent => ({
  type: 'SignalRegistered',
  data: {
    caseId,
    reference: 'ZWB-2026-00001',
    district: 'zeeland',
    municipality: 'goes',
    receivedOn: '2026-01-02',
    source: { type: 'police' },
    forms,
    vulnerabilities: [],
    summary: 'Werknemers slapen in een loods.',
    subjects: [],
    registeredBy: 'coordinator.zeeland',
  },
});
const planned = (
  interventionId: string,
  type: 'labour_inspection' | 'shelter_placement' = 'labour_inspection',
): CaseEvent => ({
  type: 'InterventionPlanned',
  data: {
    interventionId,
    type,
    level: type === 'labour_inspection' ? 'labour_law' : 'care',
    leadOrganisation: 'labour_inspectorate',
    participants: [],
    plannedOn: '2026-01-10',
  },
});
const none: KnownDimensions = { cases: new Map(), interventions: new Map() };

/** Given the events of a case, then these facts (without the fields every fact shares). */
const factsOf = (events: ReportedEvent[], known = none) =>
  projectFacts(events, known).facts.map(
    ({ kind, occurredOn, outcome, ref, interventionType, level, streamVersion }) => ({
      kind,
      occurredOn,
      outcome,
      ref,
      interventionType,
      level,
      streamVersion,
    }),
  );

describe('report facts of case events', () => {
  it('records the case once, with its district and source, its classification (sorted), and a signal_received fact on receivedOn', () => {
    const events = stream([registered(['sexual', 'labour'])]);
    const batch = projectFacts(events, none);
    expect(batch.cases).toEqual<CaseRow[]>([
      {
        caseId: CASE_ID,
        district: 'zeeland',
        municipality: 'goes',
        source: 'police',
        receivedOn: '2026-01-02',
        recordedAt: events[0].recordedAt,
      },
    ]);
    expect(batch.classifications).toEqual<ClassificationRow[]>([
      {
        eventId: events[0].eventId,
        caseId: CASE_ID,
        streamVersion: 1,
        recordedAt: events[0].recordedAt,
        decidedOn: '2026-01-02',
        forms: ['labour', 'sexual'],
        vulnerabilities: [],
        sector: null,
      },
    ]);
    expect(batch.facts).toEqual<FactRow[]>([
      {
        eventId: events[0].eventId,
        caseId: CASE_ID,
        streamVersion: 1,
        kind: 'signal_received',
        occurredOn: '2026-01-02',
        recordedAt: events[0].recordedAt,
        district: 'zeeland',
        outcome: null,
        ref: null,
        interventionType: null,
        level: null,
      },
    ]);
  });

  it('dates every fact by its business date and keeps its outcome and what it is about', () => {
    const events = stream([
      registered(),
      { type: 'CoordinatorAssigned', data: { coordinator: 'coordinator.zeeland' } },
      {
        type: 'SignalTriaged',
        data: { decidedOn: '2026-01-03', urgency: 'high', decision: 'refer_to_care_table', rationale: 'r' },
      },
      {
        type: 'CareTableMeetingRecorded',
        data: { meetingId: 'm-1', heldOn: '2026-01-06', participants: ['police_avim'], conclusions: 'c' },
      },
      {
        type: 'ProposalDrafted',
        data: { proposalId: 'p-1', summary: 's', measures: [], draftedBy: 'coordinator.zeeland' },
      },
      {
        type: 'ProposalSubmitted',
        data: { proposalId: 'p-1', submittedOn: '2026-01-07', submittedBy: 'coordinator.zeeland' },
      },
      {
        type: 'ProposalDecided',
        data: { proposalId: 'p-1', decidedOn: '2026-01-09', decision: 'approved', decidedBy: 'steering.zeeland' },
      },
      planned('i-1'),
      { type: 'InterventionExecuted', data: { interventionId: 'i-1', executedOn: '2026-01-12' } },
      {
        type: 'InterventionEffectRecorded',
        data: { interventionId: 'i-1', observedOn: '2026-01-20', effect: 'exploitation_stopped' },
      },
      { type: 'DeadlineMissed', data: { kind: 'effect_follow_up', dueOn: '2026-03-09', ref: 'i-1' } },
      { type: 'CaseClosed', data: { closedOn: '2026-01-25', outcome: 'exploitation_stopped', rationale: 'r' } },
      { type: 'CaseReopened', data: { reopenedOn: '2026-02-01', reason: 'revictimization' } },
    ]);
    const labour = { interventionType: 'labour_inspection', level: 'labour_law' };
    const plain = { outcome: null, ref: null, interventionType: null, level: null };
    expect(factsOf(events)).toEqual([
      { ...plain, kind: 'signal_received', occurredOn: '2026-01-02', streamVersion: 1 },
      { ...plain, kind: 'triage_decided', occurredOn: '2026-01-03', outcome: 'refer_to_care_table', streamVersion: 3 },
      { ...plain, kind: 'care_table_meeting_held', occurredOn: '2026-01-06', ref: 'm-1', streamVersion: 4 },
      { ...plain, kind: 'proposal_submitted', occurredOn: '2026-01-07', ref: 'p-1', streamVersion: 6 },
      {
        ...plain,
        kind: 'proposal_decided',
        occurredOn: '2026-01-09',
        ref: 'p-1',
        outcome: 'approved',
        streamVersion: 7,
      },
      { ...plain, ...labour, kind: 'intervention_planned', occurredOn: '2026-01-10', ref: 'i-1', streamVersion: 8 },
      { ...plain, ...labour, kind: 'intervention_executed', occurredOn: '2026-01-12', ref: 'i-1', streamVersion: 9 },
      {
        ...plain,
        ...labour,
        kind: 'intervention_effect_recorded',
        occurredOn: '2026-01-20',
        ref: 'i-1',
        outcome: 'exploitation_stopped',
        streamVersion: 10,
      },
      { ...plain, kind: 'case_closed', occurredOn: '2026-01-25', outcome: 'exploitation_stopped', streamVersion: 12 },
      { ...plain, kind: 'case_reopened', occurredOn: '2026-02-01', outcome: 'revictimization', streamVersion: 13 },
    ]);
    expect(projectFacts(events, none).interventions).toEqual<InterventionRow[]>([
      {
        interventionId: 'i-1',
        caseId: CASE_ID,
        district: 'zeeland',
        interventionType: 'labour_inspection',
        level: 'labour_law',
        leadOrganisation: 'labour_inspectorate',
        participants: [],
        plannedOn: '2026-01-10',
        recordedAt: events[7].recordedAt,
      },
    ]);
    expect(projectFacts(events, none).interventionEnds).toEqual([
      {
        interventionId: 'i-1',
        eventId: events[8].eventId,
        endedAs: 'executed',
        endedOn: '2026-01-12',
        recordedAt: events[8].recordedAt,
      },
    ]);
  });

  it('records a closure at triage (forward) as a triage decision and a closure', () => {
    const events = stream([
      registered(),
      {
        type: 'SignalTriaged',
        data: {
          decidedOn: '2026-01-03',
          urgency: 'normal',
          decision: 'forward',
          rationale: 'r',
          forwardedTo: 'veilig_thuis',
        },
      },
      { type: 'CaseClosed', data: { closedOn: '2026-01-03', outcome: 'forwarded', rationale: 'r' } },
    ]);
    expect(factsOf(events).map((f) => [f.kind, f.outcome])).toEqual([
      ['signal_received', null],
      ['triage_decided', 'forward'],
      ['case_closed', 'forwarded'],
    ]);
  });

  it("counts the stuurploeg's decisions by their approval or rejection, and each deferral, not each assent", () => {
    const vote = (vote: 'approved' | 'deferred' | 'rejected', decidedOn: string, voter: string): CaseEvent => ({
      type: 'ProposalVoteCast',
      data: {
        proposalId: 'p-1',
        vote,
        decidedOn,
        voter,
        organisation: voter,
        ...(vote === 'deferred' && { revisitOn: '2026-02-01' }),
      },
    });
    const events = stream([
      registered(),
      {
        type: 'ProposalSubmitted',
        data: { proposalId: 'p-1', submittedOn: '2026-01-07', submittedBy: 'coordinator.zeeland' },
      },
      vote('deferred', '2026-01-08', 'riec'),
      vote('approved', '2026-01-20', 'police_avim'),
      vote('approved', '2026-01-21', 'public_prosecutor'),
      { type: 'ProposalApproved', data: { proposalId: 'p-1', decidedOn: '2026-01-21' } },
      { type: 'ProposalRejected', data: { proposalId: 'p-2', decidedOn: '2026-01-22', rationale: 'r' } },
    ]);
    expect(factsOf(events).map((f) => [f.kind, f.occurredOn, f.outcome, f.ref])).toEqual([
      ['signal_received', '2026-01-02', null, null],
      ['proposal_submitted', '2026-01-07', null, 'p-1'],
      ['proposal_deferred', '2026-01-08', null, 'p-1'],
      ['proposal_decided', '2026-01-21', 'approved', 'p-1'],
      ['proposal_decided', '2026-01-22', 'rejected', 'p-2'],
    ]);
  });

  it('finds the case and the intervention registered in an earlier batch among the known ones', () => {
    const first = stream([registered(['criminal']), planned('i-9', 'shelter_placement')]);
    const earlier = projectFacts(first, none);
    const known: KnownDimensions = {
      cases: new Map(earlier.cases.map((c) => [c.caseId, c])),
      interventions: new Map(earlier.interventions.map((i) => [i.interventionId, i])),
    };
    const later = stream(
      [{ type: 'InterventionExecuted', data: { interventionId: 'i-9', executedOn: '2026-01-15' } }],
      CASE_ID,
      3,
    );
    const batch = projectFacts(later, known);
    expect(batch.cases).toEqual([]);
    expect(batch.interventions).toEqual([]);
    expect(batch.facts).toEqual([
      expect.objectContaining({
        kind: 'intervention_executed',
        district: 'zeeland',
        ref: 'i-9',
        interventionType: 'shelter_placement',
        level: 'care',
      }),
    ]);
  });

  it('keeps the cases of one batch apart', () => {
    const events = [...stream([registered(['labour'])]), ...stream([registered(['sexual'], OTHER_CASE)], OTHER_CASE)];
    const batch = projectFacts(events, none);
    expect(batch.classifications.map((c) => [c.caseId, c.forms])).toEqual([
      [CASE_ID, ['labour']],
      [OTHER_CASE, ['sexual']],
    ]);
  });

  it("ignores what does not fit: events of an unknown case, an unknown intervention, another case's intervention, other streams", () => {
    const unknownCase = stream(
      [{ type: 'CaseClosed', data: { closedOn: '2026-01-25', outcome: 'other', rationale: 'r' } }],
      OTHER_CASE,
      2,
    );
    expect(projectFacts(unknownCase, none)).toEqual({
      cases: [],
      classifications: [],
      interventions: [],
      interventionEnds: [],
      facts: [],
    });

    const caseWithPlan = stream([registered(), planned('i-1')]);
    const foreign = stream(
      [
        registered(['sexual'], OTHER_CASE),
        { type: 'InterventionExecuted', data: { interventionId: 'i-1', executedOn: '2026-01-12' } },
      ],
      OTHER_CASE,
    );
    const unknownIntervention = stream(
      [{ type: 'InterventionExecuted', data: { interventionId: 'i-404', executedOn: '2026-01-12' } }],
      CASE_ID,
      3,
    );
    const kinds = projectFacts([...caseWithPlan, ...foreign, ...unknownIntervention], none).facts.map(
      (f) => `${f.caseId === CASE_ID ? 'case' : 'other'}:${f.kind}`,
    );
    expect(kinds).toEqual(['case:signal_received', 'case:intervention_planned', 'other:signal_received']);

    const otherStream = stream([registered()]).map((e) => ({ ...e, streamId: 'deadline-x' }));
    expect(projectFacts(otherStream, none).facts).toEqual([]);
  });

  it('keeps every classification a case is given, as recorded, and counts none of them as a fact', () => {
    const events = stream([
      registered(['unknown']),
      {
        type: 'CaseReclassified',
        data: {
          decidedOn: '2026-01-25',
          forms: ['sexual', 'criminal'],
          vulnerabilities: ['minor', 'labour_migrant'],
          sector: 'hospitality',
          rationale: 'Vastgesteld aan de Zorgtafel.',
        },
      },
    ]);
    const batch = projectFacts(events, none);
    expect(
      batch.classifications.map(({ streamVersion, decidedOn, forms, vulnerabilities, sector, recordedAt }) => ({
        streamVersion,
        decidedOn,
        forms,
        vulnerabilities,
        sector,
        recordedAt,
      })),
    ).toEqual([
      {
        streamVersion: 1,
        decidedOn: '2026-01-02',
        forms: ['unknown'],
        vulnerabilities: [],
        sector: null,
        recordedAt: events[0].recordedAt,
      },
      {
        streamVersion: 2,
        decidedOn: '2026-01-25',
        forms: ['criminal', 'sexual'],
        vulnerabilities: ['labour_migrant', 'minor'],
        sector: 'hospitality',
        recordedAt: events[1].recordedAt,
      },
    ]);
    expect(batch.facts.map((f) => f.kind)).toEqual(['signal_received']);
  });

  it('keeps who leads an intervention and who takes part, and ends a cancelled one on its cancellation (never before its plan)', () => {
    const events = stream([
      registered(),
      {
        type: 'InterventionPlanned',
        data: {
          interventionId: 'i-1',
          type: 'labour_inspection',
          level: 'labour_law',
          leadOrganisation: 'municipality:goes',
          participants: ['police_avim', 'labour_inspectorate', 'municipality:goes'],
          plannedOn: '2026-02-10',
        },
      },
      {
        type: 'InterventionCancelled',
        data: {
          interventionId: 'i-1',
          cancelledOn: '2026-01-20',
          reason: 'Pand leeg',
          cancelledBy: 'coordinator.zeeland',
        },
      },
    ]);
    const batch = projectFacts(events, none);
    expect(batch.interventions[0]).toMatchObject({
      leadOrganisation: 'municipality:goes',
      participants: ['labour_inspectorate', 'police_avim'],
    });
    expect(batch.facts.map((f) => [f.kind, f.occurredOn, f.ref, f.interventionType])).toEqual([
      ['signal_received', '2026-01-02', null, null],
      ['intervention_planned', '2026-02-10', 'i-1', 'labour_inspection'],
      ['intervention_cancelled', '2026-01-20', 'i-1', 'labour_inspection'],
    ]);
    expect(batch.interventionEnds).toEqual([
      expect.objectContaining({ interventionId: 'i-1', endedAs: 'cancelled', endedOn: '2026-02-10' }),
    ]);
  });

  it("ends a closed case's plans that were neither executed nor cancelled, once, at the closure", () => {
    const events = stream([
      registered(),
      planned('i-1'),
      planned('i-2', 'shelter_placement'),
      { type: 'InterventionExecuted', data: { interventionId: 'i-1', executedOn: '2026-01-12' } },
      { type: 'CaseClosed', data: { closedOn: '2026-01-08', outcome: 'other', rationale: 'r' } },
      { type: 'CaseReopened', data: { reopenedOn: '2026-02-01', reason: 'new_information' } },
      { type: 'InterventionExecuted', data: { interventionId: 'i-2', executedOn: '2026-02-03' } },
    ]);
    const ends = projectFacts(events, none).interventionEnds.map(({ interventionId, endedAs, endedOn }) => [
      interventionId,
      endedAs,
      endedOn,
    ]);
    expect(ends).toEqual([
      ['i-1', 'executed', '2026-01-12'],
      ['i-2', 'case_closed', '2026-01-10'],
    ]);
    const first = projectFacts(events.slice(0, 3), none);
    const later = projectFacts(events.slice(4, 5), {
      cases: new Map(first.cases.map((c) => [c.caseId, c])),
      interventions: new Map(),
      unendedInterventions: new Map(first.interventions.map((i) => [i.interventionId, i])),
    });
    expect(later.interventionEnds.map((e) => [e.interventionId, e.endedAs])).toEqual([
      ['i-1', 'case_closed'],
      ['i-2', 'case_closed'],
    ]);
  });

  describe('a new case of a victim known from a closed case', () => {
    const EARLIER = CASE_ID;
    const NEWER = OTHER_CASE;
    const closed: CaseEvent = {
      type: 'CaseClosed',
      data: { closedOn: '2026-01-20', outcome: 'other', rationale: 'r' },
    };
    const newer = (): CaseEvent => {
      const e = registered(['sexual'], NEWER) as Extract<CaseEvent, { type: 'SignalRegistered' }>;
      return { ...e, data: { ...e.data, district: 'de-baronie', municipality: 'breda', receivedOn: '2026-02-03' } };
    };
    const linked = (to: string, reason: 'same_victim' | 'same_suspect' = 'same_victim'): CaseEvent => ({
      type: 'CaseLinked',
      data: { linkedCaseId: to, linkedReference: 'ZWB-2026-00001', reason, linkedBy: 'coordinator.zeeland' },
    });

    it('counts the newer case once, on its receipt and in its district, whichever case records the link', () => {
      const base = [...stream([registered(), closed]), ...stream([newer()], NEWER, 1)];
      for (const link of [stream([linked(EARLIER)], NEWER, 2), stream([linked(NEWER)], EARLIER, 3)]) {
        const facts = projectFacts([...base, ...link], none).facts.filter((f) => f.kind === 'case_of_known_victim');
        expect(facts).toEqual([
          expect.objectContaining({
            caseId: NEWER,
            district: 'de-baronie',
            occurredOn: '2026-02-03',
            ref: EARLIER,
            outcome: 'same_victim',
            eventId: link[0].eventId,
          }),
        ]);
      }
      const both = [...base, ...stream([linked(EARLIER)], NEWER, 2), ...stream([linked(NEWER)], EARLIER, 3)];
      expect(projectFacts(both, none).facts.filter((f) => f.kind === 'case_of_known_victim')).toHaveLength(1);
    });

    it('counts nothing when the earlier case is open, the reason is another, or the case was counted before', () => {
      const open = [...stream([registered()]), ...stream([newer(), linked(EARLIER)], NEWER, 1)];
      expect(projectFacts(open, none).facts.map((f) => f.kind)).not.toContain('case_of_known_victim');
      const reopened = [
        ...stream([
          registered(),
          closed,
          { type: 'CaseReopened', data: { reopenedOn: '2026-01-30', reason: 'new_information' } },
        ]),
        ...stream([newer(), linked(EARLIER)], NEWER, 1),
      ];
      expect(projectFacts(reopened, none).facts.map((f) => f.kind)).not.toContain('case_of_known_victim');
      const suspect = [
        ...stream([registered(), closed]),
        ...stream([newer(), linked(EARLIER, 'same_suspect')], NEWER, 1),
      ];
      expect(projectFacts(suspect, none).facts.map((f) => f.kind)).not.toContain('case_of_known_victim');
      const first = projectFacts([...stream([registered(), closed]), ...stream([newer()], NEWER, 1)], none);
      const known: KnownDimensions = {
        cases: new Map(first.cases.map((c) => [c.caseId, c])),
        interventions: new Map(),
        closedCases: new Set([EARLIER]),
        knownVictimCases: new Set([NEWER]),
      };
      expect(projectFacts(stream([linked(EARLIER)], NEWER, 2), known).facts).toEqual([]);
      expect(
        projectFacts(stream([linked(EARLIER)], NEWER, 2), { ...known, knownVictimCases: new Set() }).facts,
      ).toEqual([expect.objectContaining({ kind: 'case_of_known_victim', caseId: NEWER })]);
    });

    it('names the linked cases among the cases a batch refers to', () => {
      expect(caseIdsOf(stream([linked(EARLIER)], NEWER, 2)).sort()).toEqual([EARLIER, NEWER].sort());
    });
  });

  it('yields nothing new when a registration is delivered again', () => {
    const events = stream([registered()]);
    const once = projectFacts(events, none);
    const again = projectFacts(events, {
      cases: new Map(once.cases.map((c) => [c.caseId, c])),
      interventions: new Map(),
    });
    expect(again.cases).toEqual([]);
    expect(again.facts).toEqual([]);
  });
});

describe('open spells of a case', () => {
  const closed = (on: string): CaseEvent => ({
    type: 'CaseClosed',
    data: { closedOn: on, outcome: 'other', rationale: 'r' },
  });
  const reopened = (on: string): CaseEvent => ({
    type: 'CaseReopened',
    data: { reopenedOn: on, reason: 'revictimization' },
  });
  const theCase = projectFacts(stream([registered()]), none).cases[0];
  const knownCase: KnownDimensions = { cases: new Map([[CASE_ID, theCase]]), interventions: new Map() };
  const spellsOf = (events: ReportedEvent[], latest = new Map<string, SpellRow>()) =>
    projectSpells(projectFacts(events, latest.size ? knownCase : none).facts, latest);
  const brief = (s: SpellRow) => [s.openedOn, s.closedOn, s.receivedOn];

  it('opens a spell at receipt and closes it at the closure', () => {
    const events = stream([registered(), closed('2026-01-20')]);
    const { opened, closed: closedEarlier } = spellsOf(events);
    expect(opened).toEqual<SpellRow[]>([
      {
        openedEventId: events[0].eventId,
        caseId: CASE_ID,
        district: 'zeeland',
        openedVersion: 1,
        openedOn: '2026-01-02',
        openedRecordedAt: events[0].recordedAt,
        receivedOn: '2026-01-02',
        closedEventId: events[1].eventId,
        closedOn: '2026-01-20',
        closedRecordedAt: events[1].recordedAt,
      },
    ]);
    expect(closedEarlier).toEqual([]);
  });

  it('opens a new spell at each reopening, keeping the date of receipt for the age', () => {
    const events = stream([
      registered(),
      closed('2026-01-20'),
      reopened('2026-02-01'),
      closed('2026-03-01'),
      reopened('2026-03-01'),
    ]);
    expect(spellsOf(events).opened.map(brief)).toEqual([
      ['2026-01-02', '2026-01-20', '2026-01-02'],
      ['2026-02-01', '2026-03-01', '2026-01-02'],
      ['2026-03-01', null, '2026-01-02'],
    ]);
  });

  it('closes a spell stored by an earlier batch, and never one that is closed already', () => {
    const first = spellsOf(stream([registered()]));
    const latest = new Map(first.opened.map((s) => [s.caseId, s]));
    const later = spellsOf(stream([closed('2026-01-20')], CASE_ID, 2), latest);
    expect(later.opened).toEqual([]);
    expect(later.closed.map(brief)).toEqual([['2026-01-02', '2026-01-20', '2026-01-02']]);
    const again = spellsOf(stream([closed('2026-01-20')], CASE_ID, 2), new Map(later.closed.map((s) => [s.caseId, s])));
    expect(again).toEqual({ opened: [], closed: [] });
  });

  it('ignores facts it has seen: at or before the latest spell', () => {
    const events = stream([registered(), closed('2026-01-20'), reopened('2026-02-01')]);
    const { opened } = spellsOf(events);
    const latest = new Map([[CASE_ID, opened[1]]]);
    expect(spellsOf(events, latest)).toEqual({ opened: [], closed: [] });
  });

  it('never lets a spell end before it began (a closure dated before the reopening)', () => {
    const events = stream([registered(), closed('2026-01-20'), reopened('2026-02-01'), closed('2026-01-25')]);
    expect(spellsOf(events).opened.map(brief)[1]).toEqual(['2026-02-01', '2026-02-01', '2026-01-02']);
  });
});
