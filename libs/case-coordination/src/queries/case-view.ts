import { openPersonalData, type PersonalData } from '@baken/privacy';
import type { CaseView } from '@baken/access';
import type { AllowedCommands, CaseEvent, OpenCase, SealedPersonalData } from '../domain';

/** The actions the actor may take now, on the case and on each of its proposals, interventions and subjects. */
export type AllowedActions = AllowedCommands;

/** For a case as it was: the past cannot be acted on. */
export const NO_ACTIONS: AllowedActions = { case: [], proposals: {}, interventions: {}, subjects: {} };

export type SubjectKeys = ReadonlyMap<string, Buffer>;

function reveal(subjectId: string, sealed: SealedPersonalData | null, keys: SubjectKeys): PersonalData | null {
  const key = keys.get(subjectId);
  if (!sealed || !key) return null;
  return openPersonalData(key, subjectId, sealed);
}

/** Subject ids whose keys a full view needs. */
export const subjectIdsOf = (state: OpenCase) => state.subjects.map((s) => s.subjectId);

/** The case as API.md shapes it, with personal fields only for actors with need-to-know. */
export function toCaseResponse(
  state: OpenCase,
  version: number,
  view: CaseView,
  keys: SubjectKeys,
  actions: AllowedActions,
) {
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
  return {
    ...base,
    allowedActions: actions.case,
    forms: state.forms,
    vulnerabilities: state.vulnerabilities,
    source: state.source,
    summary: state.summary,
    coordinator: state.coordinator,
    urgency: state.urgency,
    triage: state.triage,
    subjects: state.subjects.map((s) => {
      const subject = {
        subjectId: s.subjectId,
        role: s.role,
        pseudonym: s.pseudonym,
        erased: s.erased,
        allowedActions: actions.subjects[s.subjectId] ?? [],
      };
      if (view !== 'full') return subject;
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
    proposals: state.proposals.map((p) => ({
      proposalId: p.proposalId,
      status: p.status,
      summary: p.summary,
      proposedInterventions: p.proposedInterventions,
      draftedBy: p.draftedBy,
      submittedBy: p.submittedBy,
      submittedOn: p.submittedOn,
      decision: p.decision,
      decidedOn: p.decidedOn,
      decidedBy: p.decidedBy,
      notes: p.notes,
      allowedActions: actions.proposals[p.proposalId] ?? [],
    })),
    interventions: state.interventions.map((i) => ({
      interventionId: i.interventionId,
      type: i.type,
      level: i.level,
      leadPartner: i.leadPartner,
      participants: i.participants,
      plannedOn: i.plannedOn,
      description: i.description,
      executedOn: i.executedOn,
      effects: i.effects,
      allowedActions: actions.interventions[i.interventionId] ?? [],
    })),
    closedOn: state.closedOn,
    outcome: state.outcome,
    closeRationale: state.closeRationale,
    reopenings: state.reopenings,
    missedDeadlines: state.missedDeadlines,
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

/** Event data with personal fields decrypted (full view) or left out (everyone else). Ciphertext never leaves. */
export function maskEventData(
  type: string,
  data: Record<string, unknown>,
  view: CaseView,
  keys: SubjectKeys,
): Record<string, unknown> {
  const maskSubject = (s: { subjectId: string; personalData: SealedPersonalData | null }) => {
    const { personalData, ...rest } = s;
    return view === 'full' ? { ...rest, personalData: reveal(s.subjectId, personalData, keys) } : rest;
  };
  if (type === 'SignalRegistered') {
    const subjects = (data.subjects as { subjectId: string; personalData: SealedPersonalData | null }[]) ?? [];
    return { ...data, subjects: subjects.map(maskSubject) };
  }
  if (type === 'SubjectAdded')
    return maskSubject(data as { subjectId: string; personalData: SealedPersonalData | null });
  return data;
}
