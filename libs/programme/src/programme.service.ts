import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Actor } from '@baken/access';
import { DuplicateEventId, WrongExpectedVersion, type EventStore } from '@baken/event-store';
import { PROGRESS_STATUS } from '@baken/labels';
import {
  businessDateOf,
  CLOCK,
  CONFIG,
  EVENT_STORE,
  forbidden,
  notFound,
  ProblemError,
  ValidationProblem,
  type AppConfig,
  type Clock,
  type PdfDocument,
  type ReportTable,
} from '@baken/platform';
import {
  decide,
  foldProgramme,
  monitorAsOf,
  PROGRAMME_STREAM,
  ProgrammeRuleBroken,
  type Monitor,
  type Programme,
  type ProgrammeAction,
  type ProgrammeCommand,
  type ProgrammeEvent,
} from './domain';
import { PROGRAMME_ACTIONS, PROGRAMME_GOALS } from './seed/programme-actions.seed';

/** Roles that add and change actions and record their progress; every signed-in role reads the monitor. */
export const PROGRAMME_WRITERS: readonly string[] = ['programme_lead', 'admin'];

/** A UUID derived from a name, so the seed's events have the same ids on every start. */
function derivedId(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** What the system records in the programme's stream (overdue due moments) is recorded under this name. */
const SYSTEM = { username: 'system', role: 'system' } as const;

/**
 * The programme monitor: actions and their progress, from the one programme stream (ADR 60). In processes that run
 * the background work it also looks at the due moments (at start and as often as the deadline sweep): an action past
 * its due moment without "done" is recorded overdue once, which notifies the programme lead.
 */
@Injectable()
export class ProgrammeMonitor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ProgrammeMonitor.name);
  private timer: NodeJS.Timeout | undefined;
  private marking: Promise<void> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seed();
    if (!this.config.runWorkers) return;
    this.triggerOverdue();
    this.timer = setInterval(() => this.triggerOverdue(), this.config.deadlines.sweepIntervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): Promise<void> | undefined {
    clearInterval(this.timer);
    return this.marking;
  }

  /** Marks the actions whose due moment passed today; a failure is retried at the next sweep. */
  private triggerOverdue(): void {
    this.marking ??= this.markOverdue()
      .then(
        (marked) => {
          if (marked > 0) this.logger.log(`${marked} programme action(s) passed their due moment without "done"`);
        },
        (error: unknown) =>
          this.logger.warn(
            `Could not look at the programme's due moments; the next sweep retries: ${(error as Error).message}`,
          ),
      )
      .finally(() => {
        this.marking = undefined;
      });
  }

  /** Records every action past its due moment without "done" as overdue (once per due moment); answers how many. */
  async markOverdue(): Promise<number> {
    return (await this.run(SYSTEM, { type: 'MarkOverdueProgrammeActions', today: this.today() })).length;
  }

  /** Adds the programme's actions from its text once, when the stream does not exist yet. */
  private async seed(): Promise<void> {
    if ((await this.store.readStream(PROGRAMME_STREAM)).length > 0) return;
    const events = PROGRAMME_ACTIONS.map(({ actionId, goal, title, owner, due, source }) => ({
      eventId: derivedId(`programme-seed:${actionId}`),
      type: 'ProgrammeActionAdded',
      data: { actionId, goal, title, owner, due, source, by: 'system' },
      metadata: { actor: 'system', role: 'system' },
    }));
    try {
      await this.store.appendToStream(PROGRAMME_STREAM, events, {
        expectedVersion: 'no_stream',
        streamType: 'programme',
      });
      this.logger.log(`Seeded ${events.length} programme actions`);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion) && !(error instanceof DuplicateEventId)) throw error;
    }
  }

  today(): string {
    return businessDateOf(this.clock.now());
  }

  async load(): Promise<{ programme: Programme; version: number }> {
    const stored = await this.store.readStream(PROGRAMME_STREAM);
    const events = stored.map((e) => ({ type: e.type, data: e.data }) as ProgrammeEvent);
    return { programme: foldProgramme(events), version: stored.at(-1)?.streamVersion ?? 0 };
  }

  async actions(): Promise<ProgrammeAction[]> {
    const { programme } = await this.load();
    return [...programme.actions.values()];
  }

  async action(actionId: string): Promise<ProgrammeAction> {
    const { programme } = await this.load();
    const action = programme.actions.get(actionId);
    if (!action) throw notFound('The action');
    return action;
  }

  async monitor(asOf: string | undefined): Promise<Monitor> {
    const { programme } = await this.load();
    return monitorAsOf(programme, PROGRAMME_GOALS, asOf ?? this.today());
  }

  /**
   * Runs a person's command against the programme as it is now (programme lead and admin only); `correlationId`
   * names the request in the events' metadata.
   */
  async execute(actor: Actor, command: ProgrammeCommand, correlationId?: string): Promise<void> {
    if (!PROGRAMME_WRITERS.includes(actor.role))
      throw forbidden(`Your role (${actor.role}) may read the programme monitor but not change it.`);
    await this.run(actor, command, correlationId);
  }

  /** Decides and appends; a concurrent write is retried on the newer state. Answers the events recorded. */
  private async run(
    actor: Pick<Actor, 'username' | 'role'> | typeof SYSTEM,
    command: ProgrammeCommand,
    correlationId?: string,
  ): Promise<ProgrammeEvent[]> {
    for (let attempt = 1; ; attempt++) {
      const { programme, version } = await this.load();
      let events: ProgrammeEvent[];
      try {
        events = decide(command, programme);
      } catch (error) {
        if (!(error instanceof ProgrammeRuleBroken)) throw error;
        if (error.rule === 'ActionNotFound') throw notFound('The action');
        if (error.rule === 'ActionAlreadyExists')
          throw new ProblemError(409, 'Conflict', error.message, '/problems/action-already-exists');
        const field = error.rule === 'UnknownGoal' ? 'goal' : 'on';
        throw new ValidationProblem([{ field, message: error.message }]);
      }
      if (events.length === 0) return events;
      try {
        await this.store.appendToStream(
          PROGRAMME_STREAM,
          events.map((e) => ({
            // An overdue mark has an id of its own making: two processes marking the same cannot both record it.
            eventId:
              e.type === 'ProgrammeActionOverdue'
                ? derivedId(`programme-overdue:${e.data.actionId}:${e.data.due}`)
                : randomUUID(),
            type: e.type,
            data: e.data,
            metadata: { actor: actor.username, role: actor.role, ...(correlationId && { correlationId }) },
          })),
          { expectedVersion: version === 0 ? 'no_stream' : version, streamType: 'programme' },
        );
        return events;
      } catch (error) {
        if (error instanceof DuplicateEventId && command.type === 'MarkOverdueProgrammeActions') return [];
        if (!(error instanceof WrongExpectedVersion) || attempt >= 3) throw error;
      }
    }
  }

  table(monitor: Monitor): ReportTable {
    const titles = new Map(monitor.goals.map((g) => [g.goal, g.title]));
    return {
      sheet: 'Programmamonitor',
      columns: [
        { key: 'goal', header: 'Doelstelling', type: 'number', width: 12 },
        { key: 'goalTitle', header: 'Titel doelstelling', width: 36 },
        { key: 'actionId', header: 'Actie', width: 8 },
        { key: 'title', header: 'Omschrijving', width: 70 },
        { key: 'owner', header: 'Kartrekker', width: 36 },
        { key: 'due', header: 'Gereed', width: 18 },
        { key: 'status', header: 'Status', width: 24 },
        { key: 'on', header: 'Laatste update', type: 'date', width: 14 },
        { key: 'note', header: 'Toelichting', width: 60 },
        { key: 'by', header: 'Door', width: 18 },
      ],
      rows: monitor.actions.map((a) => ({
        goal: a.goal,
        goalTitle: titles.get(a.goal) ?? null,
        actionId: a.actionId,
        title: a.title,
        owner: a.owner,
        due: a.due,
        status: PROGRESS_STATUS[a.status],
        on: a.lastUpdate?.on ?? null,
        note: a.lastUpdate?.note ?? null,
        by: a.lastUpdate?.by ?? null,
      })),
      notes: [`Stand op ${monitor.asOf}: per actie de laatste voortgangsupdate met een datum op of vóór die dag.`],
    };
  }

  document(monitor: Monitor): PdfDocument {
    return {
      title: 'Programmamonitor Actieprogramma Mensenhandel ZWB',
      subtitle: `Stand op ${monitor.asOf}; gemaakt op ${this.today()}`,
      sections: monitor.goals.map((g) => ({
        heading: `Doelstelling ${g.goal}: ${g.title}`,
        lines: [
          `Groen ${g.counts.green} · Oranje ${g.counts.orange} · Rood ${g.counts.red} · Afgerond ${g.counts.done} · Nog niet gestart ${g.counts.not_started}`,
          ...monitor.actions
            .filter((a) => a.goal === g.goal)
            .map(
              (a) =>
                `${a.actionId} [${PROGRESS_STATUS[a.status]}] ${a.title}` +
                (a.owner ? ` — ${a.owner}` : '') +
                (a.due ? ` (${a.due})` : '') +
                (a.lastUpdate ? ` — ${a.lastUpdate.on}: ${a.lastUpdate.note}` : ''),
            ),
        ],
      })),
      empty: 'Het programma heeft nog geen acties.',
    };
  }
}
