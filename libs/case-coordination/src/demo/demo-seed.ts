import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { findDemoUser, type Actor } from '@baken/access';
import {
  INTERVENTION_LEVEL_BY_TYPE,
  type Partner,
  type InterventionLevel,
  type InterventionType,
  type Effect,
  type ExploitationForm,
  type Vulnerability,
  type SourceType,
  type CloseOutcome,
} from '../domain/enumerations';
import { addDays, businessDateOf, seededRandom, startOfBusinessDate } from '@baken/platform';
import { CASE_COMMANDS } from '../features';
import { ExecuteCaseCommand } from '../features/shared/case-command';
import type { CaseCommandType } from '../domain';
import type { CommandMeta, CommandOutcome } from '../infrastructure/case-command-runner';
import type { CareTableSessions } from '../care-table-sessions/care-table-sessions.service';
import type { CaseCommandDefinition } from '../features/shared/case-command';

type Execute = (
  definition: CaseCommandDefinition,
  username: string,
  params: Record<string, string>,
  body: object,
  recordedAt?: Date,
) => Promise<CommandOutcome>;

const MUNICIPALITIES: Record<string, string[]> = {
  zeeland: ['middelburg', 'vlissingen', 'goes', 'terneuzen', 'hulst', 'reimerswaal'],
  'de-markiezaten': ['bergen-op-zoom', 'roosendaal', 'moerdijk', 'halderberge', 'steenbergen'],
  'de-baronie': ['breda', 'oosterhout', 'etten-leur', 'zundert', 'drimmelen'],
  'hart-van-brabant': ['tilburg', 'waalwijk', 'dongen', 'heusden', 'oisterwijk'],
};

/** Invented people only. */
const FIRST = [
  'Anna',
  'Maria',
  'Elena',
  'Ioana',
  'Daria',
  'Sanne',
  'Fatima',
  'Joy',
  'Piotr',
  'Andrei',
  'Mehmet',
  'Lucas',
  'Tomasz',
  'Grace',
  'Nadia',
  'Vera',
];
const LAST = [
  'Kowalczyk',
  'Popescu',
  'de Vries',
  'Janssen',
  'Ionescu',
  'Nowak',
  'Okafor',
  'Bakker',
  'Visser',
  'Petrova',
  'Yilmaz',
  'Mensah',
  'Dijkstra',
  'Horvat',
];
const NATIONALITIES = ['Pools', 'Roemeens', 'Nederlands', 'Bulgaars', 'Nigeriaans', 'Oekraïens', 'Hongaars'];

const SCENARIOS: {
  forms: ExploitationForm[];
  vulnerabilities: Vulnerability[];
  source: SourceType;
  summary: string;
}[] = [
  {
    forms: ['labour'],
    vulnerabilities: ['labour_migrant'],
    source: 'labour_inspectorate',
    summary:
      'Arbeidsmigranten in de tuinbouw werken zeven dagen per week, paspoorten ingehouden door de uitzender, huisvesting in overvolle chalets.',
  },
  {
    forms: ['sexual'],
    vulnerabilities: ['sex_worker'],
    source: 'police',
    summary:
      'Signaal van AVIM na controle in een woning: vrouw lijkt onder druk te werken, geen toegang tot eigen inkomsten.',
  },
  {
    forms: ['criminal'],
    vulnerabilities: ['minor'],
    source: 'school',
    summary:
      'Leerling verzuimt structureel en wordt ingezet als drugskoerier; school meldt zorgen over dwang door oudere jongeren.',
  },
  {
    forms: ['sexual'],
    vulnerabilities: ['minor', 'mild_intellectual_disability'],
    source: 'veilig_thuis',
    summary: 'Minderjarige met LVB wordt via sociale media benaderd door loverboy; ouders melden bij Veilig Thuis.',
  },
  {
    forms: ['labour'],
    vulnerabilities: ['labour_migrant'],
    source: 'municipality',
    summary:
      'Handhaving treft in een loods matrassen en kookgelegenheid aan; werknemers van een distributiecentrum verblijven er.',
  },
  {
    forms: ['labour', 'criminal'],
    vulnerabilities: [],
    source: 'care_provider',
    summary:
      'Cliënt vertelt dat hij schulden moet afbetalen door te werken in een autowasserette en pakketjes te vervoeren.',
  },
  {
    forms: ['sexual'],
    vulnerabilities: [],
    source: 'public',
    summary:
      'Buurtbewoners melden veel wisselend bezoek op een vakantiepark en advertenties met hetzelfde telefoonnummer.',
  },
  {
    forms: ['unknown'],
    vulnerabilities: ['labour_migrant'],
    source: 'other',
    summary:
      'Huisarts meldt patiënt zonder verzekering met letsel; patiënt is angstig en spreekt over een werkgever die alles regelt.',
  },
  {
    forms: ['labour'],
    vulnerabilities: [],
    source: 'victim',
    summary:
      'Slachtoffer meldt zich zelf: werkt in een nagelsalon zonder loon, woont boven de zaak en mag niet alleen naar buiten.',
  },
  {
    forms: ['criminal'],
    vulnerabilities: ['mild_intellectual_disability'],
    source: 'police',
    summary:
      'Jongvolwassene met LVB wordt gedwongen bankrekening beschikbaar te stellen en wordt ingezet bij winkeldiefstallen.',
  },
];

