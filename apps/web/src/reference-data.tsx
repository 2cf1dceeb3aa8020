import { useEffect, useState } from 'react';
import { api, settle, type District } from './api/client';

let cache: Promise<District[] | null> | null = null;

/** Districts and their municipalities (reference data; loaded once per session). `null` while loading or unavailable. */
export function useDistricts(): District[] | null {
  const [districts, setDistricts] = useState<District[] | null>(null);
  useEffect(() => {
    let current = true;
    cache ??= settle(api.GET('/api/reference-data/districts')).then((r) => {
      if (!r.ok) cache = null;
      return r.ok ? r.data : null;
    });
    cache.then((d) => {
      if (current) setDistricts(d);
    });
    return () => {
      current = false;
    };
  }, []);
  return districts;
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
