import { useEffect, useState } from 'react';
import { api, settle, type District, type Organisation, type Result, type Schemas } from './api/client';
import { INTERVENTION_TYPE, label } from './i18n/labels';

export type InterventionTypeEntry = Schemas['InterventionTypeResponse'];

/**
 * Reference data loaded once per session (and again after a failure, or after `forget()`, which the screens that
 * change it call). `null` while loading or unavailable.
 */
function referenceData<T>(load: () => Promise<Result<T>>): (() => T | null) & { forget(): void } {
  let cache: Promise<T | null> | null = null;
  const useReferenceData = function useReferenceData() {
    const [data, setData] = useState<T | null>(null);
    useEffect(() => {
      let current = true;
      cache ??= load().then((r) => {
        if (!r.ok) cache = null;
        return r.ok ? r.data : null;
      });
      cache.then((d) => {
        if (current) setData(d);
      });
      return () => {
        current = false;
      };
    }, []);
    return data;
  };
  return Object.assign(useReferenceData, {
    forget: () => {
      cache = null;
    },
  });
}

/** Districts and their municipalities. */
export const useDistricts = referenceData(() => settle(api.GET('/api/reference-data/districts')));

/** The organisations actors act for and measures are led by (`riec`, `municipality:breda`, …). */
export const useOrganisations = referenceData(() => settle(api.GET('/api/reference-data/organisations')));

/** The intervention catalogue the administrator keeps: every type with its level and name, retired ones too. */
export const useInterventionTypes = referenceData(() => settle(api.GET('/api/reference-data/intervention-types')));

/** The name of an intervention type: the catalogue's, else the built-in label, else the id. */
export function interventionTypeName(types: readonly InterventionTypeEntry[] | null, type: string): string {
  return types?.find((t) => t.type === type)?.label ?? label(INTERVENTION_TYPE, type);
}

/** The name of an organisation id (`Gemeente Breda`), or the id when the reference data is not (yet) there. */
export function organisationName(organisations: readonly Organisation[] | null, id: string | null | undefined): string {
  if (!id) return '';
  return organisations?.find((o) => o.id === id)?.name ?? id;
}

/**
 * The organisations that may lead or take part in work on a case of `district`: the regional ones, the shelters and
 * the district's own municipalities, by name.
 */
export function organisationsFor(
  organisations: readonly Organisation[] | null,
  districts: readonly District[] | null,
  district: string,
): Organisation[] {
  const own = new Set(
    (districts ?? []).find((d) => d.id === district)?.municipalities.map((m) => `municipality:${m.id}`),
  );
  return (organisations ?? [])
    .filter((o) => o.kind !== 'municipality' || own.has(o.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** The name of a district or municipality id, or the id when the reference data is not (yet) there. */
export function placeName(districts: District[] | null, id: string | null | undefined): string {
  if (!id) return '';
  for (const d of districts ?? []) {
    if (d.id === id) return d.name;
    const m = d.municipalities.find((x) => x.id === id);
    if (m) return m.name;
  }
  return id;
}
