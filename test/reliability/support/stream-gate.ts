import { Client } from 'pg';

/** Sessions queued behind a gate, counted by application name (`PGAPPNAME` of the process that opened them). */
export type Waiters = Record<string, number>;

/** How many of `waiters` come from the processes with these application names. */
export const queuedFrom = (waiters: Waiters, ...names: string[]): number =>
  names.reduce((n, name) => n + (waiters[name] ?? 0), 0);

/** Whether `promise` has settled yet. Only noted: its failure still reaches whoever awaits it. */
export function settledFlag(promise: Promise<unknown>): () => boolean {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return () => settled;
}

/**
 * The sessions queued on the gated row: a session that finds the row locked takes the row's tuple lock and waits
 * for the holder's transaction; the ones after it wait for that tuple lock. A session waiting on anything else (a
 * lock that a queued session holds, a pooled connection) is not at the gate and has not reached its append.
 */
const WAITERS_SQL = `
SELECT a.application_name AS name, count(DISTINCT l.pid)::int AS n
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'tuple' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND l.relation = 'es_streams'::regclass AND l.page = $1::int AND l.tuple = $2::int
GROUP BY 1`;

/**
 * Holds the row of one stream in `es_streams` locked (`SELECT … FOR UPDATE`) in a transaction of its own. An append
 * reads the stream's head first and then moves the row in one UPDATE, which blocks behind the gate: every command
 * that reaches its append while the gate is shut has decided on the same version. When the gate opens, one of them
 * moves the stream and every other one finds it moved — it lost the race, whatever the timing of the run. Only
 * appends lock that row, so the sessions queued behind the gate are exactly the appends waiting on the stream.
 */
export class StreamGate {
  private opened = false;

  private constructor(
    private readonly client: Client,
    private readonly row: { page: number; tuple: number },
    readonly streamId: string,
  ) {}

  static async shut(url: string, streamId: string): Promise<StreamGate> {
    const client = new Client({ connectionString: url, application_name: 'scale-drill-gate' });
    await client.connect();
    try {
      // Ends the lock should the drill die with the gate shut; a drill opens its gates well within that.
      await client.query(`SET idle_in_transaction_session_timeout = '120s'`);
      await client.query('BEGIN');
      // The row's place (ctid) names it in pg_locks; it does not move while the gate holds it.
      const { rows } = await client.query<{ page: number; tuple: number }>(
        `SELECT (ctid::text::point)[0]::int AS page, (ctid::text::point)[1]::int AS tuple FROM es_streams WHERE stream_id = $1 FOR UPDATE`,
        [streamId],
      );
      if (rows.length !== 1) throw new Error(`no stream ${streamId} to shut a gate on`);
      return new StreamGate(client, rows[0], streamId);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  get isOpen(): boolean {
    return this.opened;
  }

  /** The appends queued behind the gate now. */
  async waiters(): Promise<Waiters> {
    // pg_stat_activity is read once per transaction and kept; the gate's transaction must see it as it is now.
    await this.client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await this.client.query<{ name: string; n: number }>(WAITERS_SQL, [this.row.page, this.row.tuple]);
    return Object.fromEntries(rows.map((r) => [r.name, r.n]));
  }

  /**
   * Polls until `ready` holds for the waiters, and answers them; fails after `timeoutMs`, or at once when `gaveUp`
   * names a reason (e.g. the commands were all answered while the gate was shut, so they never reached it).
   */
  async waitUntil(
    what: string,
    ready: (waiters: Waiters) => boolean,
    options: { timeoutMs?: number; gaveUp?: () => string | undefined } = {},
  ): Promise<Waiters> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    for (;;) {
      const waiters = await this.waiters();
      if (ready(waiters)) return waiters;
      const reason = options.gaveUp?.();
      if (reason || Date.now() > deadline) {
        throw new Error(
          `${this.streamId}: ${what} never queued behind the gate (${reason ?? 'timed out'}); queued: ${JSON.stringify(waiters)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Commits: the appends queued behind the gate go on. Safe to call twice. */
  async open(): Promise<void> {
    if (this.opened) return;
    this.opened = true;
    try {
      await this.client.query('COMMIT');
    } finally {
      await this.client.end();
    }
  }
}

/** A race the drill forced at a gate: which appends were queued behind it when it opened. */
export interface ForcedRace {
  label: string;
  streamId: string;
  waiters: Waiters;
}

/**
 * The gates of one drill, and one race at a time. A command queued behind a gate holds one of its API's pooled
 * connections (ten each): two gates filling the pools at once could each wait for connections the other holds, so
 * each race gathers its commands alone, and the next begins once the gate before it has opened.
 */
export class GatedRaces {
  readonly forced: ForcedRace[] = [];
  private readonly gates: StreamGate[] = [];
  private turn: Promise<void> = Promise.resolve();

  constructor(private readonly url: string) {}

  async shut(streamId: string): Promise<StreamGate> {
    const gate = await StreamGate.shut(this.url, streamId);
    this.gates.push(gate);
    return gate;
  }

  /** Opens `gate` once `ready` holds, and records who raced there. */
  async open(label: string, gate: StreamGate, waiters: Waiters): Promise<void> {
    this.forced.push({ label, streamId: gate.streamId, waiters });
    await gate.open();
  }

  /**
   * In its turn: shuts a gate on `streamId` (or takes the one given, shut earlier), calls `fire` to send the
   * commands, waits until `ready` holds for the appends queued behind the gate, and opens it. Resolves with what
   * `fire` resolves, once that has settled; fails when the commands never queued as `ready` demands.
   */
  race<T>(
    label: string,
    gate: StreamGate | string,
    fire: () => Promise<T>,
    ready: (waiters: Waiters) => boolean,
  ): Promise<T> {
    const opened = this.turn.then(async () => {
      const shut = typeof gate === 'string' ? await this.shut(gate) : gate;
      const answers = fire();
      const settled = settledFlag(answers);
      const waiters = await shut.waitUntil(label, ready, {
        gaveUp: () => (settled() ? 'every command was answered while the gate was shut' : undefined),
      });
      await this.open(label, shut, waiters);
      // Wrapped, so that the turn ends when the gate opens rather than when the answers come.
      return { answers };
    });
    // The next race waits for this gate to open (or for this race to fail); the caller gets the failure.
    this.turn = opened.then(
      () => undefined,
      () => undefined,
    );
    return opened.then(({ answers }) => answers);
  }

  /** Opens every gate still shut: after the races, or when the drill failed with gates shut. */
  async openAll(): Promise<void> {
    await Promise.all(this.gates.map((gate) => gate.open().catch(() => undefined)));
  }
}
