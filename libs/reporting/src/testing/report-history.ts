import {
  decide, evolve, INTERVENTION_LEVEL_BY_TYPE, SEED_DISTRICTS, municipalitySlug,
  type CaseCommand, type CaseState, type CloseOutcome, type Effect, type ExploitationForm, type InterventionLevel,
  type InterventionType, type ReopenReason, type TriageDecision,
} from '@baken/case-coordination';
import type { Database, EventStore, NewEvent } from '@baken/event-store';
import { businessDateOf } from '@baken/platform';

/**
 * A generated case history for report tests and benchmarks: cases over the four districts, driven through the pure
 * `decide` (so every event obeys the case rules) and appended to the event store with realistic recording instants
 * (work is often recorded days after its business date). Next to the log it returns the same facts as plain data,
 * so a test can compute every figure independently of the projection and its SQL.
 */
export interface HistoryOptions {
  /** First and last business date of the history. */
  firstDay: string;
  lastDay: string;
  /** Cases per district, before the district's weight (see {@link DISTRICT_WEIGHTS}). */
  casesPerDistrict: number;
  /** Nothing is recorded after this instant. */
  now: Date;
  seed?: number;
  /** Commands appended per transaction; default 250. */
  commandsPerTransaction?: number;
  /** Called after every transaction, e.g. to let a live projection catch up in between. */
  afterTransaction?: (commandsDone: number, commandsTotal: number) => Promise<void>;
}

export interface Recorded {
  /** Business date. */
  on: string;
  recordedAt: Date;
}

export interface GeneratedIntervention {
  interventionId: string;
  type: InterventionType;
  level: InterventionLevel;
  planned: Recorded;
  executed: Recorded | null;
  /** In the order recorded. */
  effects: (Recorded & { effect: Effect })[];
}

export interface GeneratedCase {
  caseId: string;
  district: string;
  forms: ExploitationForm[];
  received: Recorded;
  triages: (Recorded & { decision: TriageDecision })[];
  meetings: Recorded[];
  proposals: { proposalId: string; submitted: Recorded | null; decided: (Recorded & { decision: 'approved' | 'rejected' }) | null }[];
  interventions: GeneratedIntervention[];
  closures: (Recorded & { outcome: CloseOutcome })[];
  reopenings: (Recorded & { reason: ReopenReason })[];
}

export interface GeneratedHistory {
  cases: GeneratedCase[];
  /** Events appended. */
  events: number;
  commands: number;
}

/** Some districts see more signals than others, so that targets are met in some and missed in others. */
export const DISTRICT_WEIGHTS: Record<string, number> = { zeeland: 0.6, 'de-markiezaten': 0.9, 'de-baronie': 1.2, 'hart-van-brabant': 1.3 };

const FORM_SETS: ExploitationForm[][] = [['labour'], ['labour'], ['labour'], ['sexual'], ['sexual'], ['criminal'], ['labour', 'criminal'], ['sexual', 'criminal'], ['unknown'], ['organ_removal']];
const INTERVENTIONS_BY_FORM: Record<ExploitationForm, InterventionType[]> = {
  labour: ['labour_inspection', 'labour_inspection', 'fiscal_action', 'premises_closure', 'administrative_fine', 'shelter_placement'],
  sexual: ['criminal_investigation', 'shelter_placement', 'licence_revocation', 'premises_closure', 'stop_talk'],
  criminal: ['stop_talk', 'care_referral', 'contact_ban', 'criminal_investigation', 'residence_support'],
  organ_removal: ['criminal_investigation', 'shelter_placement'],
  unknown: ['care_referral', 'bibob_screening', 'other'],
};
const EFFECTS: Effect[] = ['exploitation_stopped', 'victim_safe', 'victim_in_care', 'perpetrator_disrupted', 'suspect_arrested', 'prosecution_started', 'premises_closed', 'sanction_imposed', 'no_effect', 'adverse_effect', 'unknown'];
const OUTCOMES: CloseOutcome[] = ['victim_safe_and_supported', 'exploitation_stopped', 'no_exploitation_found', 'lost_contact', 'other'];
const REASONS: ReopenReason[] = ['revictimization', 'revictimization', 'new_information', 'closed_in_error'];

