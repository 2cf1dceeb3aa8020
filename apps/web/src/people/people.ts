import type { Option } from '../components/option';

/** A person as `GET /api/people` describes them: a username, and the name to show when the identity provider gave one. */
export interface PersonName {
  username: string;
  displayName?: string | null;
}

/** Which people to ask for: a role (`coordinator`), a district (`de-baronie`). */
export interface PeopleFilter {
  role?: string;
  district?: string;
}

/** One key per filter, the same whatever the order of its fields: the cache of the people lists is kept by it. */
export function peopleKey(filter: PeopleFilter = {}): string {
  return `role=${filter.role ?? ''}&district=${filter.district ?? ''}`;
}

/** The name to show for a username: the person's display name when known, else the username itself. */
export function personName(people: readonly PersonName[] | null | undefined, username: string): string {
  const name = people?.find((p) => p.username === username)?.displayName?.trim();
  return name || username;
}

/**
 * A name with the username after it, where who exactly acted matters (the audit screens): `Anouk de Vries
 * (coordinator.de-baronie)`; only the username when no name is known.
 */
export function personNameWithUsername(people: readonly PersonName[] | null | undefined, username: string): string {
  const name = personName(people, username);
  return name === username ? username : `${name} (${username})`;
}

/**
 * People as the options of a select: their names (with the username only where two share a name), the username as
 * the value. A `current` username that is not (or
 * not yet) among them is kept as an option of its own, so a form never silently drops a value it was given.
 */
export function personOptions(people: readonly PersonName[] | null | undefined, current = ''): Option[] {
  const names = (people ?? []).map((p) => personName(people, p.username));
  const options = (people ?? []).map((p, i) => ({
    value: p.username,
    // Two people of the same name are told apart by their usernames.
    label: names.indexOf(names[i]) !== names.lastIndexOf(names[i]) ? `${names[i]} (${p.username})` : names[i],
  }));
  if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: current });
  return options;
}
