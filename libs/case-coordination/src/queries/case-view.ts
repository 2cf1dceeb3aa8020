import { openPersonalData, type PersonalData } from '@baken/privacy';
import type { CaseView } from '@baken/access';
import {
  organisationKind,
  type AllowedCommands,
  type CaseEvent,
  type CaseEventType,
  type OpenCase,
  type ProposalState,
  type SealedPersonalData,
} from '../domain';

/** The actions the actor may take now, on the case and on each of its proposals, interventions and subjects. */
export type AllowedActions = AllowedCommands;

/** For a case as it was: the past cannot be acted on. */
export const NO_ACTIONS: AllowedActions = {
  case: [],
  proposals: {},
  interventions: {},
  subjects: {},
  actionPoints: {},
};

export type SubjectKeys = ReadonlyMap<string, Buffer>;

/** Who reads a case, as far as its shape goes: the view the policy gives them, and their organisation. */
export interface Viewer {
  view: CaseView;
  organisation: string | null;
}

/** Whether the organisation leads or takes part in the intervention. */
const worksOn = (i: { leadOrganisation: string; participants: readonly string[] }, organisation: string | null) =>
  organisation !== null && (i.leadOrganisation === organisation || i.participants.includes(organisation));

/** Whether the action point is the organisation's work (owned by it, or by one of its people). */
const owns = (a: { ownerOrganisation: string | null }, organisation: string | null) =>
  organisation !== null && a.ownerOrganisation === organisation;

/** An action point as its owner and the coordinator see it. */
function actionPointOf(a: OpenCase['actionPoints'][number], actions: AllowedActions) {
  return {
    actionPointId: a.actionPointId,
    meetingId: a.meetingId,
    sessionId: a.sessionId,
    description: a.description,
    owner: a.owner,
    ownerKind: a.ownerKind,
    ownerOrganisation: a.ownerOrganisation,
    agreedOn: a.agreedOn,
    dueOn: a.dueOn,
    completedOn: a.completedOn,
    completionNote: a.completionNote,
    completedBy: a.completedBy,
    allowedActions: actions.actionPoints[a.actionPointId] ?? [],
  };
}

/** The current forwarding as the coordinator and the receiving partner see it. */
const forwardingOf = (state: OpenCase, withNote: boolean) =>
  state.forwarding && {
    forwardedTo: state.forwarding.forwardedTo,
    forwardedOn: state.forwarding.forwardedOn,
    feedback: state.forwarding.feedback && {
      ...state.forwarding.feedback,
      note: withNote ? state.forwarding.feedback.note : null,
    },
  };

/**
 * The subjects whose personal data the viewer may see in this state: every subject for the full view, those disclosed
 * to one of its organisation's interventions for a partner, none for anyone else.
 */
export function revealableSubjects(state: OpenCase, viewer: Viewer): string[] {
  if (viewer.view === 'full') return subjectIdsOf(state);
  if (viewer.view !== 'partner') return [];
  return [
    ...new Set(state.interventions.filter((i) => worksOn(i, viewer.organisation)).flatMap((i) => i.disclosedSubjects)),
  ];
}

function reveal(subjectId: string, sealed: SealedPersonalData | null, keys: SubjectKeys): PersonalData | null {
  const key = keys.get(subjectId);
  if (!sealed || !key) return null;
  return openPersonalData(key, subjectId, sealed);
}

/** Subject ids whose keys a full view needs. */
export const subjectIdsOf = (state: OpenCase) => state.subjects.map((s) => s.subjectId);

/** A proposal as the stuurploeg sees it: its steering summary, measures and votes; not the care narrative. */
/** A proposal's votes as the case view and the stuurploeg's agenda show them. */
export const votesOf = (p: ProposalState) =>
  p.votes.map(({ username, organisation, vote, decidedOn, rationale, revisitOn, conditions, evaluateOn }) => ({
    username,
    organisation,
    decision: vote,
    decidedOn,
    rationale,
    revisitOn,
    conditions,
    evaluateOn,
  }));

function steeringProposal(p: ProposalState, actions: AllowedActions) {
  return {
    proposalId: p.proposalId,
    status: p.status,
    steeringSummary: p.steeringSummary,
    measures: p.measures,
    proposedInterventions: p.measures.map((m) => m.type),
    submittedOn: p.submittedOn,
    votes: votesOf(p),
    revisitOn: p.revisitOn,
    decision: p.decision,
    decidedOn: p.decidedOn,
    decidedBy: p.decidedBy,
    conditions: p.conditions,
    evaluateOn: p.evaluateOn,
    allowedActions: actions.proposals[p.proposalId] ?? [],
  };
}

