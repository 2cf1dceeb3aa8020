import {
  EFFECTS,
  INTERVENTION_TYPES,
  type Effect,
  type InterventionLevel,
  type InterventionType,
} from '@baken/case-coordination';
import type { Sql } from '@baken/event-store';

export interface InterventionEffectsParams {
  from: string;
  to: string;
  districts: readonly string[];
  /** Only interventions on cases whose forms include this one. */
  form: string | null;
  asKnownAt: Date | null;
}

export interface InterventionEffectsRow {
  interventionType: InterventionType;
  level: InterventionLevel;
  executed: number;
  withEffect: number;
  /** Each intervention's latest effect, counted per effect; every effect is present, 0 when none. */
  effects: Record<Effect, number>;
}

export interface InterventionEffectsResult {
  from: string;
  to: string;
  district: string | null;
  form: string | null;
  asKnownAt: string | null;
  rows: InterventionEffectsRow[];
}

const zeroEffects = (): Record<Effect, number> =>
  Object.fromEntries(EFFECTS.map((e) => [e, 0])) as Record<Effect, number>;

/**
 * Interventions executed in `[from, to]` (by `executedOn`) per type and level: how many, how many with at least one
 * recorded effect, and the distribution of each one's latest effect — the effect with the latest `observedOn`, and of
 * two on the same day the one recorded last. Effects count whenever they were observed (also after `to`): the
 * question is what each intervention led to. Rows in the order of the intervention types (DOMAIN.md); types not executed are left out.
 */
export async function interventionEffectsReport(
  sql: Sql,
  params: InterventionEffectsParams,
): Promise<InterventionEffectsResult> {
  const result: InterventionEffectsResult = {
    from: params.from,
    to: params.to,
    district: params.districts.length === 1 ? params.districts[0] : null,
    form: params.form,
    asKnownAt: params.asKnownAt?.toISOString() ?? null,
    rows: [],
  };
  if (params.districts.length === 0) return result;
  const { rows } = await sql.query<{
    intervention_type: InterventionType;
    level: InterventionLevel;
    effect: Effect | null;
    n: number;
  }>(
    `WITH executed AS (
       SELECT f.ref, f.intervention_type, f.intervention_level
       FROM reporting_facts f
       WHERE f.kind = 'intervention_executed'
         AND f.district = ANY($1::text[])
         AND f.occurred_on BETWEEN $2::date AND $3::date
         AND f.recorded_at <= COALESCE($4::timestamptz, 'infinity')
         AND ($5::text IS NULL OR $5::text = ANY(f.forms))
     )
     SELECT x.intervention_type, x.intervention_level AS level, latest.effect, count(*)::int AS n
     FROM executed x
     LEFT JOIN LATERAL (
       SELECT e.outcome AS effect
       FROM reporting_facts e
       WHERE e.ref = x.ref AND e.kind = 'intervention_effect_recorded'
         AND e.recorded_at <= COALESCE($4::timestamptz, 'infinity')
       ORDER BY e.occurred_on DESC, e.stream_version DESC
       LIMIT 1
     ) latest ON true
     GROUP BY x.intervention_type, x.intervention_level, latest.effect`,
    [params.districts, params.from, params.to, params.asKnownAt, params.form],
  );
  const byType = new Map<string, InterventionEffectsRow>();
  for (const r of rows) {
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
  const order = (t: string) => {
    const i = (INTERVENTION_TYPES as string[]).indexOf(t);
    return i < 0 ? INTERVENTION_TYPES.length : i;
  };
  result.rows = [...byType.values()].sort(
    (a, b) =>
      order(a.interventionType) - order(b.interventionType) || a.interventionType.localeCompare(b.interventionType),
  );
  return result;
}
