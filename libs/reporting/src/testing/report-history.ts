import {
  decide,
  EFFECTS,
  evolve,
  INTERVENTION_LEVEL_BY_TYPE,
  SEED_DISTRICTS,
  municipalitySlug,
  type CaseCommand,
  type CaseState,
  type CloseOutcome,
  type Effect,
  type ExploitationForm,
  type InterventionLevel,
  type InterventionType,
  type LinkReason,
  type ReopenReason,
  type Sector,
  type SourceType,
  type TriageDecision,
  type Vulnerability,
} from '@baken/case-coordination';
import type { Database, EventStore, NewEvent } from '@baken/event-store';
import { addDays as addDaysTo, businessDateOf, seededRandom } from '@baken/platform';

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
  /** Last day a signal is received; default `lastDay`. Earlier leaves time for the cases received last to run their course. */
  lastReceivedDay?: string;
  /**
   * Closes every case whose story did not end closed (a triage without further action, or a closure), as long as that
   * still falls within `lastDay`: an older history that leaves no open cases behind in the periods reported later.
   */
  closeEveryCase?: boolean;
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
  leadOrganisation: string;
  /** Besides the lead. */
  participants: string[];
  planned: Recorded;
  executed: Recorded | null;
  cancelled: Recorded | null;
  /** In the order recorded. */
  effects: (Recorded & { effect: Effect })[];
}

export interface Classification {
  forms: ExploitationForm[];
  vulnerabilities: Vulnerability[];
  sector: Sector | null;
}

export interface GeneratedCase {
  caseId: string;
  district: string;
  municipality: string;
  source: SourceType;
  /** The forms at registration. */
  forms: ExploitationForm[];
  /** The classification at registration, then every reclassification, in the order recorded. */
  classifications: (Recorded & Classification)[];
  /** Links this case's stream records, to cases planned before it. */
  links: (Recorded & { linkedCaseId: string; reason: LinkReason })[];
  received: Recorded;
  triages: (Recorded & { decision: TriageDecision })[];
  meetings: Recorded[];
  proposals: {
    proposalId: string;
    submitted: Recorded | null;
    /** Deferrals by a stuurploeg member before the decision, in the order recorded. */
    deferrals: Recorded[];
    decided: (Recorded & { decision: 'approved' | 'rejected' }) | null;
  }[];
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
export const DISTRICT_WEIGHTS: Record<string, number> = {
  zeeland: 0.6,
  'de-markiezaten': 0.9,
  'de-baronie': 1.2,
  'hart-van-brabant': 1.3,
};

const FORM_SETS: ExploitationForm[][] = [
  ['labour'],
  ['labour'],
  ['labour'],
  ['sexual'],
  ['sexual'],
  ['criminal'],
  ['labour', 'criminal'],
  ['sexual', 'criminal'],
  ['unknown'],
  ['organ_removal'],
];
const INTERVENTIONS_BY_FORM: Record<ExploitationForm, InterventionType[]> = {
  labour: [
    'labour_inspection',
    'labour_inspection',
    'fiscal_action',
    'premises_closure',
    'administrative_fine',
    'shelter_placement',
  ],
  sexual: ['criminal_investigation', 'shelter_placement', 'licence_revocation', 'premises_closure', 'stop_talk'],
  criminal: ['stop_talk', 'care_referral', 'contact_ban', 'criminal_investigation', 'residence_support'],
  organ_removal: ['criminal_investigation', 'shelter_placement'],
  unknown: ['care_referral', 'bibob_screening', 'other'],
};
const OUTCOMES: CloseOutcome[] = [
  'victim_safe_and_supported',
  'exploitation_stopped',
  'no_exploitation_found',
  'lost_contact',
  'other',
];
const REASONS: ReopenReason[] = ['revictimization', 'revictimization', 'new_information', 'closed_in_error'];
const SOURCES: SourceType[] = ['police', 'police', 'labour_inspectorate', 'municipality', 'care_provider', 'public'];
const VULNERABILITY_SETS: Vulnerability[][] = [
  [],
  [],
  ['minor'],
  ['labour_migrant'],
  ['labour_migrant'],
  ['mild_intellectual_disability'],
  ['sex_worker'],
  ['minor', 'mild_intellectual_disability'],
];
const SECTORS_DRAWN: (Sector | null)[] = [
  null,
  null,
  'agriculture_horticulture',
  'hospitality',
  'car_wash',
  'sex_industry',
  'construction',
  'logistics_distribution',
];
/** Lead organisations besides the municipality of the case; participants are drawn from the same. */
const ORGANISATIONS = ['police_avim', 'labour_inspectorate', 'tax_authority', 'riec'];
const LINK_REASONS_DRAWN: LinkReason[] = ['same_victim', 'same_victim', 'same_victim', 'same_suspect', 'same_location'];

function prng(seed: number) {
  const random = seededRandom(seed);
  const { next } = random;
  // Eight hex digits per draw, the version and variant digits set as a v4 UUID wants them.
  const hex8 = () => (next() * 4294967296).toString(16).padStart(8, '0');
  const uuid = () => {
    const [a, b, c, d] = [hex8(), hex8(), hex8(), hex8()];
    return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${HEX[(parseInt(c[0], 16) & 3) | 8]}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  };
  return { ...random, uuid };
}
type Rnd = ReturnType<typeof prng>;

const HEX = '0123456789abcdef';
const DAY_MS = 86_400_000;

const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

// A large history adds days to dates millions of times, mostly the same few thousand: the answers are kept.
const added = new Map<string, Map<number, string>>();
function addDays(date: string, days: number): string {
  let byDays = added.get(date);
  if (!byDays) added.set(date, (byDays = new Map()));
  let result = byDays.get(days);
  if (result === undefined) byDays.set(days, (result = addDaysTo(date, days)));
  return result;
}

interface Step {
  recordedAt: Date;
  caseId: string;
  seq: number;
  /** `recordedAt` in milliseconds, to sort by. */
  at: number;
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