/**
 * The case as API.md shapes it for the actor's view (DOMAIN.md "Roles"): `full` with personal data (coordinators,
 * auditors), `pseudonymised` (partners), `steering` (the header, the proposals put to the stuurploeg and pseudonyms —
 * never the signal summary, triage rationale, care-table conclusions or consents), `status` (liaisons).
 */
export function toCaseResponse(
  state: OpenCase,
  version: number,
  viewer: Viewer,
  keys: SubjectKeys,
  actions: AllowedActions,
) {
  const { view } = viewer;
  const base = {
    caseId: state.caseId,
    reference: state.reference,
    version,
    status: state.status,
    district: state.district,
    municipality: state.municipality,
    receivedOn: state.receivedOn,
  };
  if (view === 'status') return base;
  const header = {
    ...base,
    allowedActions: actions.case,
    forms: state.forms,
    vulnerabilities: state.vulnerabilities,
    sector: state.sector,
    coordinator: state.coordinator,
    urgency: state.urgency,
  };
  const pseudonyms = state.subjects.map((s) => ({
    subjectId: s.subjectId,
    role: s.role,
    pseudonym: s.pseudonym,
    erased: s.erased,
    allowedActions: actions.subjects[s.subjectId] ?? [],
  }));
  if (view === 'steering') {
    return {
      ...header,
      subjects: pseudonyms,
      proposals: state.proposals.filter((p) => p.submittedOn !== null).map((p) => steeringProposal(p, actions)),
      closedOn: state.closedOn,
      outcome: state.outcome,
    };
  }
  if (view === 'partner') {
    // The organisation's own work, with the brief written for it; a subject disclosed to it by name.
    const disclosed = new Set(revealableSubjects(state, viewer));
    return {
      ...header,
      subjects: pseudonyms.map((subject, i) => {
        if (!disclosed.has(subject.subjectId)) return subject;
        const personal = reveal(subject.subjectId, state.subjects[i].personalData, keys);
        return {
          ...subject,
          name: personal?.name ?? null,
          birthDate: personal?.birthDate ?? null,
          nationality: personal?.nationality ?? null,
        };
      }),
      interventions: state.interventions
        .filter((i) => worksOn(i, viewer.organisation))
        .map((i) => ({ ...interventionOf(i, actions), disclosedSubjects: [...i.disclosedSubjects] })),
      actionPoints: state.actionPoints
        .filter((a) => owns(a, viewer.organisation))
        .map((a) => actionPointOf(a, actions)),
      forwarding: state.forwarding?.forwardedTo === viewer.organisation ? forwardingOf(state, true) : null,
      closedOn: state.closedOn,
      outcome: state.outcome,
    };
  }
  return {
    ...header,
    source: state.source,
    summary: state.summary,
    triage: state.triage,
    reclassifications: state.reclassifications,
    links: state.links,
    forwarding: forwardingOf(state, true),
    subjects: pseudonyms.map((subject, i) => {
      if (view !== 'full') return subject;
      const s = state.subjects[i];
      const personal = reveal(s.subjectId, s.personalData, keys);
      return {
        ...subject,
        name: personal?.name ?? null,
        birthDate: personal?.birthDate ?? null,
        nationality: personal?.nationality ?? null,
        notes: personal?.notes ?? null,
        consents: s.consents,
      };
    }),
    careTableMeetings: state.careTableMeetings,
    actionPoints: state.actionPoints.map((a) => actionPointOf(a, actions)),
    proposals: state.proposals.map((p) => ({
      ...steeringProposal(p, actions),
      summary: p.summary,
      draftedBy: p.draftedBy,
      submittedBy: p.submittedBy,
      notes: p.notes,
      evaluation: p.evaluation,
    })),
    interventions: state.interventions.map((i) => ({
      ...interventionOf(i, actions),
      disclosedSubjects: [...i.disclosedSubjects],
    })),
    closedOn: state.closedOn,
    outcome: state.outcome,
    closeRationale: state.closeRationale,
    reopenings: state.reopenings,
    missedDeadlines: state.missedDeadlines,
  };
}

