import { randomUUID } from 'node:crypto';
import { WrongExpectedVersion, type EventStore, type Sql, type StoredEvent } from '@baken/event-store';
import { notFound, ProblemError } from '@baken/platform';
import type { FactKind } from '../facts/report-facts';
import type { TargetPeriod } from './quarter';
import { decide, evolve, TargetRuleBroken, type Target, type TargetCommand } from './target.decide';
import { targetStream, TARGET_STREAM_TYPE, type TargetEvent, type TargetFields } from './target.events';

/**
 * A target: per district and calendar quarter (or year), at least `minimum` facts of one kind (DOMAIN.md), counted by
 * business date, optionally only on cases whose forms or vulnerabilities (as known at the report's `asKnownAt`)
 * include one of `forms` / `vulnerabilities`, and for intervention facts only interventions of one of
 * `interventionTypes` / `interventionLevels`, or led or joined by one of `organisations` (a joint control counts for
 * each organisation in it). Outside `validFrom`–`validUntil`, and after `retiredOn`, it does not apply. Targets are
 * data: administrators define, change and retire them, each an event (ADR 61); this is one version of one.
 */
export interface TargetDefinition extends TargetFields {
  id: string;
  version: number;
  retired: boolean;
  /** The last day a retired target applies. */
  retiredOn: string | null;
  createdBy: string;
  createdAt: string;
  /** Who recorded this version, and when. */
  changedBy: string;
  changedAt: string;
}

/** A new target; what it leaves out is not a condition (period: a quarter, validity: always). */
export type NewTarget = Pick<TargetDefinition, 'id' | 'title' | 'event' | 'minimum'> & Partial<TargetFields>;

export const TARGET_VERSION_KINDS = ['defined', 'changed', 'retired'] as const;
export type TargetVersionKind = (typeof TARGET_VERSION_KINDS)[number];

export interface TargetVersion {
  version: number;
  kind: TargetVersionKind;
  at: string;
  by: string;
  reason: string | null;
  target: TargetDefinition;
}

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

export class TargetRetired extends ProblemError {
  constructor(id: string, retiredOn: string) {
    super(
      409,
      'Target retired',
      `The target "${id}" was retired (it applied until ${retiredOn}) and can no longer be changed or retired.`,
      '/problems/target-retired',
      { code: 'TargetRetired' },
    );
  }
}

interface TargetRow {
  id: string;
  version: number;
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
  retired_on: string | null;
  created_by: string;
  created_at: Date;
  changed_by: string;
  changed_at: Date;
}

/** The definition columns of a version (`v`) with its target's creation (`t`), as {@link TargetRow}. */
const VERSION_COLUMNS = `v.target_id AS id, v.version, v.title, v.event_kind, v.period, v.forms, v.vulnerabilities,
  v.intervention_types, v.intervention_levels, v.organisations, v.minimum,
  to_char(v.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(v.valid_until, 'YYYY-MM-DD') AS valid_until,
  to_char(v.retired_on, 'YYYY-MM-DD') AS retired_on, t.created_by, t.created_at,
  v.recorded_by AS changed_by, v.recorded_at AS changed_at`;

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
  version: r.version,
  retired: r.retired_on !== null,
  retiredOn: r.retired_on,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
  changedBy: r.changed_by,
  changedAt: new Date(r.changed_at).toISOString(),
});

/** The current view's columns (`reporting_targets t`), as {@link TargetRow}. */
const CURRENT_COLUMNS = `t.id, t.version, t.title, t.event_kind, t.period, t.forms, t.vulnerabilities, t.intervention_types,
  t.intervention_levels, t.organisations, t.minimum, to_char(t.valid_from, 'YYYY-MM-DD') AS valid_from,
  to_char(t.valid_until, 'YYYY-MM-DD') AS valid_until, to_char(t.retired_on, 'YYYY-MM-DD') AS retired_on,
  t.created_by, t.created_at, t.changed_by, t.changed_at`;

/** The targets as they are now, retired ones included, in the order they were added (the programme's two first). */
export async function listTargets(sql: Sql): Promise<TargetDefinition[]> {
  const { rows } = await sql.query<TargetRow>(`SELECT ${CURRENT_COLUMNS} FROM reporting_targets t ORDER BY t.position`);
  return rows.map(toDefinition);
}

export async function findTarget(sql: Sql, id: string): Promise<TargetDefinition | null> {
  const { rows } = await sql.query<TargetRow>(`SELECT ${CURRENT_COLUMNS} FROM reporting_targets t WHERE t.id = $1`, [
    id,
  ]);
  return rows[0] ? toDefinition(rows[0]) : null;
}

/**
 * The targets as they were known at `asKnownAt`: of each, the latest version recorded at or before it; a target
 * first recorded later is absent. `null`: as they are now. In the order they were added.
 */
export async function targetsAsKnownAt(sql: Sql, asKnownAt: Date | null): Promise<TargetDefinition[]> {
  if (asKnownAt === null) return listTargets(sql);
  const { rows } = await sql.query<TargetRow>(
    `SELECT ${VERSION_COLUMNS}
     FROM reporting_targets t
     CROSS JOIN LATERAL (
       SELECT * FROM reporting_target_versions v
       WHERE v.target_id = t.id AND v.recorded_at <= $1::timestamptz
       ORDER BY v.version DESC LIMIT 1) v
     ORDER BY t.position`,
    [asKnownAt],
  );
  return rows.map(toDefinition);
}