type Stage =
  | 'signal_received'
  | 'in_triage'
  | 'closed_at_triage'
  | 'at_care_table'
  | 'awaiting_steering_group'
  | 'in_execution'
  | 'with_effects'
  | 'closed'
  | 'reopened';
const STAGES: Stage[] = [
  'signal_received',
  'in_triage',
  'closed_at_triage',
  'at_care_table',
  'awaiting_steering_group',
  'in_execution',
  'with_effects',
  'closed',
  'reopened',
  'with_effects',
];

const INTERVENTIONS_BY_FORM: Record<ExploitationForm, { type: InterventionType; lead: Partner }[]> = {
  labour: [
    { type: 'labour_inspection', lead: 'labour_inspectorate' },
    { type: 'fiscal_action', lead: 'tax_authority' },
    { type: 'premises_closure', lead: 'municipality' },
  ],
  sexual: [
    { type: 'shelter_placement', lead: 'shelter' },
    { type: 'criminal_investigation', lead: 'police_avim' },
    { type: 'licence_revocation', lead: 'municipality' },
  ],
  criminal: [
    { type: 'stop_talk', lead: 'police_avim' },
    { type: 'care_referral', lead: 'youth_care' },
    { type: 'contact_ban', lead: 'public_prosecutor' },
  ],
  organ_removal: [{ type: 'criminal_investigation', lead: 'police_avim' }],
  unknown: [
    { type: 'care_referral', lead: 'care_coordinator' },
    { type: 'bibob_screening', lead: 'riec' },
  ],
};
/** The demo stuurploeg member (`steering.<district>.<suffix>`) of the organisation competent for each level. */
const COMPETENT_MEMBER: Partial<Record<InterventionLevel, string>> = {
  administrative: 'gemeente',
  criminal: 'om',
  fiscal: 'belastingdienst',
  labour_law: 'nla',
};

/**
 * The members whose assents approve measures of these types, the last of them deciding: the chair (RIEC) and each
 * competent organisation; care and other measures only need a second organisation, here the police.
 */
function approvingMembers(steering: string, types: readonly InterventionType[]): string[] {
  const competent = new Set(types.flatMap((t) => COMPETENT_MEMBER[INTERVENTION_LEVEL_BY_TYPE[t]] ?? []));
  return [steering, ...[...(competent.size > 0 ? competent : ['politie'])].map((suffix) => `${steering}.${suffix}`)];
}

/** The organisation that leads a demo measure: the case's own municipality, the demo shelter, or the regional one. */
const leadOrganisation = (lead: Partner, municipality: string) =>
  lead === 'municipality' ? `municipality:${municipality}` : lead === 'shelter' ? 'shelter:sterk-huis' : lead;

const GOOD_EFFECTS: Effect[] = [
  'victim_safe',
  'victim_in_care',
  'exploitation_stopped',
  'perpetrator_disrupted',
  'premises_closed',
  'suspect_arrested',
  'sanction_imposed',
  'no_effect',
];

const minDate = (a: string, b: string) => (a < b ? a : b);

export interface SeedProgress {
  (done: number, total: number): void;
}

/**
 * Realistic demo cases across the four districts and every lifecycle state, made through the real command path
 * (rules, encryption, events and read models), with invented people only.
 */