/** An intervention as its organisations and the coordinator see it. */
function interventionOf(i: OpenCase['interventions'][number], actions: AllowedActions) {
  return {
    interventionId: i.interventionId,
    type: i.type,
    level: i.level,
    leadOrganisation: i.leadOrganisation,
    leadPartner: organisationKind(i.leadOrganisation) ?? i.leadOrganisation,
    participants: i.participants,
    proposalId: i.proposalId,
    plannedOn: i.plannedOn,
    description: i.description,
    executedOn: i.executedOn,
    executionNotes: i.executionNotes,
    status: i.executedOn !== null ? 'executed' : i.cancelledOn !== null ? 'cancelled' : 'planned',
    cancelledOn: i.cancelledOn,
    cancellationReason: i.cancellationReason,
    effects: i.effects,
    allowedActions: actions.interventions[i.interventionId] ?? [],
  };
}

/** Subject ids mentioned by events, for loading keys. */
export function subjectIdsInEvents(events: readonly { type: string; data: unknown }[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    const event = e as CaseEvent;
    if (event.type === 'SignalRegistered') event.data.subjects.forEach((s) => ids.add(s.subjectId));
    if (event.type === 'SubjectAdded') ids.add(event.data.subjectId);
  }
  return [...ids];
}

/**
 * What the stuurploeg sees of each event in a case's history: the fields it may know, never narrative, personal data
 * or consents. Every event type is listed, so a new one is a decision, not an oversight; `[]` shows only that it
 * happened.
 */
const STEERING_FIELDS: Readonly<Record<CaseEventType, readonly string[]>> = {
  SignalRegistered: [
    'caseId',
    'reference',
    'district',
    'municipality',
    'receivedOn',
    'forms',
    'vulnerabilities',
    'subjects',
  ],
  CaseReclassified: ['decidedOn', 'forms', 'vulnerabilities', 'sector'],
  CaseLinked: [],
  CoordinatorAssigned: ['coordinator', 'previousCoordinator'],
  SignalTriaged: ['decidedOn', 'urgency', 'decision', 'forwardedTo'],
  ForwardFeedbackRecorded: ['receivedOn', 'feedback'],
  CareTableMeetingRecorded: ['meetingId', 'heldOn', 'participants', 'victimInformed', 'sessionId'],
  ActionPointAdded: [],
  ActionPointCompleted: [],
  ProposalDrafted: ['proposalId', 'steeringSummary', 'measures'],
  ProposalRevised: ['proposalId', 'steeringSummary', 'measures'],
  ProposalSubmitted: ['proposalId', 'submittedOn', 'submittedBy'],
  ProposalWithdrawn: ['proposalId', 'withdrawnBy'],
  ProposalVoteCast: [
    'proposalId',
    'vote',
    'decidedOn',
    'rationale',
    'revisitOn',
    'conditions',
    'evaluateOn',
    'voter',
    'organisation',
  ],
  ProposalApproved: ['proposalId', 'decidedOn', 'conditions', 'evaluateOn'],
  ProposalRejected: ['proposalId', 'decidedOn', 'rationale'],
  ProposalEvaluated: ['proposalId', 'evaluatedOn', 'evaluatedBy'],
  ProposalDecided: ['proposalId', 'decidedOn', 'decision', 'notes', 'decidedBy'],
  InterventionPlanned: [
    'interventionId',
    'type',
    'level',
    'leadOrganisation',
    'participants',
    'plannedOn',
    'proposalId',
  ],
  InterventionExecuted: ['interventionId', 'executedOn'],
  InterventionCancelled: ['interventionId', 'cancelledOn'],
  InterventionEffectRecorded: ['interventionId', 'observedOn', 'effect'],
  SubjectDisclosed: [],
  SubjectDisclosureRevoked: [],
  SubjectAdded: ['subjectId', 'role', 'pseudonym'],
  ConsentRecorded: [],
  SubjectPersonalDataErased: ['subjectId'],
  NarrativeRedacted: ['subjectId'],
  CaseClosed: ['closedOn', 'outcome'],
  CaseReopened: ['reopenedOn', 'reason'],
  DeadlineMissed: ['kind', 'dueOn', 'ref'],
};

/**
 * What a partner sees of each event in the history of a case it works on: `'intervention'` events only when they are
 * about one of its organisation's interventions, `null` events not at all (the care narrative, the stuurploeg,
 * consents, other partners' work). Every event type is listed.
 */
