import {
  EFFECTS,
  INTERVENTION_TYPES,
  type Effect,
  type InterventionLevel,
  type InterventionType,
} from '@baken/case-coordination';
import type { Sql } from '@baken/event-store';
import {
  byGroup,
  classificationAsKnown,
  groupKeys,
  groupsExclusive,
  knownAt,
  type GroupBy,
} from '../../shared/breakdown';

export interface InterventionEffectsParams {
  from: string;
  to: string;
  districts: readonly string[];
  /** Only interventions on cases whose forms, as known at `asKnownAt`, include this one. */
  form: string | null;
  asKnownAt: Date | null;
  /** The business date the figures stand on: executions up to the earlier of `to` and `asOf`, effects observed by then. */
  asOf?: string;
  groupBy?: GroupBy | null;
}

export interface InterventionEffectsRow {
  interventionType: InterventionType;
  level: InterventionLevel;
  executed: number;
  withEffect: number;
  /** Each intervention's latest effect, counted per effect; every effect is present, 0 when none. */
  effects: Record<Effect, number>;
}

export interface InterventionEffectsGroup {
  /** The group's value (district, municipality, vulnerability, … id); null: not recorded. */
  group: string | null;
  rows: InterventionEffectsRow[];
}

export interface InterventionEffectsResult {
  from: string;
  to: string;
  asOf: string | null;
  district: string | null;
  form: string | null;
  asKnownAt: string | null;
  rows: InterventionEffectsRow[];
  groupBy: GroupBy | null;
  /** Whether every intervention counts in exactly one group; null without a breakdown. */
  groupsExclusive: boolean | null;
  groups: InterventionEffectsGroup[];
}

const zeroEffects = (): Record<Effect, number> =>
  Object.fromEntries(EFFECTS.map((e) => [e, 0])) as Record<Effect, number>;

const KNOWN = knownAt('$4');

const EFFECTS_SQL = (groupBy: GroupBy | null) => `
  WITH executed AS (
    SELECT f.ref, f.case_id, f.district, f.intervention_type, f.intervention_level
    FROM reporting_facts f
    WHERE f.kind = 'intervention_executed'
      AND f.district = ANY($1::text[])
      AND f.occurred_on BETWEEN $2::date AND $3::date
      AND f.recorded_at <= ${KNOWN}
      AND ($5::text IS NULL OR EXISTS (
        SELECT 1 FROM (${classificationAsKnown('f.case_id', KNOWN)}) c WHERE $5::text = ANY(c.forms)))
  )
  SELECT x.intervention_type, x.intervention_level AS level, g.g AS grp, latest.effect, count(*)::int AS n
  FROM executed x
  CROSS JOIN LATERAL (${groupKeys(groupBy, { caseId: 'x.case_id', district: 'x.district', interventionId: 'x.ref' }, KNOWN)}) g
  LEFT JOIN LATERAL (
    SELECT e.outcome AS effect
    FROM reporting_facts e
    WHERE e.ref = x.ref AND e.kind = 'intervention_effect_recorded'
      AND e.recorded_at <= ${KNOWN} AND e.occurred_on <= $6::date
    ORDER BY e.occurred_on DESC, e.stream_version DESC
    LIMIT 1
  ) latest ON true
  GROUP BY x.intervention_type, x.intervention_level, g.g, latest.effect`;

const order = (t: string) => {
  const i = (INTERVENTION_TYPES as string[]).indexOf(t);
  return i < 0 ? INTERVENTION_TYPES.length : i;
};

/** The rows per group (one group, null, without a breakdown), in the order of the intervention types. */
async function rowsByGroup(
  sql: Sql,
  params: InterventionEffectsParams,
  until: string,
  effectsUntil: string,
  groupBy: GroupBy | null,
): Promise<Map<string | null, InterventionEffectsRow[]>> {
  const { rows } = await sql.query<{
    intervention_type: InterventionType;
    level: InterventionLevel;
    grp: string | null;
    effect: Effect | null;
    n: number;
  }>(EFFECTS_SQL(groupBy), [params.districts, params.from, until, params.asKnownAt, params.form, effectsUntil]);
  const groups = new Map<string | null, Map<string, InterventionEffectsRow>>();
  for (const r of rows) {
    const byType = groups.get(r.grp) ?? new Map<string, InterventionEffectsRow>();
    groups.set(r.grp, byType);
    const key = `${r.intervention_type}|${r.level}`;
    const row = byType.get(key) ?? {
      interventionType: r.intervention_type,
      level: r.level,
      executed: 0,
      withEffect: 0,
      effects: zeroEffects(),
    };
    row.executed += r.n;
    if (r.effect !== null) {
      row.withEffect += r.n;
      row.effects[r.effect] = (row.effects[r.effect] ?? 0) + r.n;
    }
    byType.set(key, row);
  }
  return new Map(
    [...groups.entries()].map(([group, byType]) => [
      group,
      [...byType.values()].sort(
        (a, b) =>
          order(a.interventionType) - order(b.interventionType) || a.interventionType.localeCompare(b.interventionType),
      ),
    ]),
  );
}

/**
 * Interventions executed in `[from, to]` (by `executedOn`, up to `asOf` when that is earlier) per type and level: how
 * many, how many with at least one recorded effect, and the distribution of each one's latest effect — the effect with
 * the latest `observedOn`, and of two on the same day the one recorded last. Effects count whenever they were observed
 * (also after `to`, up to `asOf`): the question is what each intervention led to. Rows in the order of the
 * intervention types (DOMAIN.md); types not executed are left out. With `groupBy`, the same rows per group.
 */
export async function interventionEffectsReport(
  sql: Sql,
  params: InterventionEffectsParams,
): Promise<InterventionEffectsResult> {
  const groupBy = params.groupBy ?? null;
  const result: InterventionEffectsResult = {
    from: params.from,
    to: params.to,
    asOf: params.asOf ?? null,
    district: params.districts.length === 1 ? params.districts[0] : null,
    form: params.form,
    asKnownAt: params.asKnownAt?.toISOString() ?? null,
    rows: [],
    groupBy,
    groupsExclusive: groupBy === null ? null : groupsExclusive(groupBy, 'intervention-effects'),
    groups: [],
  };
  if (params.districts.length === 0) return result;
  const until = params.asOf !== undefined && params.asOf < params.to ? params.asOf : params.to;
  const effectsUntil = params.asOf ?? 'infinity';
  result.rows = (await rowsByGroup(sql, params, until, effectsUntil, null)).get(null) ?? [];
  if (groupBy !== null) {
    const groups = await rowsByGroup(sql, params, until, effectsUntil, groupBy);
    if (groupBy === 'district') for (const d of params.districts) if (!groups.has(d)) groups.set(d, []);
    result.groups = [...groups.entries()].map(([group, rows]) => ({ group, rows })).sort(byGroup);
  }
  return result;
}