export async function seedDemoCases(
  commands: CommandBus,
  now: Date,
  count = 40,
  progress?: SeedProgress,
  sessions?: CareTableSessions,
): Promise<number> {
  const rnd = seededRandom(20211224);
  const today = businessDateOf(now);
  const districts = Object.keys(MUNICIPALITIES);
  /** The business date the story of the current case has reached, and how many of its steps were on that date. */
  let date = today;
  let stepsOnDate = 0;
  let lastDate = today;
  /**
   * Each event is recorded on the day the story reaches, in office hours (a step a quarter of an hour after the one
   * before), and never later than now: history, time travel and "as known at" then look like months of real use.
   */
  const recordedAt = (): Date => {
    stepsOnDate = date === lastDate ? stepsOnDate + 1 : 0;
    lastDate = date;
    const at = new Date(startOfBusinessDate(date).getTime() + (9 * 60 + 15 * stepsOnDate) * 60_000);
    return at < now ? at : now;
  };
  const meta = (username: string, at?: Date): CommandMeta => ({
    actor: findDemoUser(username) as Actor,
    correlationId: randomUUID(),
    ...(at && { recordedAt: at }),
  });
  const execute: Execute = (definition, username, params, body, at) =>
    commands.execute(new ExecuteCaseCommand(definition, { params, body, meta: meta(username, at) }));
  const send = (
    type: CaseCommandType,
    username: string,
    params: Record<string, string>,
    body: object,
  ): Promise<CommandOutcome> =>
    execute(
      CASE_COMMANDS.find((c) => c.type === type && !c.operation)!,
      username,
      params,
      body,
      recordedAt(),
    );
  const atTable: Record<string, string[]> = {};
  for (let i = 0; i < count; i++) {
    const district = districts[i % districts.length];
    const coordinator = `coordinator.${district}`;
    const steering = `steering.${district}`;
    const scenario = rnd.pick(SCENARIOS);
    const stage = STAGES[Math.floor(i / districts.length) % STAGES.length];
    date = addDays(
      today,
      -rnd.int(stage === 'signal_received' || stage === 'in_triage' ? 1 : 60, stage === 'signal_received' ? 12 : 700),
    );
    const step = (lo: number, hi: number) => (date = minDate(addDays(date, rnd.int(lo, hi)), today));
    const subjects = [
      {
        role: 'victim' as const,
        name: `${rnd.pick(FIRST)} ${rnd.pick(LAST)}`,
        birthDate: `${rnd.int(1975, 2009)}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}`,
        nationality: rnd.pick(NATIONALITIES),
      },
      ...(rnd.next() < 0.6
        ? [
            {
              role: 'suspect' as const,
              name: `${rnd.pick(FIRST)} ${rnd.pick(LAST)}`,
              nationality: rnd.pick(NATIONALITIES),
            },
          ]
        : []),
    ];
    const municipality = rnd.pick(MUNICIPALITIES[district]);
    const registered: CommandOutcome = await send(
      'RegisterSignal',
      coordinator,
      {},
      {
        district,
        municipality,
        receivedOn: date,
        source: { type: scenario.source },
        forms: scenario.forms,
        vulnerabilities: scenario.vulnerabilities,
        summary: scenario.summary,
        subjects,
      },
    );
    const caseId = registered.caseId;
    progress?.(i + 1, count);
    if (stage === 'signal_received') continue;
    await send('AssignCoordinator', coordinator, { caseId }, { coordinator });
    if (stage === 'in_triage') continue;
    if (stage === 'closed_at_triage') {
      // Half the districts forward such a signal to Veilig Thuis, and wait for its answer.
      const forward = (i % districts.length) % 2 === 0;
      rnd.next();
      await send(
        'Triage',
        coordinator,
        { caseId },
        {
          decidedOn: step(1, 5),
          urgency: 'normal',
          decision: forward ? 'forward' : 'no_further_action',
          rationale: forward
            ? 'Geen signalen van uitbuiting; doorgezet naar Veilig Thuis voor huiselijk geweld.'
            : 'Na gesprek geen aanwijzingen voor mensenhandel gevonden.',
          ...(forward ? { forwardedTo: 'veilig_thuis' as const } : {}),
        },
      );
      continue;
    }
    await send(
      'Triage',
      coordinator,
      { caseId },
      {
        decidedOn: step(1, 5),
        urgency: rnd.pick(['acute', 'high', 'normal'] as const),
        decision: 'refer_to_care_table',
        rationale: 'Meerdere indicatoren van uitbuiting; multidisciplinaire bespreking nodig.',
      },
    );
    const options = INTERVENTIONS_BY_FORM[scenario.forms[0]];
    const participants = [
      ...new Set<Partner>(['care_coordinator', 'police_avim', 'municipality', ...options.map((o) => o.lead)]),
    ];
    await send(
      'RecordCareTableMeeting',
      coordinator,
      { caseId },
      {
        heldOn: step(3, 14),
        participants,
        conclusions: 'Casus besproken; integrale aanpak met zorg en strafrechtelijke interventie voorgesteld.',
        victimInformed: rnd.next() < 0.7,
      },
    );
    if (stage === 'at_care_table') {
      (atTable[district] ??= []).push(caseId);
      continue;
    }
    const measures = options.slice(0, rnd.int(1, options.length));
    const drafted: CommandOutcome = await send(
      'DraftProposal',
      coordinator,
      { caseId },
      {
        summary:
          'Voorstel integrale aanpak: veiligstellen slachtoffer, verstoren van de uitbuiter en bestuurlijke maatregelen.',
        steeringSummary: `Integrale aanpak van ${measures.length === 1 ? 'één maatregel' : `${measures.length} maatregelen`} bij een casus van ${scenario.forms.join(' en ')} uitbuiting.`,
        measures: measures.map((m) => ({ type: m.type, leadOrganisation: leadOrganisation(m.lead, municipality) })),
      },
    );
    const proposal = { caseId, proposalId: drafted.proposalId! };
    await send('SubmitProposal', coordinator, proposal, { submittedOn: step(1, 7) });
    // On the agenda, some proposals have the chair's assent so far.
    const voters = approvingMembers(
      steering,
      measures.map((m) => m.type),
    );
    const decidedOn = step(1, 20);
    let planned: string[] = [];
    for (const voter of stage === 'awaiting_steering_group' ? voters.slice(0, i % 2) : voters) {
      const vote = await send('DecideProposal', voter, proposal, {
        decidedOn,
        decision: 'approved',
        ...(voter === voters.at(-1) && { evaluateOn: addDays(decidedOn, 90) }),
      });
      // The approving vote planned every measure as an intervention.
      planned = vote.interventionIds ?? planned;
    }
    if (stage === 'awaiting_steering_group') {
      // Some proposals wait longer: a member asks to come back to it in a fortnight.
      const voted = voters.slice(0, i % 2);
      const deferrer = [`${steering}.politie`, `${steering}.belastingdienst`].find((m) => !voted.includes(m))!;
      await send('DecideProposal', deferrer, proposal, {
        decidedOn,
        decision: 'deferred',
        rationale: 'Eerst de uitkomst van het lopende politieonderzoek afwachten.',
        revisitOn: addDays(decidedOn, 14),
      });
    }
    if (stage === 'awaiting_steering_group' || stage === 'in_execution') continue;
    for (const interventionId of planned) {
      await send('RecordInterventionExecuted', coordinator, { caseId, interventionId }, { executedOn: step(3, 30) });
      if (rnd.next() < 0.8)
        await send(
          'RecordInterventionEffect',
          coordinator,
          { caseId, interventionId },
          { observedOn: step(7, 60), effect: rnd.pick(GOOD_EFFECTS) },
        );
    }
    if (stage === 'with_effects') continue;
    const outcome: CloseOutcome = rnd.pick([
      'victim_safe_and_supported',
      'exploitation_stopped',
      'lost_contact',
    ] as const);
    await send(
      'CloseCase',
      coordinator,
      { caseId },
      {
        closedOn: step(14, 90),
        outcome,
        rationale: 'Doelen van de integrale aanpak bereikt; nazorg belegd bij de gemeente.',
      },
    );
    if (stage === 'reopened') {
      await send('ReopenCase', coordinator, { caseId }, { reopenedOn: step(20, 120), reason: 'revictimization' });
    }
  }
  if (sessions) await seedSessions(sessions, execute, atTable, today);
  return count;
}

