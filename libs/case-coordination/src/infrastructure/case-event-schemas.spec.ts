import { caseEventSchemas } from './case-event-schemas';

const schemas = caseEventSchemas();

describe('reading case events of older schema versions', () => {
  it('reads an intervention planned before participants were recorded as one without participants', () => {
    const v1 = {
      type: 'InterventionPlanned',
      schemaVersion: 1,
      data: {
        interventionId: 'i-1',
        type: 'labour_inspection',
        level: 'labour_law',
        leadPartner: 'labour_inspectorate',
        plannedOn: '2024-03-26',
      },
    };
    expect(schemas.upcast(v1)).toStrictEqual({ ...v1, schemaVersion: 2, data: { ...v1.data, participants: [] } });
  });

  it('leaves an event of the current version as it is', () => {
    const v2 = { type: 'InterventionPlanned', schemaVersion: 2, data: { participants: ['riec'] } };
    expect(schemas.upcast(v2)).toBe(v2);
    expect(schemas.currentVersion('InterventionPlanned')).toBe(2);
    expect(schemas.currentVersion('SignalRegistered')).toBe(1);
  });

  it('refuses an event written by a newer release instead of misreading it', () => {
    expect(() => schemas.upcast({ type: 'InterventionPlanned', schemaVersion: 3, data: {} })).toThrow(/newer release/);
  });
});