  constructor(
    private readonly rnd: Rnd,
    readonly record: GeneratedCase,
    private readonly options: HistoryOptions,
  ) {
    this.date = record.received.on;
  }

  get alive(): boolean {
    return !this.ended;
  }

  /** Moves the business date on by lo..hi days and schedules `build`; returns the recording, or null when the story ends. */
  step(
    lo: number,
    hi: number,
    build: (today: string, on: string) => CaseCommand,
    onlyThisDate?: string,
    avoid?: ReadonlySet<number>,
  ): Recorded | null {
    if (this.ended) return null;
    const on = onlyThisDate ?? addDays(this.date, this.rnd.int(lo, hi));
    const roll = this.rnd.next();
    const delayDays = roll < 0.7 ? 0 : roll < 0.95 ? this.rnd.int(1, 10) : this.rnd.int(11, 40);
    const base = (dayNumber(on) + delayDays) * DAY_MS + 7 * 3_600_000 + this.rnd.int(0, 9 * 60) * 60_000;
    let recordedAt = new Date(Math.max(base, this.lastRecorded + this.rnd.int(1, 90) * 60_000));
    while (avoid?.has(recordedAt.getTime())) recordedAt = new Date(recordedAt.getTime() + 60_000);
    if (on > this.options.lastDay || recordedAt > this.options.now) {
      this.ended = true;
      return null;
    }
    if (onlyThisDate === undefined) this.date = on;
    this.lastRecorded = recordedAt.getTime();
    this.steps.push({
      recordedAt,
      at: recordedAt.getTime(),
      caseId: this.record.caseId,
      seq: this.steps.length,
      build: (today) => build(today, on),
    });
    return { on, recordedAt };
  }

