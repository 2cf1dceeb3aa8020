import {
  decide,
  evolve,
  isValidOn,
  ReferenceRuleBroken,
  type ReferenceCommand,
  type ReferenceEvent,
  type ReferenceState,
} from './reference-data.domain';

const seeded: ReferenceState = {
  districts: new Set(['de-baronie', 'zeeland']),
  organisations: new Map([
    ['riec', { kind: 'riec', name: 'RIEC', identityClaim: null, active: true }],
    ['shelter:sterk-huis', { kind: 'shelter', name: 'Sterk Huis', identityClaim: 'STERK', active: true }],
  ]),
  municipalities: new Map([
    ['breda', { name: 'Breda', district: 'de-baronie', validFrom: null, validUntil: null }],
    ['baarle-nassau', { name: 'Baarle-Nassau', district: 'de-baronie', validFrom: null, validUntil: null }],
  ]),
  interventionTypes: new Map([['stop_talk', { level: 'criminal', label: 'Stopgesprek', retired: false }]]),
};

/** Given the state after `events`, when `command`: the events decided, or the rule broken. */
function given(...events: ReferenceEvent[]) {
  const state = events.reduce(evolve, seeded);
  return {
    when: (command: ReferenceCommand) => ({
      then: (expected: ReferenceEvent[]) => expect(decide(command, state)).toEqual(expected),
      thenBroken: (kind: ReferenceRuleBroken['kind'], field: string) => {
        let thrown: unknown;
        try {
          decide(command, state);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(ReferenceRuleBroken);
        expect({ kind: (thrown as ReferenceRuleBroken).kind, field: (thrown as ReferenceRuleBroken).field }).toEqual({
          kind,
          field,
        });
      },
    }),
    state,
  };
}

const by = 'admin';

describe('reference data decisions', () => {
  describe('organisations', () => {
    it('adds a shelter with its claim', () => {
      given()
        .when({ type: 'AddOrganisation', by, id: 'shelter:de-haven', kind: 'shelter', name: 'De Haven' })
        .then([
          {
            type: 'OrganisationAdded',
            data: { id: 'shelter:de-haven', kind: 'shelter', name: 'De Haven', identityClaim: null, by },
          },
        ]);
    });

    it('refuses an id taken (conflict), one that does not fit its kind, and a municipality', () => {
      given().when({ type: 'AddOrganisation', by, id: 'riec', kind: 'riec', name: 'X' }).thenBroken('conflict', 'id');
      given()
        .when({ type: 'AddOrganisation', by, id: 'police_avim', kind: 'riec', name: 'X' })
        .thenBroken('invalid', 'id');
      given()
        .when({ type: 'AddOrganisation', by, id: 'de-haven', kind: 'shelter', name: 'X' })
        .thenBroken('invalid', 'id');
      given()
        .when({ type: 'AddOrganisation', by, id: 'municipality:x', kind: 'municipality', name: 'X' })
        .thenBroken('invalid', 'kind');
      given().when({ type: 'AddOrganisation', by, id: 'riec', kind: 'other', name: 'X' }).thenBroken('invalid', 'id');
    });

    it('refuses a claim that maps users to another organisation already', () => {
      given()
        .when({ type: 'AddOrganisation', by, id: 'shelter:x', kind: 'shelter', name: 'X', identityClaim: 'STERK' })
        .thenBroken('invalid', 'identityClaim');
      given()
        .when({ type: 'AddOrganisation', by, id: 'shelter:x', kind: 'shelter', name: 'X', identityClaim: 'riec' })
        .thenBroken('invalid', 'identityClaim');
    });

    it('changes one and keeps its claim when none is given; a municipality’s is not changed here', () => {
      given()
        .when({ type: 'ChangeOrganisation', by, id: 'shelter:sterk-huis', name: 'Sterk Huis', active: false })
        .then([
          {
            type: 'OrganisationChanged',
            data: { id: 'shelter:sterk-huis', name: 'Sterk Huis', identityClaim: 'STERK', active: false, by },
          },
        ]);
      given()
        .when({
          type: 'ChangeOrganisation',
          by,
          id: 'shelter:sterk-huis',
          name: 'Sterk Huis',
          identityClaim: null,
          active: true,
        })
        .then([
          {
            type: 'OrganisationChanged',
            data: { id: 'shelter:sterk-huis', name: 'Sterk Huis', identityClaim: null, active: true, by },
          },
        ]);
      given()
        .when({ type: 'ChangeOrganisation', by, id: 'municipality:breda', name: 'X', active: true })
        .thenBroken('invalid', 'id');
      given()
        .when({ type: 'ChangeOrganisation', by, id: 'shelter:nergens', name: 'X', active: true })
        .thenBroken('not_found', 'id');
    });

    it('evolves an addition and a change', () => {
      const { state } = given(
        {
          type: 'OrganisationAdded',
          data: { id: 'shelter:x', kind: 'shelter', name: 'X', identityClaim: null, by },
        },
        { type: 'OrganisationChanged', data: { id: 'shelter:x', name: 'Y', identityClaim: 'Y', active: false, by } },
      );
      expect(state.organisations.get('shelter:x')).toEqual({
        kind: 'shelter',
        name: 'Y',
        identityClaim: 'Y',
        active: false,
      });
    });
  });

  describe('municipalities', () => {
    it('merges: the old ones end, the new one starts, and each exists only on its days', () => {
      const { state } = given(
        {
          type: 'MunicipalityChanged',
          data: { id: 'baarle-nassau', name: 'Baarle-Nassau', validUntil: '2026-03-10', by },
        },
        {
          type: 'MunicipalityAdded',
          data: { id: 'baarle-alphen', name: 'Baarle-Alphen', district: 'de-baronie', validFrom: '2026-03-11', by },
        },
      );
      const old = state.municipalities.get('baarle-nassau')!;
      const merged = state.municipalities.get('baarle-alphen')!;
      expect([isValidOn(old, '2026-03-10'), isValidOn(old, '2026-03-11')]).toEqual([true, false]);
      expect([isValidOn(merged, '2026-03-10'), isValidOn(merged, '2026-03-11')]).toEqual([false, true]);
    });

    it('refuses a municipality that exists, an unknown district, and an end before the start', () => {
      given()
        .when({
          type: 'AddMunicipality',
          by,
          id: 'breda',
          name: 'Breda',
          district: 'de-baronie',
          validFrom: '2026-01-01',
        })
        .thenBroken('conflict', 'id');
      given()
        .when({ type: 'AddMunicipality', by, id: 'x', name: 'X', district: 'atlantis', validFrom: '2026-01-01' })
        .thenBroken('invalid', 'district');
      given({
        type: 'MunicipalityAdded',
        data: { id: 'x', name: 'X', district: 'zeeland', validFrom: '2026-03-11', by },
      })
        .when({ type: 'ChangeMunicipality', by, id: 'x', name: 'X', validUntil: '2026-03-10' })
        .thenBroken('invalid', 'validUntil');
      given()
        .when({ type: 'ChangeMunicipality', by, id: 'nergens', name: 'X', validUntil: null })
        .thenBroken('not_found', 'id');
    });
  });

  it('records new deadline periods with who set them', () => {
    const periods = {
      triageWorkingDays: 4,
      triageHighWorkingDays: 2,
      triageAcuteWorkingDays: 1,
      forwardFeedbackWorkingDays: 15,
      proposalDecisionDays: 21,
      effectFollowUpDays: 42,
    };
    given()
      .when({ type: 'ChangeDeadlinePeriods', by, periods })
      .then([{ type: 'DeadlinePeriodsChanged', data: { ...periods, by } }]);
  });

  describe('the intervention catalogue', () => {
    it('adds a type at a level and retires it', () => {
      given()
        .when({ type: 'AddInterventionType', by, interventionType: 'financial_check', level: 'fiscal', label: 'F' })
        .then([
          {
            type: 'InterventionTypeAdded',
            data: { interventionType: 'financial_check', level: 'fiscal', label: 'F', by },
          },
        ]);
      const { state } = given(
        {
          type: 'InterventionTypeAdded',
          data: { interventionType: 'financial_check', level: 'fiscal', label: 'F', by },
        },
        {
          type: 'InterventionTypeChanged',
          data: { interventionType: 'financial_check', label: 'G', retired: true, by },
        },
      );
      expect(state.interventionTypes.get('financial_check')).toEqual({ level: 'fiscal', label: 'G', retired: true });
    });

    it('refuses a type that exists, an unknown level, and a change of an unknown type', () => {
      given()
        .when({ type: 'AddInterventionType', by, interventionType: 'stop_talk', level: 'criminal', label: 'X' })
        .thenBroken('conflict', 'type');
      given()
        .when({ type: 'AddInterventionType', by, interventionType: 'x', level: 'cosmic', label: 'X' })
        .thenBroken('invalid', 'level');
      given()
        .when({ type: 'ChangeInterventionType', by, interventionType: 'nope', label: 'X', retired: true })
        .thenBroken('not_found', 'type');
    });
  });
});
