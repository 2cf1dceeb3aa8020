import { FileKeyring, KeyWrapping } from '@baken/privacy';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@baken/event-store/testing';
import { demoToken, startApiProcess, type ServerProcess } from '../support/api-process';
import { CommandLedger, fateOf, type SentCommand } from './support/command-ledger';
import { caseIdsInLog, compareInlineReadModelsWithRebuild, writesByIdempotencyKey } from './support/event-log';
import { eventually, exchange, explain, is2xx } from './support/http';

const COORDINATOR = 'coordinator.de-baronie';
const CLIENTS = 12;
/** The API is killed once this many commands were answered 2xx, so that it dies with commands in flight. */
const KILL_AFTER_ANSWERED = 60;

/** Yesterday in UTC: a business date that is in the past in Amsterdam too, and recent enough to miss no deadline. */
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

const signal = (n: string) => ({
  district: 'de-baronie',
  municipality: 'breda',
  receivedOn: yesterday,
  source: { type: 'police', organisation: 'Politie Zeeland-West-Brabant' },
  forms: ['labour'],
  vulnerabilities: ['labour_migrant'],
  summary: `Crash drill signal ${n}: workers sleep at a car wash.`,
  subjects: [],
});
const triage = {
  decidedOn: yesterday,
  urgency: 'high',
  decision: 'refer_to_care_table',
  rationale: 'Indicators of labour exploitation.',
};
const meeting = (n: string) => ({
  heldOn: yesterday,
  participants: ['police_avim'],
  conclusions: `Meeting ${n}.`,
  victimInformed: false,
});

/**
 * An answer as the contract check below names it: the status, and for a 409 the problem type when it is the one the
 * command loop answers after losing every retry on a case that many requests change at once.
 */
const answerOf = (c: SentCommand): string =>
  c.status === 409 && (c.body as { type?: string } | undefined)?.type === '/problems/case-busy'
    ? '409 case-busy'
    : String(c.status);

/**
 * SIGKILL of the API in the middle of concurrent commands. Afterwards, on the same database: every command that
 * was answered 2xx is in the log, none answered with an error is, an unanswered one retried with its
 * Idempotency-Key is executed at most once, the inline read models equal a rebuild from the log, and every hash
 * chain is intact.
 */