/** Every version of the target, oldest first; empty for an unknown target. */
export async function targetHistory(sql: Sql, id: string): Promise<TargetVersion[]> {
  const { rows } = await sql.query<TargetRow & { kind: TargetVersionKind; reason: string | null }>(
    `SELECT ${VERSION_COLUMNS}, v.kind, v.reason
     FROM reporting_target_versions v JOIN reporting_targets t ON t.id = v.target_id
     WHERE v.target_id = $1 ORDER BY v.version`,
    [id],
  );
  return rows.map((r) => ({
    version: r.version,
    kind: r.kind,
    at: new Date(r.changed_at).toISOString(),
    by: r.changed_by,
    reason: r.reason,
    target: toDefinition(r),
  }));
}

/** The target's latest version as decision state, with the version of its stream (`null` before its first event). */
async function loadTarget(sql: Sql, id: string): Promise<{ state: Target | null; streamVersion: number | null }> {
  const current = (await targetHistory(sql, id)).at(-1)?.target;
  const { rows } = await sql.query<{ stream_version: number | null }>(
    'SELECT max(stream_version) AS stream_version FROM reporting_target_versions WHERE target_id = $1',
    [id],
  );
  const streamVersion = rows[0]?.stream_version ?? null;
  if (!current) return { state: null, streamVersion };
  const {
    id: targetId,
    version,
    retiredOn,
    retired: _r,
    createdBy: _cb,
    createdAt: _ca,
    changedBy: _b,
    changedAt: _a,
    ...fields
  } = current;
  return { state: { targetId, ...fields, version, retiredOn }, streamVersion };
}

const KIND: Record<TargetEvent['type'], TargetVersionKind> = {
  TargetDefined: 'defined',
  TargetChanged: 'changed',
  TargetRetired: 'retired',
};

/**
 * The inline projection of target events, in the transaction of their append: each event adds the version it makes
 * to `reporting_target_versions` and sets the target's row in `reporting_targets` (the current view).
 */
export async function projectTargetEvents(tx: Sql, stored: readonly StoredEvent[]): Promise<void> {
  for (const e of stored) {
    const event = { type: e.type, data: e.data } as TargetEvent;
    const { state } = await loadTarget(tx, event.data.targetId);
    const next = evolve(state, event);
    if (!next) continue;
    await tx.query(
      `INSERT INTO reporting_target_versions (target_id, version, kind, title, event_kind, period, forms, vulnerabilities,
         intervention_types, intervention_levels, organisations, minimum, valid_from, valid_until, retired_on,
         recorded_at, recorded_by, reason, event_id, stream_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
      [
        next.targetId,
        next.version,
        KIND[event.type],
        next.title,
        next.event,
        next.period,
        next.forms,
        next.vulnerabilities,
        next.interventionTypes,
        next.interventionLevels,
        next.organisations,
        next.minimum,
        next.validFrom,
        next.validUntil,
        next.retiredOn,
        e.recordedAt,
        event.data.by,
        event.type === 'TargetDefined' ? null : event.data.reason,
        e.eventId,
        e.streamVersion,
      ],
    );
    await tx.query(
      `INSERT INTO reporting_targets (id, version, title, event_kind, period, forms, vulnerabilities, intervention_types,
         intervention_levels, organisations, minimum, valid_from, valid_until, retired_on, changed_at, changed_by,
         created_at, created_by)
       SELECT target_id, version, title, event_kind, period, forms, vulnerabilities, intervention_types,
         intervention_levels, organisations, minimum, valid_from, valid_until, retired_on, recorded_at, recorded_by,
         recorded_at, recorded_by
       FROM reporting_target_versions WHERE target_id = $1 AND version = $2
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, title = EXCLUDED.title,
         event_kind = EXCLUDED.event_kind, period = EXCLUDED.period, forms = EXCLUDED.forms,
         vulnerabilities = EXCLUDED.vulnerabilities, intervention_types = EXCLUDED.intervention_types,
         intervention_levels = EXCLUDED.intervention_levels, organisations = EXCLUDED.organisations,
         minimum = EXCLUDED.minimum, valid_from = EXCLUDED.valid_from, valid_until = EXCLUDED.valid_until,
         retired_on = EXCLUDED.retired_on, changed_at = EXCLUDED.changed_at, changed_by = EXCLUDED.changed_by`,
      [next.targetId, next.version],
    );
  }
}

/**
 * Runs a command on a target inside the transaction `tx`: decides on the target's latest version, appends the events
 * to its stream recorded at `at`, and projects them in the same transaction. A concurrent write to the same target is
 * retried on the newer version. Rule violations come back as problems: 404, or 409 (exists, retired).
 */
export async function executeTargetCommand(
  store: EventStore,
  tx: Sql,
  command: TargetCommand,
  at: Date,
  actor: { username: string; role: string },
  /** Names the request that wrote the events; the migration's and tests' commands have none. */
  correlationId?: string,
): Promise<TargetDefinition> {
  for (let attempt = 1; ; attempt++) {
    const { state, streamVersion } = await loadTarget(tx, command.targetId);
    let events: TargetEvent[];
    try {
      events = decide(command, state);
    } catch (error) {
      if (!(error instanceof TargetRuleBroken)) throw error;
      if (error.rule === 'TargetExists') throw new TargetExists(command.targetId);
      if (error.rule === 'TargetNotFound') throw notFound('The target');
      throw new TargetRetired(command.targetId, state?.retiredOn ?? '');
    }
    try {
      await store.appendToStream(
        targetStream(command.targetId),
        events.map((e) => ({
          eventId: randomUUID(),
          type: e.type,
          data: e.data,
          metadata: { actor: actor.username, role: actor.role, ...(correlationId && { correlationId }) },
        })),
        {
          expectedVersion: streamVersion ?? 'no_stream',
          streamType: TARGET_STREAM_TYPE,
          recordedAt: at,
          tx,
          onAppended: projectTargetEvents,
        },
      );
      return (await findTarget(tx, command.targetId))!;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion) || attempt >= 3) throw error;
    }
  }
}
