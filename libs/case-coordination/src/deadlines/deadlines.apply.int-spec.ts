import type { Sql } from '@baken/event-store';
import { openMigratedTestDatabase, type MigratedTestDatabase } from '@baken/event-store/testing';
import type { DeadlineKind } from '../domain';
import { deadlineMigrations } from './deadlines.migrations';
import { DeadlinesProjection } from './deadlines.projection';
import type { CompletedAs, DeadlineOutput } from './deadlines.workflow';

/**
 * The projection applies a batch's decisions set-based. Whatever the order of the decisions, the rows must be those of
 * applying them one by one, as {@link applyOneByOne} does: decisions about a deadline before its opening in the same
 * batch, openings of a deadline that is already there, completions of a deadline no longer open, missed deadlines
 * recorded twice.
 */
describe.each(['postgres', 'pglite'] as const)('applying a batch of deadline decisions on %s', (kind) => {
  let database: MigratedTestDatabase;
  const projection = new DeadlinesProjection();

  beforeAll(async () => {
    database = await openMigratedTestDatabase({ kind, migrations: deadlineMigrations });
  }, 60_000);

  afterAll(async () => {
    await database?.dispose();
  });

  /** Applies `batches` to empty tables, each but the last one by one; returns the rows. */
  const rowsAfter = (batches: DeadlineOutput[][], applyLast: (tx: Sql, outputs: DeadlineOutput[]) => Promise<void>) =>
    database.db.transaction(async (tx) => {
      await tx.query('DELETE FROM deadlines');
      for (const batch of batches.slice(0, -1)) await applyOneByOne(tx, batch);
      await applyLast(tx, batches[batches.length - 1]);
      return (
        await tx.query<Record<string, unknown>>(
          `SELECT deadline_id, case_id, reference, district, kind, ref, started_on::text, due_on::text, coordinator,
                  lead_partner, owner_username, status, ended_on::text, missed_at::text
           FROM deadlines ORDER BY deadline_id`,
        )
      ).rows;
    });

  const expectSameRows = async (batches: DeadlineOutput[][]) => {
    const expected = await rowsAfter(batches, applyOneByOne);
    const actual = await rowsAfter(batches, (tx, outputs) => projection.apply(tx, outputs));
    expect(actual).toEqual(expected);
    return actual;
  };

  it('applies decisions about deadlines opened earlier in the batch and before it', async () => {
    const [a, b, c, d] = [1, 2, 3, 4].map(id);
    const rows = await expectSameRows([
      [open(a, { coordinator: 'ann' }), open(b)],
      [
        open(c),
        assign(c, 'carl'),
        complete(a, 'done', '2024-03-02'),
        recordMissed(c, '2024-03-03T09:00:00Z'),
        complete(a, 'cancelled', '2024-03-09'),
        recordMissed(b, '2024-03-04T09:00:00Z'),
        recordMissed(b, '2024-03-05T09:00:00Z'),
        assign(b, 'bea'),
        open(b, { coordinator: 'someone else', reference: 'BAR-2024-9999' }),
        complete(c, 'replaced', '2024-03-06'),
        assign(c, 'cor'),
        assign(d, 'dirk'),
        complete(d, 'done', '2024-03-07'),
        open(d),
      ],
    ]);
    expect(rows.map((r) => [r.coordinator, r.status, r.ended_on, r.missed_at !== null])).toEqual([
      ['ann', 'done', '2024-03-02', false],
      ['bea', 'open', null, true],
      ['cor', 'replaced', '2024-03-06', true],
      [null, 'open', null, false],
    ]);
  }, 60_000);

  it('leaves the same rows as one by one for random batches', async () => {
    const random = seeded(20240531);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const ids = [1, 2, 3, 4, 5, 6, 7, 8].map(id);
    const decision = (): DeadlineOutput => {
      const deadlineId = pick(ids);
      switch (pick(['open', 'open', 'assign', 'complete', 'missed', 'schedule'] as const)) {
        case 'open':
          return open(deadlineId, {
            coordinator: pick([null, 'ann', 'bea']),
            reference: pick(['BAR-2024-0001', 'BAR-2024-0002']),
          });
        case 'assign':
          return assign(deadlineId, pick(['ann', 'bea', 'carl']));
        case 'complete':
          return complete(deadlineId, pick(['done', 'cancelled', 'replaced'] as const), pick(DAYS));
        case 'missed':
          return recordMissed(deadlineId, `${pick(DAYS)}T09:00:00Z`);
        case 'schedule':
          return {
            type: 'Schedule',
            job: { deadlineId, caseId: CASE, kind: 'triage', ref: CASE, dueOn: DAYS[0] },
            at: new Date(),
          };
      }
    };
    for (let round = 0; round < (kind === 'pglite' ? 25 : 60); round++) {
      const batches = [0, 1, 2].map(() => Array.from({ length: 5 + Math.floor(random() * 25) }, decision));
      await expectSameRows(batches);
    }
  }, 120_000);
});

