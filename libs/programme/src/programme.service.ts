import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Actor } from '@baken/access';
import { DuplicateEventId, WrongExpectedVersion, type EventStore } from '@baken/event-store';
import {
  businessDateOf,
  CLOCK,
  EVENT_STORE,
  forbidden,
  notFound,
  ProblemError,
  ValidationProblem,
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

const STATUS_LABELS: Record<string, string> = {
  green: 'Groen (op koers)',
  orange: 'Oranje (aandacht nodig)',
  red: 'Rood (niet op koers)',
  done: 'Afgerond',
  not_started: 'Nog niet gestart',
};

/** A UUID derived from a name, so the seed's events have the same ids on every start. */
function derivedId(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The programme monitor: actions and their progress, from the one programme stream (ADR 60). */
@Injectable()
export class ProgrammeMonitor implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProgrammeMonitor.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Adds the programme's actions from its text once, when the stream does not exist yet. */
  async onApplicationBootstrap(): Promise<void> {
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

  /** Runs a command against the programme as it is now; a concurrent write is retried on the newer state. */
  async execute(actor: Actor, command: ProgrammeCommand): Promise<void> {
    if (!PROGRAMME_WRITERS.includes(actor.role))
      throw forbidden(`Your role (${actor.role}) may read the programme monitor but not change it.`);
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
      try {
        await this.store.appendToStream(
          PROGRAMME_STREAM,
          events.map((e) => ({
            eventId: randomUUID(),
            type: e.type,
            data: e.data,
            metadata: { actor: actor.username, role: actor.role },
          })),
          { expectedVersion: version === 0 ? 'no_stream' : version, streamType: 'programme' },
        );
        return;
      } catch (error) {
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
        status: STATUS_LABELS[a.status],
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
                `${a.actionId} [${STATUS_LABELS[a.status]}] ${a.title}` +
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