function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
    hex[12] = '4';
    hex[16] = ((parseInt(hex[16], 16) & 3) | 8).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
  return { next, int, chance: (p: number) => next() < p, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)], uuid };
}
type Rnd = ReturnType<typeof prng>;

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

interface Step {
  recordedAt: Date;
  caseId: string;
  seq: number;
  build: (today: string) => CaseCommand;
}

/**
 * Plans one case step by step; each step has a business date and a recording instant after the previous one's.
 * A step that would fall after the history's last day or after `now` ends the case's story there.
 */
class CasePlanner {
  private lastRecorded = 0;
  private date: string;
  private ended = false;
  readonly steps: Step[] = [];

  constructor(private readonly rnd: Rnd, readonly record: GeneratedCase, private readonly options: HistoryOptions) {
    this.date = record.received.on;
  }

  get alive(): boolean {
    return !this.ended;
  }

  /** Moves the business date on by lo..hi days and schedules `build`; returns the recording, or null when the story ends. */
  step(lo: number, hi: number, build: (today: string, on: string) => CaseCommand, onlyThisDate?: string): Recorded | null {
    if (this.ended) return null;
    const on = onlyThisDate ?? addDays(this.date, this.rnd.int(lo, hi));
    const roll = this.rnd.next();
    const delayDays = roll < 0.7 ? 0 : roll < 0.95 ? this.rnd.int(1, 10) : this.rnd.int(11, 40);
    const base = Date.parse(`${addDays(on, delayDays)}T07:00:00Z`) + this.rnd.int(0, 9 * 60) * 60_000;
    const recordedAt = new Date(Math.max(base, this.lastRecorded + this.rnd.int(1, 90) * 60_000));
    if (on > this.options.lastDay || recordedAt > this.options.now) {
      this.ended = true;
      return null;
    }
    if (onlyThisDate === undefined) this.date = on;
    this.lastRecorded = recordedAt.getTime();
    this.steps.push({ recordedAt, caseId: this.record.caseId, seq: this.steps.length, build: (today) => build(today, on) });
    return { on, recordedAt };
  }

  get today(): string {
    return this.date;
  }
}

