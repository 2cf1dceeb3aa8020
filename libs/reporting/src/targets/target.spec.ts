import { decide, evolve, TargetRuleBroken, type TargetCommand, type TargetState } from './target.decide';
import type { TargetEvent, TargetFields } from './target.events';

const fields: TargetFields = {
  title: 'Uitgevoerde arbeidsinspecties bij arbeidsuitbuiting',
  event: 'intervention_executed',
  period: 'quarter',
  forms: ['labour'],
  vulnerabilities: null,
  interventionTypes: ['labour_inspection'],
  interventionLevels: null,
  organisations: null,
  minimum: 4,
  validFrom: '2022-01-01',
  validUntil: null,
};
const defined: TargetEvent = {
  type: 'TargetDefined',
  data: { targetId: 'labour-inspections', by: 'admin', ...fields },
};
const changed = (minimum: number): TargetEvent => ({
  type: 'TargetChanged',
  data: { targetId: 'labour-inspections', by: 'admin', reason: 'Hogere norm', ...fields, minimum },
});
const retired: TargetEvent = {
  type: 'TargetRetired',
  data: { targetId: 'labour-inspections', by: 'admin', reason: 'Vervalt', lastDay: '2026-03-31' },
};

/** Decides on the state `evolve` folds from `events`, and checks that `evolve` accepts what was decided. */
function given(events: TargetEvent[]) {
  const state = events.reduce<TargetState>(evolve, null);
  return {
    when: (command: TargetCommand) => ({
      then: (expected: TargetEvent[]) => {
        const decided = decide(command, state);
        expect(decided).toEqual(expected);
        expect(decided.reduce<TargetState>(evolve, state)?.version).toBe((state?.version ?? 0) + decided.length);
      },
      thenThrows: (rule: TargetRuleBroken['rule']) => {
        expect(() => decide(command, state)).toThrow(expect.objectContaining({ rule }));
      },
    }),
  };
}

const define: TargetCommand = { type: 'DefineTarget', targetId: 'labour-inspections', fields, by: 'admin' };
const change = (minimum: number): TargetCommand => ({
  type: 'ChangeTarget',
  targetId: 'labour-inspections',
  fields: { ...fields, minimum },
  reason: 'Hogere norm',
  by: 'admin',
});
const retire = (lastDay: string | null): TargetCommand => ({
  type: 'RetireTarget',
  targetId: 'labour-inspections',
  lastDay,
  reason: 'Vervalt',
  by: 'admin',
  today: '2026-04-01',
});

describe('defining a target', () => {
  it('defines a new target', () => given([]).when(define).then([defined]));
  it('refuses an id that exists', () => given([defined]).when(define).thenThrows('TargetExists'));
  it('refuses an id that exists even when retired', () =>
    given([defined, retired]).when(define).thenThrows('TargetExists'));
});

describe('changing a target', () => {
  it('replaces the whole definition, with the reason', () =>
    given([defined])
      .when(change(6))
      .then([changed(6)]));
  it('refuses an unknown target', () => given([]).when(change(6)).thenThrows('TargetNotFound'));
  it('refuses a retired target', () => given([defined, retired]).when(change(6)).thenThrows('TargetIsRetired'));
});

describe('retiring a target', () => {
  it('retires it after the last day given', () =>
    given([defined, changed(5)])
      .when(retire('2026-03-31'))
      .then([retired]));
  it('retires it after yesterday when no last day is given', () => given([defined]).when(retire(null)).then([retired]));
  it('refuses an unknown target', () => given([]).when(retire(null)).thenThrows('TargetNotFound'));
  it('refuses to retire it twice', () => given([defined, retired]).when(retire(null)).thenThrows('TargetIsRetired'));
});

describe('a target as its events left it', () => {
  it('counts a version per event and keeps the definition through a retirement', () => {
    const state = [defined, changed(6), retired].reduce<TargetState>(evolve, null);
    expect(state).toEqual({
      targetId: 'labour-inspections',
      ...fields,
      minimum: 6,
      version: 3,
      retiredOn: '2026-03-31',
    });
  });
});