const PARTNER_FIELDS: Readonly<Record<CaseEventType, readonly string[] | { own: readonly string[] } | null>> = {
  SignalRegistered: ['caseId', 'reference', 'district', 'municipality', 'receivedOn', 'forms', 'subjects'],
  CaseReclassified: ['decidedOn', 'forms'],
  CaseLinked: null,
  CoordinatorAssigned: ['coordinator'],
  SignalTriaged: null,
  ForwardFeedbackRecorded: ['receivedOn', 'feedback'],
  CareTableMeetingRecorded: null,
  ActionPointAdded: { own: ['actionPointId', 'owner', 'ownerKind', 'ownerOrganisation', 'dueOn', 'description'] },
  ActionPointCompleted: { own: ['actionPointId', 'completedOn', 'note', 'completedBy'] },
  ProposalDrafted: null,
  ProposalRevised: null,
  ProposalSubmitted: null,
  ProposalWithdrawn: null,
  ProposalVoteCast: null,
  ProposalApproved: null,
  ProposalRejected: null,
  ProposalEvaluated: null,
  ProposalDecided: null,
  InterventionPlanned: {
    own: ['interventionId', 'type', 'level', 'leadOrganisation', 'participants', 'plannedOn', 'description'],
  },
  InterventionExecuted: { own: ['interventionId', 'executedOn', 'notes'] },
  InterventionCancelled: { own: ['interventionId', 'cancelledOn', 'reason'] },
  InterventionEffectRecorded: { own: ['interventionId', 'observedOn', 'effect', 'description'] },
  SubjectDisclosed: { own: ['interventionId', 'subjectId'] },
  SubjectDisclosureRevoked: { own: ['interventionId', 'subjectId'] },
  SubjectAdded: ['subjectId', 'role', 'pseudonym'],
  ConsentRecorded: null,
  SubjectPersonalDataErased: ['subjectId'],
  NarrativeRedacted: null,
  CaseClosed: ['closedOn', 'outcome'],
  CaseReopened: ['reopenedOn', 'reason'],
  DeadlineMissed: null,
};

type StoredSubject = { subjectId: string; role: string; pseudonym: string; personalData: SealedPersonalData | null };

/** The interventions of a case's events that the organisation leads or takes part in, and the action points it owns. */
export function interventionsOf(
  events: readonly { type: string; data: unknown }[],
  organisation: string | null,
): Set<string> {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.type === 'ActionPointAdded') {
      const data = e.data as { actionPointId: string; ownerOrganisation: string | null };
      if (owns(data, organisation)) ids.add(data.actionPointId);
    }
    if (e.type !== 'InterventionPlanned') continue;
    const data = e.data as { interventionId: string; leadOrganisation: string; participants?: string[] };
    if (worksOn({ leadOrganisation: data.leadOrganisation, participants: data.participants ?? [] }, organisation))
      ids.add(data.interventionId);
  }
  return ids;
}

/**
 * Event data as the view allows, or `null` when the viewer does not see the event at all: personal fields decrypted
 * (full view) or left out (everyone else), for the stuurploeg only the fields of {@link STEERING_FIELDS}, for a
 * partner only those of {@link PARTNER_FIELDS} about its own interventions (`own`). Ciphertext never leaves.
 */
export function maskEventData(
  type: string,
  data: Record<string, unknown>,
  view: CaseView,
  keys: SubjectKeys,
  own: ReadonlySet<string> = new Set(),
): Record<string, unknown> | null {
  const maskSubject = (s: StoredSubject) => {
    const { personalData, ...rest } = s;
    return view === 'full' ? { ...rest, personalData: reveal(s.subjectId, personalData, keys) } : rest;
  };
  // The restated texts are shown in place of the texts they restate, not a second time here.
  if (type === 'NarrativeRedacted' && view !== 'partner')
    return { subjectId: data.subjectId, restatedTexts: (data.texts as unknown[] | undefined)?.length ?? 0 };
  let masked = data;
  if (type === 'SignalRegistered')
    masked = { ...data, subjects: ((data.subjects as StoredSubject[]) ?? []).map(maskSubject) };
  if (type === 'SubjectAdded') masked = maskSubject(data as StoredSubject);
  if (view === 'full') return masked;
  const rule = view === 'steering' ? STEERING_FIELDS[type as CaseEventType] : PARTNER_FIELDS[type as CaseEventType];
  if (!rule) return null;
  let allowed: readonly string[];
  if ('own' in rule) {
    if (!own.has(String(data.interventionId ?? data.actionPointId))) return null;
    allowed = rule.own;
  } else allowed = rule;
  return Object.fromEntries(Object.entries(masked).filter(([field]) => allowed.includes(field)));
}