  get today(): string {
    return this.date;
  }
}

function planCase(
  rnd: Rnd,
  options: HistoryOptions,
  district: string,
  municipalities: string[],
  earlier: readonly GeneratedCase[],
): CasePlanner {
  const caseId = rnd.uuid();
  const forms = rnd.pick(FORM_SETS);
  const municipality = rnd.pick(municipalities);
  const source = rnd.pick(SOURCES);
  const vulnerabilities = rnd.pick(VULNERABILITY_SETS);
  const sector = rnd.pick(SECTORS_DRAWN);
  const span = Math.round(
    (Date.parse(options.lastReceivedDay ?? options.lastDay) - Date.parse(options.firstDay)) / DAY_MS,
  );
  const receivedOn = addDays(options.firstDay, rnd.int(0, span));
  const record: GeneratedCase = {
    caseId,
    district,
    municipality,
    source,
    forms,
    classifications: [],
    links: [],
    received: { on: receivedOn, recordedAt: new Date(0) },
    triages: [],
    meetings: [],
    proposals: [],
    interventions: [],
    closures: [],
    reopenings: [],
  };
  const p = new CasePlanner(rnd, record, options);
  const coordinator = `coordinator.${district}`;
  const steering = `steering.${district}`;
  const ctx = (today: string, actor = coordinator) => ({ actor, today });

  const received = p.step(
    0,
    0,
    (today) => ({
      ...ctx(today),
      type: 'RegisterSignal',
      caseId,
      // Unique like the case id (8 hex digits collided among the 1 M-event benchmark's 88 k cases).
      reference: `ZWB-GEN-${caseId.replaceAll('-', '')}`,
      district,
      municipality,
      districtMunicipalities: municipalities,
      receivedOn,
      source: { type: source },
      forms,
      vulnerabilities,
      ...(sector !== null && { sector }),
      summary: 'Gegenereerde casus.',
      subjects: [],
    }),
    receivedOn,
  );
  if (!received) return p;
  record.received = received;
  record.classifications.push({ ...received, forms, vulnerabilities, sector });
  p.step(0, 2, (today) => ({
    ...ctx(today),
    type: 'AssignCoordinator',
    coordinator,
    coordinatorDistricts: [district],
  }));

  // Now and then a link to a case planned before, most often about the same victim: a victim known from a closed case
  // counts as repeat victimhood. Never at the very instant one of the other case's steps is recorded, so that the order
  // of the two in the log follows from their recording instants alone.
  if (earlier.length > 0 && rnd.chance(0.12)) {
    const other = rnd.pick(earlier);
    const reason = rnd.pick(LINK_REASONS_DRAWN);
    const linked = p.step(
      0,
      5,
      (today) => ({
        ...ctx(today),
        type: 'LinkCase',
        linkedCaseId: other.caseId,
        linkedReference: `ZWB-GEN-${other.caseId.replaceAll('-', '')}`,
        reason,
      }),
      undefined,
      recordedInstants(other),
    );
    if (linked) record.links.push({ ...linked, linkedCaseId: other.caseId, reason });
  }

  /** Now and then the care table establishes another classification while the case is open. */
  const reclassify = () => {
    if (!rnd.chance(0.25)) return;
    const next: Classification = {
      forms: rnd.pick(FORM_SETS),
      vulnerabilities: rnd.pick(VULNERABILITY_SETS),
      sector: rnd.pick(SECTORS_DRAWN),
    };
    const done = p.step(0, 15, (today, on) => ({
      ...ctx(today),
      type: 'ReclassifyCase',
      decidedOn: on,
      forms: next.forms,
      vulnerabilities: next.vulnerabilities,
      ...(next.sector !== null && { sector: next.sector }),
      rationale: 'Vastgesteld aan de Zorgtafel.',
    }));
    if (done) record.classifications.push({ ...done, ...next });
  };

  type Status = 'in_triage' | 'at_care_table' | 'in_execution' | 'closed';
  let status: Status = 'in_triage';
  const executed: GeneratedIntervention[] = [];

  const close = () => {
    const outcome = rnd.pick(OUTCOMES);
    const closed = p.step(5, 90, (today, on) => ({
      ...ctx(today),
      type: 'CloseCase',
      closedOn: on,
      outcome,
      rationale: 'Afgerond.',
    }));
    if (closed) {
      record.closures.push({ ...closed, outcome });
      status = 'closed';
    }
  };
  const recordEffect = (i: GeneratedIntervention, lo: number, hi: number) => {
    const effect = rnd.pick(EFFECTS);
    // Now and then an effect observed earlier than one recorded before it: the latest effect goes by observedOn.
    const earlier = i.effects.length > 0 && rnd.chance(0.25);
    const on = earlier
      ? addDays(
          i.executed!.on,
          rnd.int(
            0,
            Math.max(
              0,
              Math.round((Date.parse(i.effects[i.effects.length - 1].on) - Date.parse(i.executed!.on)) / DAY_MS),
            ),
          ),
        )
      : undefined;
    const done = p.step(
      lo,
      hi,
      (today, date) => ({
        ...ctx(today),
        type: 'RecordInterventionEffect',
        interventionId: i.interventionId,
        observedOn: date,
        effect,
      }),
      on,
    );
    if (done) i.effects.push({ ...done, effect });
  };
  const intervene = () => {
    const count = rnd.int(1, 3);
    for (let n = 0; n < count && p.alive; n++) {
      const type = rnd.pick(INTERVENTIONS_BY_FORM[rnd.pick(forms)]);
      const interventionId = rnd.uuid();
      const organisations = [...ORGANISATIONS, `municipality:${municipality}`];
      const leadOrganisation = rnd.pick(organisations);
      // A joint control now and then: one or two organisations take part besides the lead.
      const participants = rnd.chance(0.4)
        ? [...new Set([rnd.pick(organisations), rnd.pick(organisations)])].filter((o) => o !== leadOrganisation).sort()
        : [];
      const planned = p.step(0, 7, (today, on) => ({
        ...ctx(today),
        type: 'PlanIntervention',
        interventionId,
        interventionType: type,
        leadOrganisation,
        participants,
        plannedOn: on,
      }));
      if (!planned) return;
      const intervention: GeneratedIntervention = {
        interventionId,
        type,
        level: INTERVENTION_LEVEL_BY_TYPE[type],
        leadOrganisation,
        participants,
        planned,
        executed: null,
        cancelled: null,
        effects: [],
      };
      record.interventions.push(intervention);
      if (!rnd.chance(0.85)) {
        // A plan that will not happen is cancelled, most of the time; the others stay open.
        if (rnd.chance(0.6))
          intervention.cancelled = p.step(0, 10, (today, on) => ({
            ...ctx(today),
            type: 'CancelIntervention',
            interventionId,
            cancelledOn: on,
            reason: 'Gaat niet door.',
          }));
        continue;
      }
      intervention.executed = p.step(1, 40, (today, on) => ({
        ...ctx(today),
        type: 'RecordInterventionExecuted',
        interventionId,
        executedOn: on,
      }));
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
      const held = p.step(1, 20, (today, on) => ({
        ...ctx(today),
        type: 'RecordCareTableMeeting',
        meetingId,
        heldOn: on,
        participants: ['police_avim', 'municipality'],
        conclusions: 'Besproken.',
      }));
      if (!held) return;
      record.meetings.push(held);
    }
    for (let attempt = 0; attempt < 2 && p.alive && rnd.chance(attempt === 0 ? 0.75 : 0.5); attempt++) {
      const proposalId = rnd.uuid();
      const proposal: GeneratedCase['proposals'][number] = {
        proposalId,
        submitted: null,
        deferrals: [],
        decided: null,
      };
      const drafted = p.step(0, 3, (today) => ({
        ...ctx(today),
        type: 'DraftProposal',
        proposalId,
        summary: 'Integrale aanpak.',
        // A care measure: two members of two organisations decide it; its intervention is never carried out here.
        measures: [{ type: 'other', leadOrganisation: 'care_coordinator' }],
      }));
      if (!drafted) return;
      record.proposals.push(proposal);
      proposal.submitted = p.step(0, 10, (today, on) => ({
        ...ctx(today),
        type: 'SubmitProposal',
        proposalId,
        submittedOn: on,
      }));
      if (!proposal.submitted) return;
      if (rnd.chance(0.25)) {
        const deferralIds = [rnd.uuid()];
        // The prosecutor's member defers it first, to look at it again two weeks later.
        const deferred = p.step(1, 10, (today, on) => ({
          ...ctx(today, `${steering}.om`),
          type: 'DecideProposal',
          proposalId,
          decidedOn: on,
          decision: 'deferred',
          rationale: 'Eerst meer informatie.',
          revisitOn: addDaysTo(on, 14),
          organisation: 'public_prosecutor',
          districtMunicipalities: municipalities,
          interventionIds: deferralIds,
        }));
        if (!deferred) return;
        proposal.deferrals.push(deferred);
      }
      const decision = rnd.chance(0.8) ? ('approved' as const) : ('rejected' as const);
      // An approval takes the assents of two members of two organisations; one rejection decides.
      const voters =
        decision === 'approved'
          ? [
              [steering, 'riec'],
              [`${steering}.politie`, 'police_avim'],
            ]
          : [[steering, 'riec']];
      let decided: Recorded | null = null;
      // The id of the intervention the measure becomes, should this vote approve the proposal.
      let measureId = '';
      for (const [voter, organisation] of voters) {
        measureId = rnd.uuid();
        const interventionIds = [measureId];
        decided = p.step(1, 20, (today, on) => ({
          ...ctx(today, voter),
          type: 'DecideProposal',
          proposalId,
          decidedOn: on,
          decision,
          ...(decision === 'rejected' && { rationale: 'Onvoldoende onderbouwd.' }),
          organisation,
          districtMunicipalities: municipalities,
          interventionIds,
        }));
        if (!decided) return;
      }
      if (!decided) return;
      proposal.decided = { ...decided, decision };
      if (decision === 'approved') {
        // The approval plans the measure, on the approval date; it is never carried out here.
        record.interventions.push({
          interventionId: measureId,
          type: 'other',
          level: 'other',
          leadOrganisation: 'care_coordinator',
          participants: [],
          planned: decided,
          executed: null,
          cancelled: null,
          effects: [],
        });
        status = 'in_execution';
        return;
      }
    }
  };

  /** Records a triage; returns the status it leaves the case in, or null when the story ended first. */
  const triage = (decision: TriageDecision): Status | null => {
    const triaged = p.step(0, 12, (today, on) => ({
      ...ctx(today),
      type: 'Triage',
      decidedOn: on,
      urgency: 'normal',
      decision,
      rationale: 'Beoordeeld.',
      ...(decision === 'forward' ? { forwardedTo: 'veilig_thuis' as const } : {}),
    }));
    if (!triaged) return null;
    record.triages.push({ ...triaged, decision });
    if (decision === 'no_further_action') {
      record.closures.push({ ...triaged, outcome: 'no_further_action' });
      return 'closed';
    }
    if (decision === 'forward') {
      // A forwarded case waits for the partner; the coordinator closes it the same day once it has answered.
      const closed = p.step(0, 0, (today, on) => ({
        ...ctx(today),
        type: 'CloseCase',
        closedOn: on,
        outcome: 'forwarded',
        rationale: 'Doorgezet.',
      }));
      if (!closed) return null;
      record.closures.push({ ...closed, outcome: 'forwarded' });
      return 'closed';
    }
    return decision === 'refer_to_care_table' ? 'at_care_table' : 'in_execution';
  };

  for (let round = 0; round < 3 && p.alive; round++) {
    const roll = rnd.next();
    const decision: TriageDecision =
      roll < 0.65 ? 'refer_to_care_table' : roll < 0.75 ? 'start_care' : roll < 0.9 ? 'forward' : 'no_further_action';
    const next = triage(decision);
    if (next === null) break;
    status = next;
    if (status !== 'closed') {
      reclassify();
      if (status === 'at_care_table') careTable();
      if (p.alive && (status === 'in_execution' || rnd.chance(0.2))) intervene();
      if (p.alive && rnd.chance(0.7)) close();
    }
    // Effects keep coming in after a case is closed.
    if (p.alive && status === 'closed' && executed.length > 0 && rnd.chance(0.3))
      recordEffect(rnd.pick(executed), 5, 60);
    if (!p.alive || status !== 'closed' || !rnd.chance(0.15)) break;
    const reason = rnd.pick(REASONS);
    const reopened = p.step(10, 120, (today, on) => ({ ...ctx(today), type: 'ReopenCase', reopenedOn: on, reason }));
    if (!reopened) break;
    record.reopenings.push({ ...reopened, reason });
    status = 'in_triage';
  }
  if (options.closeEveryCase && p.alive && status !== 'closed') {
    if (status === 'in_triage') triage('no_further_action');
    else close();
  }
  return p;
}

/** Every instant at which a step of the case is recorded. */
function recordedInstants(c: GeneratedCase): Set<number> {
  const all: Recorded[] = [
    c.received,
    ...c.classifications,
    ...c.links,
    ...c.triages,
    ...c.meetings,
    ...c.proposals.flatMap((p) => [
      ...(p.submitted ? [p.submitted] : []),
      ...p.deferrals,
      ...(p.decided ? [p.decided] : []),
    ]),
    ...c.interventions.flatMap((i) => [
      i.planned,
      ...(i.executed ? [i.executed] : []),
      ...(i.cancelled ? [i.cancelled] : []),
      ...i.effects,
    ]),
    ...c.closures,
    ...c.reopenings,
  ];
  return new Set(all.map((r) => r.recordedAt.getTime()));
}

/** The business date of an instant; cached by the hour, as Amsterdam's offset from UTC is whole hours. */
const businessDates = new Map<number, string>();
function businessDate(ms: number): string {
  const hour = Math.floor(ms / 3_600_000);
  let date = businessDates.get(hour);
  if (date === undefined) {
    date = businessDateOf(new Date(ms));
    businessDates.set(hour, date);
  }
  return date;
}

/** A history planned but not yet written: its cases' facts and every command in the order it is recorded. */
export interface PlannedHistory {
  cases: GeneratedCase[];
  commands: number;
  /**
   * Decides each command against its case's state and yields the events to append, in recording order. Event ids are
   * drawn from the history's seed, so every writer of the same plan stores the same events. Runs once.
   */
  recordedCommands(): Generator<RecordedCommand>;
}

/** One command's events, to be appended to `streamId` at `expectedVersion` (0: a new stream), recorded at `recordedAt`. */
export interface RecordedCommand {
  streamId: string;
  expectedVersion: number;
  recordedAt: Date;
  events: NewEvent[];
}

/** Plans the history: pure and deterministic for a seed. */
export function planReportHistory(options: HistoryOptions): PlannedHistory {
  const rnd = prng(options.seed ?? 20240101);
  const planners: CasePlanner[] = [];
  const recent: GeneratedCase[] = [];
  for (const district of SEED_DISTRICTS) {
    const municipalities = district.municipalities.map(municipalitySlug);
    const count = Math.round(options.casesPerDistrict * (DISTRICT_WEIGHTS[district.id] ?? 1));
    for (let i = 0; i < count; i++) {
      const planned = planCase(rnd, options, district.id, municipalities, recent);
      planners.push(planned);
      // The cases a new one may be linked to: the last few planned, whatever their district.
      if (planned.record.received.recordedAt.getTime() > 0) recent.push(planned.record);
      if (recent.length > 40) recent.shift();
    }
  }
  const steps = planners.flatMap((p) => p.steps).sort((a, b) => a.at - b.at || a.seq - b.seq);
  const stepsLeft = new Map(planners.map((p) => [p.record.caseId, p.steps.length]));
  function* recordedCommands(): Generator<RecordedCommand> {
    const states = new Map<string, { state: CaseState; version: number }>();
    for (const step of steps) {
      const current = states.get(step.caseId) ?? { state: null, version: 0 };
      const command = step.build(businessDate(step.at));
      const decided = decide(command, current.state);
      const events: NewEvent[] = decided.map((e) => ({
        eventId: rnd.uuid(),
        type: e.type,
        data: e.data,
        metadata: {
          actor: {
            username: command.actor,
            role: command.actor.startsWith('steering') ? 'steering_group' : 'coordinator',
          },
          commandType: command.type,
        },
      }));
      yield { streamId: `case-${step.caseId}`, expectedVersion: current.version, recordedAt: step.recordedAt, events };
      // A case's state is kept only until its last command: memory follows the cases in progress, not the history.
      const left = stepsLeft.get(step.caseId)! - 1;
      stepsLeft.set(step.caseId, left);
      if (left === 0) states.delete(step.caseId);
      else
        states.set(step.caseId, {
          state: decided.reduce(evolve, current.state),
          version: current.version + decided.length,
        });
    }
  }
  return {
    cases: planners.map((p) => p.record).filter((c) => c.received.recordedAt.getTime() > 0),
    commands: steps.length,
    recordedCommands,
  };
}

/**
 * Generates the history and appends it through the event store, one append per command (each with its own recording
 * instant), `commandsPerTransaction` commands per transaction. Returns its facts.
 */
export async function generateReportHistory(
  db: Database,
  store: EventStore,
  options: HistoryOptions,
): Promise<GeneratedHistory> {
  const plan = planReportHistory(options);
  const chunk = options.commandsPerTransaction ?? 250;
  const commands = plan.recordedCommands();
  let done = 0;
  let events = 0;
  while (done < plan.commands) {
    await db.transaction(async (tx) => {
      for (let n = 0; n < chunk; n++) {
        const next = commands.next();
        if (next.done) break;
        const { streamId, expectedVersion, recordedAt, events: newEvents } = next.value;
        await store.appendToStream(streamId, newEvents, {
          expectedVersion: expectedVersion === 0 ? 'no_stream' : expectedVersion,
          streamType: 'case',
          recordedAt,
          tx,
        });
        events += newEvents.length;
        done++;
      }
    });
    await options.afterTransaction?.(done, plan.commands);
  }
  return { cases: plan.cases, events, commands: plan.commands };
}