describe('crash: the API is killed during a load of commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'baken-crash-'));
  // Kept across the restart, as in production: the same token secret and master key.
  const env = {
    BAKEN_DATA_DIR: dataDir,
    BAKEN_TOKEN_SECRET: randomBytes(32).toString('hex'),
    BAKEN_MASTER_KEY: randomBytes(32).toString('base64'),
    BAKEN_SUBSCRIPTION_POLL_MS: '100',
  };
  let database: TestDatabase;
  let api: ServerProcess | undefined;
  const ledger = new CommandLedger('crash');
  let killedAt = 0;
  /**
   * Per Idempotency-Key, the answers the API may give that command while it runs: its success, the refusal the drill
   * provokes on purpose, and a busy case where every client writes without If-Match. Anything else — a 500, or a 4xx
   * that says the drill sent something wrong — breaks the contract, crash or no crash.
   */
  const allowed = new Map<string, readonly string[]>();
  const allowedFor = (c: Pick<SentCommand, 'key'>): readonly string[] => allowed.get(c.key) ?? [];

  beforeAll(async () => {
    database = await createTestDatabase('baken_crash');
  }, 30_000);

  afterAll(async () => {
    await api?.kill();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('keeps every answered command, none that failed, and read models equal to a rebuild', async () => {
    api = await startApiProcess(database.url, { env });
    const first = api;
    const token = await demoToken(first.url, COORDINATOR);

    // One case that every client writes to without If-Match: the command loop retries version conflicts there.
    const shared = await ledger.send(first.url, token, '/api/signals', signal('shared'));
    allowed.set(shared.key, ['201']);
    const sharedId = (shared.body as { caseId: string }).caseId;
    for (const [path, body, ifMatch] of [
      ['assign', { coordinator: COORDINATOR }, 1],
      ['triage', triage, 2],
    ] as const) {
      const step = await ledger.send(first.url, token, `/api/cases/${sharedId}/${path}`, body, { ifMatch });
      allowed.set(step.key, ['200']);
      expect({ step: path, status: step.status }).toEqual({ step: path, status: 200 });
    }

    let answered2xx = 0;
    let stop = false;
    const expectedErrors: { command: SentCommand; status: number }[] = [];
    /** `expect`: the one refusal this command must get; without it the command must succeed, or get `alsoAllowed`. */
    const send = async (
      path: string,
      body: unknown,
      options: { ifMatch?: number; expect?: number; alsoAllowed?: string[] } = {},
    ) => {
      const command = await ledger.send(first.url, token, path, body, options);
      allowed.set(
        command.key,
        options.expect !== undefined
          ? [String(options.expect)]
          : [path === '/api/signals' ? '201' : '200', ...(options.alsoAllowed ?? [])],
      );
      if (is2xx(command)) answered2xx++;
      if (command.status === undefined) stop = true;
      if (options.expect !== undefined && command.status !== undefined)
        expectedErrors.push({ command, status: options.expect });
      return command;
    };
    const client = async (n: number) => {
      for (let round = 0; !stop; round++) {
        const id = `${n}.${round}`;
        const registered = await send('/api/signals', signal(id));
        if (!is2xx(registered)) continue;
        const caseId = (registered.body as { caseId: string }).caseId;
        const base = `/api/cases/${caseId}`;
        if (!is2xx(await send(`${base}/assign`, { coordinator: COORDINATOR }, { ifMatch: 1 }))) continue;
        // Refused: If-Match names a version the case has moved past.
        await send(`${base}/triage`, triage, { ifMatch: 1, expect: 412 });
        if (!is2xx(await send(`${base}/triage`, triage, { ifMatch: 2 }))) continue;
        // Refused: a triaged case cannot be triaged again.
        await send(`${base}/triage`, triage, { expect: 409 });
        // Twelve clients on one case without If-Match: a command that loses every retry is refused as busy.
        await send(`/api/cases/${sharedId}/care-table-meetings`, meeting(id), { alsoAllowed: ['409 case-busy'] });
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    await eventually(
      'commands answered under load',
      async () => (answered2xx >= KILL_AFTER_ANSWERED ? true : undefined),
      {
        timeoutMs: 60_000,
        intervalMs: 20,
        giveUp: () => (stop ? `a command had no answer before the kill:\n${first.output().slice(-3000)}` : undefined),
      },
    );
    killedAt = Date.now();
    await first.kill();
    await load;

    const inFlight = ledger.sent.filter((c) => fateOf(c) === 'no_answer' && c.startedAt <= killedAt);
    // The kill must have hit commands in flight, or this drill proves nothing about them.
    expect(inFlight.length).toBeGreaterThan(0);
    const unexpected = ledger.sent.filter((c) => c.status !== undefined && c.status >= 500);
    expect(unexpected.map(explain)).toEqual([]);
    const wrongErrors = expectedErrors.filter((e) => e.command.status !== e.status);
    expect(wrongErrors.map((e) => `expected ${e.status}: ${explain(e.command)}`)).toEqual([]);
    // Every answer is one the contract allows for that command, and a command without an answer lost it to the kill:
    // it failed at or after the SIGKILL on the connection (reset, closed, refused), not on a timeout before it.
    const offContract = ledger.sent.filter((c) =>
      c.status === undefined
        ? c.error === 'timeout' || c.startedAt + c.ms < killedAt
        : !allowedFor(c).includes(answerOf(c)),
    );
    expect(
      offContract.map((c) => `${explain(c)}; allowed: ${allowedFor(c).join(', ')} or no answer after the kill`),
    ).toEqual([]);

    const before = await writesByIdempotencyKey(database.url);
    const answered = ledger.withFate('answered_2xx');
    const refused = ledger.withFate('answered_error');
    expect(answered.length).toBeGreaterThanOrEqual(KILL_AFTER_ANSWERED);
    expect(refused.length).toBeGreaterThan(0);
    expect(answered.filter((c) => !before.has(c.key)).map(explain)).toEqual([]);
    expect(refused.filter((c) => before.has(c.key)).map(explain)).toEqual([]);
    expect([...before.entries()].filter(([, w]) => w.commands !== 1)).toEqual([]);

    // Restart on the same database, then retry every unanswered command with its own key.
    api = await startApiProcess(database.url, { env });
    const second = api;
    const token2 = await demoToken(second.url, COORDINATOR);
    const unanswered = ledger.withFate('no_answer');
    const retries = await Promise.all(unanswered.map((c) => ledger.resend(second.url, token2, c)));
    const after = await writesByIdempotencyKey(database.url);
    for (const [i, retry] of retries.entries()) {
      const original = unanswered[i];
      const context = `${explain(retry)} (key ${retry.key})`;
      if (before.has(original.key)) {
        // Committed before the crash but never answered: the retry answers from the stored result and writes nothing.
        expect({ context, status: retry.status }).toEqual({
          context,
          status: original.path === '/api/signals' ? 201 : 200,
        });
        expect({ context, writes: after.get(original.key) }).toEqual({ context, writes: before.get(original.key) });
      } else if (is2xx(retry)) {
        expect({ context, commands: after.get(original.key)?.commands }).toEqual({ context, commands: 1 });
      } else {
        expect({ context, status: retry.status }).toEqual({ context, status: expect.any(Number) });
        expect({ context, writes: after.get(original.key) }).toEqual({ context, writes: undefined });
      }
    }
    expect(retries.filter((r) => r.status === undefined || r.status >= 500).map(explain)).toEqual([]);
    // A retry is in the situation of the first attempt (committed ones answer from the stored result): the same answers allowed.
    expect(
      retries
        .filter((r) => !allowedFor(r).includes(answerOf(r)))
        .map((r) => `${explain(r)}; allowed: ${allowedFor(r).join(', ')}`),
    ).toEqual([]);
    // Every command at most once: no key has events from two executions.
    expect([...after.entries()].filter(([, w]) => w.commands !== 1)).toEqual([]);

    const keys = new KeyWrapping(
      new FileKeyring(join(dataDir, 'keyring.json')),
      Buffer.from(env.BAKEN_MASTER_KEY, 'base64'),
    );
    for (const { table, live, rebuilt } of await compareInlineReadModelsWithRebuild(database.url, keys)) {
      expect({ table, rows: live.length }).toEqual({ table, rows: rebuilt.length });
      expect({ table, live }).toEqual({ table, live: rebuilt });
    }

    const auditor = await demoToken(second.url, 'auditor');
    const caseIds = await caseIdsInLog(database.url);
    expect(caseIds.length).toBeGreaterThan(1);
    const verifications = await Promise.all(
      caseIds.map((id) => exchange(second.url, 'GET', `/api/audit/cases/${id}/verify`, { token: auditor })),
    );
    const broken = verifications.filter((v) => v.status !== 200 || (v.body as { valid?: boolean }).valid !== true);
    expect(broken.map(explain)).toEqual([]);

    // The asynchronous subscribers of the killed process lost their locks with it; the new one takes over.
    await eventually('asynchronous projections caught up after the restart', async () => {
      const res = await exchange(second.url, 'GET', '/api/projections', { token: token2 });
      const rows = res.body as { name: string; lag: number; status: string }[];
      return res.status === 200 && rows.every((p) => p.lag === 0 && p.status === 'running') ? rows : undefined;
    });
  }, 120_000);
});