function planCase(rnd: Rnd, options: HistoryOptions, district: string, municipalities: string[]): CasePlanner {
  const caseId = rnd.uuid();
  const forms = rnd.pick(FORM_SETS);
  const span = Math.round((Date.parse(options.lastDay) - Date.parse(options.firstDay)) / DAY_MS);
  const receivedOn = addDays(options.firstDay, rnd.int(0, span));
  const record: GeneratedCase = {
    caseId, district, forms, received: { on: receivedOn, recordedAt: new Date(0) }, triages: [], meetings: [], proposals: [],
    interventions: [], closures: [], reopenings: [],
  };
  const p = new CasePlanner(rnd, record, options);
  const coordinator = `coordinator.${district}`;
  const steering = `steering.${district}`;
  const ctx = (today: string, actor = coordinator) => ({ actor, today });

  const received = p.step(0, 0, (today) => ({
    ...ctx(today), type: 'RegisterSignal', caseId, reference: `ZWB-GEN-${caseId.slice(0, 8)}`, district, municipality: rnd.pick(municipalities),
    districtMunicipalities: municipalities, receivedOn, source: { type: 'police' }, forms, vulnerabilities: [], summary: 'Gegenereerde casus.', subjects: [],
  }), receivedOn);
  if (!received) return p;
  record.received = received;
  p.step(0, 2, (today) => ({ ...ctx(today), type: 'AssignCoordinator', coordinator, coordinatorDistricts: [district] }));

  let status: 'in_triage' | 'at_care_table' | 'in_execution' | 'closed' = 'in_triage';
  const executed: GeneratedIntervention[] = [];

  const close = () => {
    const outcome = rnd.pick(OUTCOMES);
    const closed = p.step(5, 90, (today, on) => ({ ...ctx(today), type: 'CloseCase', closedOn: on, outcome, rationale: 'Afgerond.' }));
    if (closed) {
      record.closures.push({ ...closed, outcome });
      status = 'closed';
    }
  };
  const recordEffect = (i: GeneratedIntervention, lo: number, hi: number) => {
    const effect = rnd.pick(EFFECTS);
    // Now and then an effect observed earlier than one recorded before it: the latest effect goes by observedOn.
    const earlier = i.effects.length > 0 && rnd.chance(0.25);
    const on = earlier ? addDays(i.executed!.on, rnd.int(0, Math.max(0, Math.round((Date.parse(i.effects[i.effects.length - 1].on) - Date.parse(i.executed!.on)) / DAY_MS)))) : undefined;
    const done = p.step(lo, hi, (today, date) => ({ ...ctx(today), type: 'RecordInterventionEffect', interventionId: i.interventionId, observedOn: date, effect }), on);
    if (done) i.effects.push({ ...done, effect });
  };
  const intervene = () => {
    const count = rnd.int(1, 3);
    for (let n = 0; n < count && p.alive; n++) {
      const type = rnd.pick(INTERVENTIONS_BY_FORM[rnd.pick(forms)]);
      const interventionId = rnd.uuid();
      const planned = p.step(0, 7, (today, on) => ({ ...ctx(today), type: 'PlanIntervention', interventionId, interventionType: type, leadPartner: 'police_avim', plannedOn: on }));
      if (!planned) return;
      const intervention: GeneratedIntervention = { interventionId, type, level: INTERVENTION_LEVEL_BY_TYPE[type], planned, executed: null, effects: [] };
      record.interventions.push(intervention);
      if (!rnd.chance(0.85)) continue;
      intervention.executed = p.step(1, 40, (today, on) => ({ ...ctx(today), type: 'RecordInterventionExecuted', interventionId, executedOn: on }));
      if (!intervention.executed) return;
      executed.push(intervention);
      const effects = rnd.pick([0, 1, 1, 1, 2, 2, 3]);
      for (let e = 0; e < effects && p.alive; e++) recordEffect(intervention, 3, 60);
    }
  };
  const careTable = () => {
    const meetings = rnd.int(1, 2);
    for (let m = 0; m < meetings; m++) {
      const meetingId = rnd.uuid();
      const held = p.step(1, 20, (today, on) => ({ ...ctx(today), type: 'RecordCareTableMeeting', meetingId, heldOn: on, participants: ['police_avim', 'municipality'], conclusions: 'Besproken.' }));
      if (!held) return;
      record.meetings.push(held);
    }
    for (let attempt = 0; attempt < 2 && p.alive && rnd.chance(attempt === 0 ? 0.75 : 0.5); attempt++) {
      const proposalId = rnd.uuid();
      const proposal: GeneratedCase['proposals'][number] = { proposalId, submitted: null, decided: null };
      const drafted = p.step(0, 3, (today) => ({ ...ctx(today), type: 'DraftProposal', proposalId, summary: 'Integrale aanpak.', proposedInterventions: [] }));
      if (!drafted) return;
      record.proposals.push(proposal);
      proposal.submitted = p.step(0, 10, (today, on) => ({ ...ctx(today), type: 'SubmitProposal', proposalId, submittedOn: on }));
      if (!proposal.submitted) return;
      const decision = rnd.chance(0.8) ? 'approved' as const : 'rejected' as const;
      const decided = p.step(1, 40, (today, on) => ({ ...ctx(today, steering), type: 'DecideProposal', proposalId, decidedOn: on, decision }));
      if (!decided) return;
      proposal.decided = { ...decided, decision };
      if (decision === 'approved') {
        status = 'in_execution';
        return;
      }
    }
  };

  for (let round = 0; round < 3 && p.alive; round++) {
    const roll = rnd.next();
    const decision: TriageDecision = roll < 0.65 ? 'refer_to_care_table' : roll < 0.75 ? 'start_care' : roll < 0.9 ? 'forward' : 'no_further_action';
    const triaged = p.step(0, 12, (today, on) => ({
      ...ctx(today), type: 'Triage', decidedOn: on, urgency: 'normal', decision, rationale: 'Beoordeeld.',
      ...(decision === 'forward' ? { forwardedTo: 'veilig_thuis' as const } : {}),
    }));
    if (!triaged) break;
    record.triages.push({ ...triaged, decision });
    if (decision === 'forward' || decision === 'no_further_action') {
      record.closures.push({ ...triaged, outcome: decision === 'forward' ? 'forwarded' : 'no_further_action' });
      status = 'closed';
    } else {
      status = decision === 'refer_to_care_table' ? 'at_care_table' : 'in_execution';
      if (status === 'at_care_table') careTable();
      if (p.alive && (status === 'in_execution' || rnd.chance(0.2))) intervene();
      if (p.alive && rnd.chance(0.7)) close();
    }
    // Effects keep coming in after a case is closed.
    if (p.alive && status === 'closed' && executed.length > 0 && rnd.chance(0.3)) recordEffect(rnd.pick(executed), 5, 60);
    if (!p.alive || status !== 'closed' || !rnd.chance(0.15)) break;
    const reason = rnd.pick(REASONS);
    const reopened = p.step(10, 120, (today, on) => ({ ...ctx(today), type: 'ReopenCase', reopenedOn: on, reason }));
    if (!reopened) break;
    record.reopenings.push({ ...reopened, reason });
    status = 'in_triage';
  }
  return p;
}

