import type { Database, Sql } from '@baken/event-store';
import { ProblemError, type Idempotency, type IdempotencyRecords } from '@baken/platform';
import type { FactKind } from '../facts/report-facts';
import type { TargetPeriod } from './quarter';

/**
 * A target: per district and calendar quarter (or year), at least `minimum` facts of one kind (DOMAIN.md), counted by
 * business date, optionally only on cases whose forms or vulnerabilities (as known at the report's `asKnownAt`)
 * include one of `forms` / `vulnerabilities`, and for intervention facts only interventions of one of
 * `interventionTypes` / `interventionLevels`, or led or joined by one of `organisations` (a joint control counts for
 * each organisation in it). Outside `validFrom`–`validUntil` it does not apply. Targets are data: administrators add
 * them.
 */
export interface TargetDefinition {
  id: string;
  title: string;
  event: FactKind;
  period: TargetPeriod;
  forms: string[] | null;
  vulnerabilities: string[] | null;
  interventionTypes: string[] | null;
  interventionLevels: string[] | null;
  organisations: string[] | null;
  minimum: number;
  validFrom: string | null;
  validUntil: string | null;
  createdBy: string;
  createdAt: string;
}

/** A new target; what it leaves out is not a condition (period: a quarter, validity: always). */
export type NewTarget = Pick<TargetDefinition, 'id' | 'title' | 'event' | 'minimum'> &
  Partial<Omit<TargetDefinition, 'id' | 'title' | 'event' | 'minimum' | 'createdBy' | 'createdAt'>>;

export class TargetExists extends ProblemError {
  constructor(id: string) {
    super(
      409,
      'Target exists',
      `A target with id "${id}" exists already; choose another id.`,
      '/problems/target-exists',
      { code: 'TargetExists' },
    );
  }
}

interface TargetRow {
  id: string;
  title: string;
  event_kind: FactKind;
  period: TargetPeriod;
  forms: string[] | null;
  vulnerabilities: string[] | null;
  intervention_types: string[] | null;
  intervention_levels: string[] | null;
  organisations: string[] | null;
  minimum: number;
  valid_from: string | null;
  valid_until: string | null;
  created_by: string;
  created_at: Date;
}

const COLUMNS = `id, title, event_kind, period, forms, vulnerabilities, intervention_types, intervention_levels, organisations,
  minimum, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_until, 'YYYY-MM-DD') AS valid_until,
  created_by, created_at`;

const toDefinition = (r: TargetRow): TargetDefinition => ({
  id: r.id,
  title: r.title,
  event: r.event_kind,
  period: r.period,
  forms: r.forms,
  vulnerabilities: r.vulnerabilities,
  interventionTypes: r.intervention_types,
  interventionLevels: r.intervention_levels,
  organisations: r.organisations,
  minimum: r.minimum,
  validFrom: r.valid_from,
  validUntil: r.valid_until,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
});

/** The stored targets, in the order they were added (the action programme's two first). */
export async function listTargets(sql: Sql): Promise<TargetDefinition[]> {
  const { rows } = await sql.query<TargetRow>(`SELECT ${COLUMNS} FROM reporting_targets ORDER BY position`);
  return rows.map(toDefinition);
}

export async function findTarget(sql: Sql, id: string): Promise<TargetDefinition | null> {
  const { rows } = await sql.query<TargetRow>(`SELECT ${COLUMNS} FROM reporting_targets WHERE id = $1`, [id]);
  return rows[0] ? toDefinition(rows[0]) : null;
}

/**
 * Stores a new target; {@link TargetExists} when the id is taken. With an idempotency key (API.md), a repeat of the same
 * request by the same actor returns the target stored the first time, and the same key with another request is refused.
 */
export function createTarget(
  db: Database,
  records: IdempotencyRecords,
  target: NewTarget,
  createdBy: string,
  createdAt: Date,
  idempotency?: Idempotency,
): Promise<TargetDefinition> {
  return records.write(
    db,
    createdBy,
    idempotency,
    (sql) => addTarget(sql, target, createdBy, createdAt),
    (error) => error instanceof TargetExists,
  );
}

export async function addTarget(
  sql: Sql,
  target: NewTarget,
  createdBy: string,
  createdAt: Date,
): Promise<TargetDefinition> {
  const { rows } = await sql.query<TargetRow>(
    `INSERT INTO reporting_targets (id, title, event_kind, period, forms, vulnerabilities, intervention_types, intervention_levels,
                                    organisations, minimum, valid_from, valid_until, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (id) DO NOTHING
     RETURNING ${COLUMNS}`,
    [
      target.id,
      target.title,
      target.event,
      target.period ?? 'quarter',
      target.forms ?? null,
      target.vulnerabilities ?? null,
      target.interventionTypes ?? null,
      target.interventionLevels ?? null,
      target.organisations ?? null,
      target.minimum,
      target.validFrom ?? null,
      target.validUntil ?? null,
      createdBy,
      createdAt,
    ],
  );
  if (!rows[0]) throw new TargetExists(target.id);
  return toDefinition(rows[0]);
}
