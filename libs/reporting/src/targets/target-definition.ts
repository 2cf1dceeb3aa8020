import type { Database, Sql } from '@baken/event-store';
import { ProblemError, type Idempotency, type IdempotencyRecords } from '@baken/platform';
import type { FactKind } from '../facts/report-facts';

/**
 * A quarterly target: per district and calendar quarter, at least `minimum` facts of one kind (DOMAIN.md), counted
 * by business date, optionally only on cases whose forms include one of `forms` and, for intervention facts, only
 * interventions of one of `interventionTypes` / `interventionLevels`. Targets are data: administrators add them.
 */
export interface TargetDefinition {
  id: string;
  title: string;
  event: FactKind;
  forms: string[] | null;
  interventionTypes: string[] | null;
  interventionLevels: string[] | null;
  minimum: number;
  createdBy: string;
  createdAt: string;
}

export type NewTarget = Omit<TargetDefinition, 'createdBy' | 'createdAt'>;

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
  forms: string[] | null;
  intervention_types: string[] | null;
  intervention_levels: string[] | null;
  minimum: number;
  created_by: string;
  created_at: Date;
}

const COLUMNS =
  'id, title, event_kind, forms, intervention_types, intervention_levels, minimum, created_by, created_at';

const toDefinition = (r: TargetRow): TargetDefinition => ({
  id: r.id,
  title: r.title,
  event: r.event_kind,
  forms: r.forms,
  interventionTypes: r.intervention_types,
  interventionLevels: r.intervention_levels,
  minimum: r.minimum,
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
    `INSERT INTO reporting_targets (id, title, event_kind, forms, intervention_types, intervention_levels, minimum, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (id) DO NOTHING
     RETURNING ${COLUMNS}`,
    [
      target.id,
      target.title,
      target.event,
      target.forms,
      target.interventionTypes,
      target.interventionLevels,
      target.minimum,
      createdBy,
      createdAt,
    ],
  );
  if (!rows[0]) throw new TargetExists(target.id);
  return toDefinition(rows[0]);
}