/** Generates the history, appends it in the order it was recorded, and returns its facts. */
export async function generateReportHistory(db: Database, store: EventStore, options: HistoryOptions): Promise<GeneratedHistory> {
  const rnd = prng(options.seed ?? 20240101);
  const planners: CasePlanner[] = [];
  for (const district of SEED_DISTRICTS) {
    const municipalities = district.municipalities.map(municipalitySlug);
    const count = Math.round(options.casesPerDistrict * (DISTRICT_WEIGHTS[district.id] ?? 1));
    for (let i = 0; i < count; i++) planners.push(planCase(rnd, options, district.id, municipalities));
  }
  const steps = planners.flatMap((p) => p.steps).sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || a.seq - b.seq);
  const states = new Map<string, { state: CaseState; version: number }>();
  const chunk = options.commandsPerTransaction ?? 250;
  let events = 0;
  for (let start = 0; start < steps.length; start += chunk) {
    await db.transaction(async (tx) => {
      for (const step of steps.slice(start, start + chunk)) {
        const current = states.get(step.caseId) ?? { state: null, version: 0 };
        const command = step.build(businessDateOf(step.recordedAt));
        const decided = decide(command, current.state);
        const newEvents: NewEvent[] = decided.map((e) => ({
          eventId: rnd.uuid(), type: e.type, data: e.data,
          metadata: { actor: { username: command.actor, role: command.actor.startsWith('steering') ? 'steering_group' : 'coordinator' }, commandType: command.type },
        }));
        await store.appendToStream(`case-${step.caseId}`, newEvents, {
          expectedVersion: current.version === 0 ? 'no_stream' : current.version, streamType: 'case', recordedAt: step.recordedAt, tx,
        });
        states.set(step.caseId, { state: decided.reduce(evolve, current.state), version: current.version + decided.length });
        events += decided.length;
      }
    });
    await options.afterTransaction?.(Math.min(start + chunk, steps.length), steps.length);
  }
  return { cases: planners.map((p) => p.record).filter((c) => c.received.recordedAt.getTime() > 0), events, commands: steps.length };
}
