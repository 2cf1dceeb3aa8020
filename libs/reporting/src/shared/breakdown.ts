/**
 * Breakdowns of the reports (`groupBy`), and the one reading of a case's classification: as known at `asKnownAt`.
 * Pure SQL builders; the reports put the pieces into their own queries.
 */

export const GROUP_BY = [
  'district',
  'municipality',
  'vulnerability',
  'source',
  'form',
  'sector',
  'leadOrganisation',
] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/**
 * Whether every fact counts in exactly one group of a breakdown, so that the groups sum to the totals. A case has
 * several forms and vulnerabilities, so it counts in each of their groups; a case with none counts in the group
 * `null` (not recorded). By lead organisation an intervention counts under its own lead; what concerns the case as a
 * whole (signals, triage, closures, open cases) counts under every organisation that leads one of its interventions,
 * or under `null` when it has none.
 */
export function groupsExclusive(groupBy: GroupBy, report: 'flow' | 'intervention-effects'): boolean {
  switch (groupBy) {
    case 'form':
    case 'vulnerability':
      return false;
    case 'leadOrganisation':
      return report === 'intervention-effects';
    default:
      return true;
  }
}

/** `asKnownAt` as an SQL expression over a parameter: no limit when it is null. */
export const knownAt = (param: string) => `COALESCE(${param}::timestamptz, 'infinity')`;

/**
 * The case's classification (forms, vulnerabilities, sector) as the log held it at `known`: the latest one recorded
 * by then, whatever the business date of the fact it is asked for. One index lookup on
 * `reporting_case_classifications_case`.
 */
export function classificationAsKnown(caseId: string, known: string): string {
  return `SELECT cl.forms, cl.vulnerabilities, cl.sector FROM reporting_case_classifications cl
          WHERE cl.case_id = ${caseId} AND cl.recorded_at <= ${known}
          ORDER BY cl.stream_version DESC LIMIT 1`;
}

/** What a counted row is about: SQL expressions for its case, its district, and the intervention it concerns (if any). */
export interface GroupSubject {
  caseId: string;
  district: string;
  /** An expression that is the intervention's id for intervention figures, NULL for case figures. */
  interventionId?: string;
}

/**
 * A subquery yielding the groups (column `g`, `NULL` for "not recorded") a counted row falls in, for a LATERAL join.
 * Without a breakdown it yields one row, `NULL`: the totals.
 */
export function groupKeys(groupBy: GroupBy | null, subject: GroupSubject, known: string): string {
  const ofCase = (column: string) =>
    `SELECT rc.${column} AS g FROM reporting_cases rc WHERE rc.case_id = ${subject.caseId}`;
  const classified = (select: string) => `SELECT ${select} FROM (${classificationAsKnown(subject.caseId, known)}) c`;
  switch (groupBy) {
    case null:
      return `SELECT NULL::text AS g`;
    case 'district':
      return `SELECT ${subject.district}::text AS g`;
    case 'municipality':
      return ofCase('municipality');
    case 'source':
      return ofCase('source');
    case 'form':
      return classified(`unnest(c.forms) AS g`);
    case 'vulnerability':
      return classified(
        `unnest(CASE WHEN cardinality(c.vulnerabilities) = 0 THEN ARRAY[NULL]::text[] ELSE c.vulnerabilities END) AS g`,
      );
    case 'sector':
      return classified(`c.sector AS g`);
    case 'leadOrganisation': {
      const intervention = subject.interventionId ?? 'NULL::text';
      // The case's interventions as known then, leaving out those known to be cancelled.
      const leading = `FROM reporting_interventions ci
        WHERE ci.case_id = ${subject.caseId} AND ci.recorded_at <= ${known}
          AND NOT (ci.ended_as = 'cancelled' AND ci.ended_recorded_at <= ${known})`;
      return `SELECT i.lead_organisation AS g FROM reporting_interventions i
                WHERE ${intervention} IS NOT NULL AND i.intervention_id = ${intervention}
              UNION ALL
              SELECT DISTINCT ci.lead_organisation ${leading} AND ${intervention} IS NULL
              UNION ALL
              SELECT NULL::text WHERE ${intervention} IS NULL AND NOT EXISTS (SELECT 1 ${leading})`;
    }
  }
}

/** Orders groups for an answer: by their value, "not recorded" (null) last. */
export function byGroup<T extends { group: string | null }>(a: T, b: T): number {
  if (a.group === b.group) return 0;
  if (a.group === null) return 1;
  if (b.group === null) return -1;
  return a.group < b.group ? -1 : 1;
}
