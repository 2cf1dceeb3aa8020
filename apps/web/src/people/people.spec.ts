import { peopleKey, personName, personNameWithUsername, personOptions } from './people';

const people = [
  { username: 'coordinator.de-baronie', displayName: 'Anouk de Vries' },
  { username: 'j.jansen@example.org', displayName: null },
  { username: 'k.bos@example.org', displayName: '  ' },
];

describe('people by name', () => {
  it('shows the name of a username, and the username itself when no name is known', () => {
    expect(personName(people, 'coordinator.de-baronie')).toBe('Anouk de Vries');
    expect(personName(people, 'j.jansen@example.org')).toBe('j.jansen@example.org');
    expect(personName(people, 'k.bos@example.org')).toBe('k.bos@example.org');
    expect(personName(people, 'never.signed.in')).toBe('never.signed.in');
    expect(personName(null, 'coordinator.de-baronie')).toBe('coordinator.de-baronie');
  });

  it('adds the username where exactly who acted matters', () => {
    expect(personNameWithUsername(people, 'coordinator.de-baronie')).toBe('Anouk de Vries (coordinator.de-baronie)');
    expect(personNameWithUsername(people, 'j.jansen@example.org')).toBe('j.jansen@example.org');
  });

  it('offers people by name with the username as the value, keeping a current value that is not among them', () => {
    expect(personOptions(people.slice(0, 2), 'old.coordinator')).toEqual([
      { value: 'coordinator.de-baronie', label: 'Anouk de Vries' },
      { value: 'j.jansen@example.org', label: 'j.jansen@example.org' },
      { value: 'old.coordinator', label: 'old.coordinator' },
    ]);
    expect(personOptions(people.slice(0, 1), 'coordinator.de-baronie')).toHaveLength(1);
    expect(personOptions(null)).toEqual([]);
  });

  it('tells two people of the same name apart by their usernames', () => {
    expect(
      personOptions([
        { username: 'a', displayName: 'Sanne Jansen' },
        { username: 'b', displayName: 'Sanne Jansen' },
        { username: 'c', displayName: 'Tom Jansen' },
      ]).map((o) => o.label),
    ).toEqual(['Sanne Jansen (a)', 'Sanne Jansen (b)', 'Tom Jansen']);
  });

  it('keeps one list per filter, whatever the order of its fields', () => {
    expect(peopleKey({ district: 'de-baronie', role: 'coordinator' })).toBe(
      peopleKey({ role: 'coordinator', district: 'de-baronie' }),
    );
    expect(peopleKey({ role: 'coordinator' })).not.toBe(peopleKey({ role: 'coordinator', district: 'zeeland' }));
  });
});
