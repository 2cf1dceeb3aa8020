import { caseEventSchemas } from './case-event-schemas';

const schemas = caseEventSchemas();

describe('reading case events of older schema versions', () => {
  it('reads an intervention planned in version 1 (a lead partner, no participants) in the current shape', () => {
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
    expect(schemas.upcast(v1)).toStrictEqual({
      type: 'InterventionPlanned',
      schemaVersion: 3,
      data: {
        interventionId: 'i-1',
        type: 'labour_inspection',
        level: 'labour_law',
        leadOrganisation: 'labour_inspectorate',
        participants: [],
        plannedOn: '2024-03-26',
      },
    });
  });

  it('reads an intervention planned in version 2 with its participants and its lead as the lead organisation', () => {
    const v2 = {
      type: 'InterventionPlanned',
      schemaVersion: 2,
      data: { leadPartner: 'municipality', participants: ['riec'] },
    };
    expect(schemas.upcast(v2).data).toStrictEqual({ leadOrganisation: 'municipality', participants: ['riec'] });
  });

  it('reads a proposal drafted in version 1 (intervention types) as measures led by the competent kind of their level', () => {
    const v1 = {
      type: 'ProposalDrafted',
      schemaVersion: 1,
      data: {
        proposalId: 'p-1',
        summary: 's',
        proposedInterventions: ['premises_closure', 'labour_inspection', 'shelter_placement'],
        draftedBy: 'c',
      },
    };
    expect(schemas.upcast(v1)).toStrictEqual({
      type: 'ProposalDrafted',
      schemaVersion: 2,
      data: {
        proposalId: 'p-1',
        summary: 's',
        draftedBy: 'c',
        measures: [
          { type: 'premises_closure', leadOrganisation: 'municipality' },
          { type: 'labour_inspection', leadOrganisation: 'labour_inspectorate' },
          { type: 'shelter_placement', leadOrganisation: 'care_coordinator' },
        ],
      },
    });
  });

  it('leaves an event of the current version as it is', () => {
    const v3 = { type: 'InterventionPlanned', schemaVersion: 3, data: { participants: ['riec'] } };
    expect(schemas.upcast(v3)).toBe(v3);
    expect(schemas.currentVersion('InterventionPlanned')).toBe(3);
    expect(schemas.currentVersion('ProposalDrafted')).toBe(2);
    expect(schemas.currentVersion('SignalRegistered')).toBe(1);
  });

  it('refuses an event written by a newer release instead of misreading it', () => {
    expect(() => schemas.upcast({ type: 'InterventionPlanned', schemaVersion: 4, data: {} })).toThrow(/newer release/);
  });
});
