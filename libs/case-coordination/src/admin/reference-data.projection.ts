import type { Sql, StoredEvent } from '@baken/event-store';
import {
  DEADLINE_PERIOD_KEYS,
  type DeadlinePeriodValues,
  type InterventionTypeEntry,
  type MunicipalityEntry,
  type OrganisationEntry,
  type ReferenceEvent,
  type ReferenceState,
} from '../reference-data/reference-data.domain';

/**
 * Writes reference-data events into the `ref_` tables, in the transaction that appends them (ADR 62). Each row keeps
 * who changed it last and when: the event's actor and recorded time.
 */
export async function projectReferenceEvents(tx: Sql, stored: readonly StoredEvent[]): Promise<void> {
  for (const e of stored) {
    const event = { type: e.type, data: e.data } as ReferenceEvent;
    const by = event.data.by;
    const at = e.recordedAt;
    switch (event.type) {
      case 'OrganisationAdded': {
        const { id, kind, name, identityClaim } = event.data;
        await tx.query(
          `INSERT INTO ref_organisations (id, kind, name, identity_claim, active, changed_by, changed_at)
           VALUES ($1, $2, $3, $4, true, $5, $6)`,
          [id, kind, name, identityClaim, by, at],
        );
        break;
      }
      case 'OrganisationChanged': {
        const { id, name, identityClaim, active } = event.data;
        await tx.query(
          `UPDATE ref_organisations SET name = $2, identity_claim = $3, active = $4, changed_by = $5, changed_at = $6
            WHERE id = $1`,
          [id, name, identityClaim, active, by, at],
        );
        break;
      }
      case 'MunicipalityAdded': {
        const { id, name, district, validFrom } = event.data;
        await tx.query(
          `INSERT INTO ref_municipalities (id, name, district_id, valid_from, changed_by, changed_at)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [id, name, district, validFrom, by, at],
        );
        break;
      }
      case 'MunicipalityChanged': {
        const { id, name, validUntil } = event.data;
        await tx.query(
          `UPDATE ref_municipalities SET name = $2, valid_until = $3, changed_by = $4, changed_at = $5 WHERE id = $1`,
          [id, name, validUntil, by, at],
        );
        break;
      }
      case 'DeadlinePeriodsChanged': {
        const periods = Object.fromEntries(DEADLINE_PERIOD_KEYS.map((k) => [k, event.data[k]]));
        await tx.query(
          `INSERT INTO ref_deadline_periods (global_position, effective_from, periods, changed_by)
           VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [e.globalPosition, at, JSON.stringify(periods), by],
        );
        break;
      }
      case 'InterventionTypeAdded': {
        const { interventionType, level, label } = event.data;
        await tx.query(
          `INSERT INTO ref_intervention_types (type, level, label, retired, changed_by, changed_at)
           VALUES ($1, $2, $3, false, $4, $5)`,
          [interventionType, level, label, by, at],
        );
        break;
      }
      case 'InterventionTypeChanged': {
        const { interventionType, label, retired } = event.data;
        await tx.query(
          `UPDATE ref_intervention_types SET label = $2, retired = $3, changed_by = $4, changed_at = $5 WHERE type = $1`,
          [interventionType, label, retired, by, at],
        );
        break;
      }
    }
  }
}

export interface OrganisationRow {
  id: string;
  kind: string;
  name: string;
  identityClaim: string;
  active: boolean;
  changedBy: string | null;
  changedAt: string | null;
}

export interface MunicipalityRow {
  id: string;
  name: string;
  district: string;
  validFrom: string | null;
  validUntil: string | null;
  changedBy: string | null;
  changedAt: string | null;
}

export interface InterventionTypeRow {
  type: string;
  level: string;
  label: string;
  retired: boolean;
  changedBy: string | null;
  changedAt: string | null;
}

export interface DeadlinePeriodsRow extends DeadlinePeriodValues {
  changedBy: string | null;
  changedAt: string | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The municipalities, ordered by district and name. */
export async function readMunicipalities(sql: Sql): Promise<MunicipalityRow[]> {
  const { rows } = await sql.query<{
    id: string;
    name: string;
    district_id: string;
    valid_from: string | null;
    valid_until: string | null;
    changed_by: string | null;
    changed_at: Date | null;
  }>(
    `SELECT id, name, district_id, valid_from::text, valid_until::text, changed_by, changed_at
       FROM ref_municipalities ORDER BY district_id, name`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    district: r.district_id,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    changedBy: r.changed_by,
    changedAt: iso(r.changed_at),
  }));
}