/**
 * Per district with cases at the care table: last week's Zorgtafel, whose outcomes left action points with the
 * partners (one open, one overdue), and next week's, planned with the same cases.
 */
async function seedSessions(
  sessions: CareTableSessions,
  execute: Execute,
  atTable: Record<string, string[]>,
  today: string,
): Promise<void> {
  const outcome = CASE_COMMANDS.find((c) => c.operation === 'recordSessionOutcome')!;
  for (const [district, caseIds] of Object.entries(atTable)) {
    const agenda = caseIds.slice(0, 2);
    const coordinator = findDemoUser(`coordinator.${district}`) as Actor;
    const invitees = ['police_avim', 'labour_inspectorate', 'veilig_thuis'];
    const past = await sessions.plan(coordinator, {
      district,
      plannedOn: addDays(today, -7),
      invitees,
      caseIds: agenda,
    });
    for (const [n, caseId] of agenda.entries()) {
      await execute(
        outcome,
        coordinator.username,
        { sessionId: past.sessionId, caseId },
        {
          heldOn: addDays(today, -7),
          participants: ['care_coordinator', 'police_avim', 'labour_inspectorate'],
          conclusions: 'Besproken aan de Zorgtafel; vervolgstappen afgesproken met de partners.',
          victimInformed: true,
          actionPoints: [
            {
              description: 'Controle op het werkadres plannen met de gemeente.',
              owner: 'labour_inspectorate',
              dueOn: addDays(today, 10 + n),
            },
            {
              description: 'Terugkoppeling geven over het verhoor.',
              owner: 'police_avim',
              dueOn: addDays(today, -2),
            },
          ],
        },
      );
    }
    await sessions.plan(coordinator, { district, plannedOn: addDays(today, 7), invitees, caseIds: agenda });
  }
}