/** The projection as it was before it applied batches set-based: one statement per decision, in order. */
async function applyOneByOne(tx: Sql, outputs: readonly DeadlineOutput[]): Promise<void> {
  for (const output of outputs) {
    switch (output.type) {
      case 'Open': {
        const d = output.deadline;
        await tx.query(
          `INSERT INTO deadlines (deadline_id, case_id, reference, district, kind, ref, started_on, due_on, coordinator, lead_partner, owner_username)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (deadline_id) DO NOTHING`,
          [
            d.deadlineId,
            d.caseId,
            d.reference,
            d.district,
            d.kind,
            d.ref,
            d.startedOn,
            d.dueOn,
            d.coordinator,
            d.leadPartner,
            d.owner ?? null,
          ],
        );
        break;
      }
      case 'Assign':
        await tx.query('UPDATE deadlines SET coordinator = $2 WHERE deadline_id = $1', [
          output.deadlineId,
          output.coordinator,
        ]);
        break;
      case 'Complete':
        await tx.query(`UPDATE deadlines SET status = $2, ended_on = $3 WHERE deadline_id = $1 AND status = 'open'`, [
          output.deadlineId,
          output.outcome,
          output.on,
        ]);
        break;
      case 'RecordMissed':
        await tx.query('UPDATE deadlines SET missed_at = $2 WHERE deadline_id = $1 AND missed_at IS NULL', [
          output.deadlineId,
          output.at,
        ]);
        break;
      case 'Schedule':
        break;
    }
  }
}

const CASE = '9b1d3f0a-5c2e-4d7f-8a6b-1e2f3a4b5c6d';
const DAYS = ['2024-03-01', '2024-03-04', '2024-03-11', '2024-04-02'];

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function open(
  deadlineId: string,
  extra: { coordinator?: string | null; reference?: string; kind?: DeadlineKind } = {},
): DeadlineOutput {
  return {
    type: 'Open',
    deadline: {
      deadlineId,
      kind: extra.kind ?? 'action_point',
      ref: `ref-${deadlineId.slice(-2)}`,
      dueOn: '2024-03-11',
      caseId: CASE,
      reference: extra.reference ?? 'BAR-2024-0001',
      district: 'baronie',
      startedOn: '2024-03-01',
      coordinator: extra.coordinator ?? null,
      leadPartner: 'police',
      owner: deadlineId.endsWith('2') ? 'user-partner-1' : null,
    },
  };
}

const assign = (deadlineId: string, coordinator: string): DeadlineOutput => ({
  type: 'Assign',
  deadlineId,
  coordinator,
});

const complete = (deadlineId: string, outcome: CompletedAs, on: string): DeadlineOutput => ({
  type: 'Complete',
  deadlineId,
  outcome,
  on,
});

const recordMissed = (deadlineId: string, at: string): DeadlineOutput => ({
  type: 'RecordMissed',
  deadlineId,
  at: new Date(at),
});

/** A small deterministic generator (mulberry32), so that a failing round can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
