import { useEffect, useState } from 'react';
import { api, settle, type Person, type Result } from '../api/client';
import { peopleKey, personName, type PeopleFilter } from './people';

/** The people lists asked for in this session, by filter; a failed answer is asked again next time. */
const cache = new Map<string, Promise<Result<Person[]>>>();

function loadPeople(filter: PeopleFilter): Promise<Result<Person[]>> {
  const key = peopleKey(filter);
  let loading = cache.get(key);
  if (!loading) {
    loading = settle(
      api.GET('/api/people', {
        params: { query: { role: filter.role as Person['role'] | undefined, district: filter.district } },
      }),
    ).then((result) => {
      if (!result.ok) cache.delete(key);
      return result.ok ? { ...result, data: result.data.items } : result;
    });
    cache.set(key, loading);
  }
  return loading;
}

/** Forgets the lists, e.g. when the user signs out: the next user asks again. */
export function forgetPeople(): void {
  cache.clear();
}

export interface People {
  /** The people, `null` while loading or when they could not be loaded. */
  people: Person[] | null;
  /** Whether the list could not be loaded (the names then fall back to usernames). */
  failed: boolean;
  /** The name to show for a username; the username itself until the list is there or when no name is known. */
  name(username: string): string;
}

/**
 * The people Baken knows (`GET /api/people`), loaded once per filter and session and shared by every screen.
 * `filter: null` asks nothing (a form that does not need the list).
 */
export function usePeople(filter: PeopleFilter | null = {}): People {
  const key = filter ? peopleKey(filter) : null;
  const [state, setState] = useState<{ key: string | null; people: Person[] | null; failed: boolean }>({
    key: null,
    people: null,
    failed: false,
  });
  useEffect(() => {
    if (!key || !filter) return;
    let current = true;
    void loadPeople(filter).then((result) => {
      if (current) setState({ key, people: result.ok ? result.data : null, failed: !result.ok });
    });
    return () => {
      current = false;
    };
    // The key stands for the filter, whose object may be new on every render.
  }, [key]);
  const people = state.key === key ? state.people : null;
  return { people, failed: state.key === key && state.failed, name: (username) => personName(people, username) };
}