/**
 * Every organisation: the maintained ones and, read-only, the municipalities' (`municipality:<slug>`, active while the
 * municipality exists on `today`). Ordered by kind and name.
 */
export async function readOrganisations(sql: Sql, today: string): Promise<OrganisationRow[]> {
  const { rows } = await sql.query<{
    id: string;
    kind: string;
    name: string;
    identity_claim: string | null;
    active: boolean;
    changed_by: string | null;
    changed_at: Date | null;
  }>(`SELECT id, kind, name, identity_claim, active, changed_by, changed_at FROM ref_organisations`);
  const municipalities = await readMunicipalities(sql);
  return [
    ...rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      identityClaim: r.identity_claim ?? r.id,
      active: r.active,
      changedBy: r.changed_by,
      changedAt: iso(r.changed_at),
    })),
    ...municipalities.map((m) => ({
      id: `municipality:${m.id}`,
      kind: 'municipality',
      name: `Gemeente ${m.name}`,
      identityClaim: `municipality:${m.id}`,
      active: (m.validFrom === null || m.validFrom <= today) && (m.validUntil === null || today <= m.validUntil),
      changedBy: m.changedBy,
      changedAt: m.changedAt,
    })),
  ].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

export async function readInterventionTypes(sql: Sql): Promise<InterventionTypeRow[]> {
  const { rows } = await sql.query<{
    type: string;
    level: string;
    label: string;
    retired: boolean;
    changed_by: string | null;
    changed_at: Date | null;
  }>(`SELECT type, level, label, retired, changed_by, changed_at FROM ref_intervention_types ORDER BY level, type`);
  return rows.map((r) => ({
    type: r.type,
    level: r.level,
    label: r.label,
    retired: r.retired,
    changedBy: r.changed_by,
    changedAt: iso(r.changed_at),
  }));
}

/** The periods set last by an administrator, or `defaults` (the configuration's) when none were. */
export async function readDeadlinePeriods(sql: Sql, defaults: DeadlinePeriodValues): Promise<DeadlinePeriodsRow> {
  const { rows } = await sql.query<{
    periods: DeadlinePeriodValues | string;
    changed_by: string;
    effective_from: Date;
  }>(`SELECT periods, changed_by, effective_from FROM ref_deadline_periods ORDER BY global_position DESC LIMIT 1`);
  const pick = (p: DeadlinePeriodValues) =>
    Object.fromEntries(DEADLINE_PERIOD_KEYS.map((k) => [k, p[k]])) as unknown as DeadlinePeriodValues;
  if (!rows[0]) return { ...pick(defaults), changedBy: null, changedAt: null };
  const periods =
    typeof rows[0].periods === 'string' ? (JSON.parse(rows[0].periods) as DeadlinePeriodValues) : rows[0].periods;
  return {
    ...pick({ ...defaults, ...periods }),
    changedBy: rows[0].changed_by,
    changedAt: iso(rows[0].effective_from),
  };
}

/** The state the administrator's commands are decided on, as the tables hold it. */
export async function readReferenceState(sql: Sql): Promise<ReferenceState> {
  // One after the other: a transaction runs one statement at a time.
  const districts = await sql.query<{ id: string }>(`SELECT id FROM ref_districts ORDER BY id`);
  const organisations = await sql.query<{
    id: string;
    kind: string;
    name: string;
    identity_claim: string | null;
    active: boolean;
  }>(`SELECT id, kind, name, identity_claim, active FROM ref_organisations`);
  const municipalities = await sql.query<{
    id: string;
    name: string;
    district_id: string;
    valid_from: string | null;
    valid_until: string | null;
  }>(`SELECT id, name, district_id, valid_from::text, valid_until::text FROM ref_municipalities`);
  const types = await sql.query<{ type: string; level: string; label: string; retired: boolean }>(
    `SELECT type, level, label, retired FROM ref_intervention_types`,
  );
  return {
    districts: new Set(districts.rows.map((r) => r.id)),
    organisations: new Map<string, OrganisationEntry>(
      organisations.rows.map((r) => [
        r.id,
        { kind: r.kind, name: r.name, identityClaim: r.identity_claim, active: r.active },
      ]),
    ),
    municipalities: new Map<string, MunicipalityEntry>(
      municipalities.rows.map((r) => [
        r.id,
        { name: r.name, district: r.district_id, validFrom: r.valid_from, validUntil: r.valid_until },
      ]),
    ),
    interventionTypes: new Map<string, InterventionTypeEntry>(
      types.rows.map((r) => [r.type, { level: r.level, label: r.label, retired: r.retired }]),
    ),
  };
}
