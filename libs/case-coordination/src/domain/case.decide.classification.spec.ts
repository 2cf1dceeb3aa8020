import { caseDecider } from './case.decider';
import {
  AlreadyLinked,
  BusinessDateInFuture,
  CaseStatusForbidsCommand,
  DateBeforeReceipt,
  LinkToItself,
  NoExploitationForm,
} from './case.errors';
import { fold, type OpenCase } from './case';
import { DeciderSpecification } from './testing/specification';
import {
  CASE_ID,
  COORDINATOR,
  TODAY,
  TOMORROW,
  atCareTable,
  closed,
  commandOf,
  type CommandFields,
  registered,
  signalRegistered,
} from './testing/case.fixtures';

const { given } = DeciderSpecification.for(caseDecider);
const OTHER_CASE = '6c0b1c9e-2b7d-4c55-8b9a-0e5d1f3a7c21';

describe('ReclassifyCase', () => {
  const reclassify = (fields: Partial<CommandFields<'ReclassifyCase'>> = {}) =>
    commandOf('ReclassifyCase', {
      decidedOn: TODAY,
      forms: ['criminal'],
      vulnerabilities: ['minor'],
      sector: 'drug_crime',
      rationale: 'The Zorgtafel established criminal exploitation.',
      ...fields,
    });
  const reclassified = (data: Record<string, unknown> = {}) => ({
    type: 'CaseReclassified' as const,
    data: {
      decidedOn: TODAY,
      forms: ['criminal' as const],
      vulnerabilities: ['minor' as const],
      sector: 'drug_crime' as const,
      rationale: 'The Zorgtafel established criminal exploitation.',
      ...data,
    },
  });

  it('corrects the classification of an open case', () => {
    given(atCareTable).when(reclassify()).then([reclassified()]);
  });

  it('may leave the sector unknown, and drops repeated values', () => {
    given(registered)
      .when(reclassify({ sector: undefined, forms: ['sexual', 'sexual', 'labour'] }))
      .then([
        {
          type: 'CaseReclassified',
          data: {
            decidedOn: TODAY,
            forms: ['sexual', 'labour'],
            vulnerabilities: ['minor'],
            rationale: 'The Zorgtafel established criminal exploitation.',
          },
        },
      ]);
  });

  it('changes what the case is counted as from then on', () => {
    const state = fold([...atCareTable, reclassified()]) as OpenCase;
    expect(state).toMatchObject({ forms: ['criminal'], vulnerabilities: ['minor'], sector: 'drug_crime' });
    expect(state.reclassifications).toEqual([
      { decidedOn: TODAY, rationale: 'The Zorgtafel established criminal exploitation.' },
    ]);
  });

  it('keeps the sector given at registration', () => {
    expect((fold([signalRegistered({ sector: 'car_wash' })]) as OpenCase).sector).toBe('car_wash');
  });

  it('refuses a correction without a form', () => {
    given(atCareTable)
      .when(reclassify({ forms: [] }))
      .thenThrows(NoExploitationForm);
  });

  it('refuses a correction of a closed case', () => {
    given(closed).when(reclassify()).thenThrows(CaseStatusForbidsCommand);
  });

  it('refuses a decision date before receipt or in the future', () => {
    given(atCareTable)
      .when(reclassify({ decidedOn: '2024-03-01' }))
      .thenThrows(DateBeforeReceipt);
    given(atCareTable)
      .when(reclassify({ decidedOn: TOMORROW }))
      .thenThrows(BusinessDateInFuture);
  });
});

describe('LinkCase', () => {
  const link = (fields: Partial<CommandFields<'LinkCase'>> = {}) =>
    commandOf('LinkCase', {
      linkedCaseId: OTHER_CASE,
      linkedReference: 'BAR-2023-0007',
      reason: 'same_victim',
      ...fields,
    });
  const linked = {
    type: 'CaseLinked' as const,
    data: {
      linkedCaseId: OTHER_CASE,
      linkedReference: 'BAR-2023-0007',
      reason: 'same_victim' as const,
      linkedBy: COORDINATOR,
    },
  };

  it('links the case to another, in any status', () => {
    given(atCareTable).when(link()).then([linked]);
    given(closed).when(link()).then([linked]);
  });

  it('refuses linking twice to the same case', () => {
    given([...atCareTable, linked])
      .when(link({ reason: 'same_suspect' }))
      .thenThrows(AlreadyLinked);
  });

  it('refuses a link to the case itself', () => {
    given(atCareTable)
      .when(link({ linkedCaseId: CASE_ID }))
      .thenThrows(LinkToItself);
  });

  it('keeps the link in the state', () => {
    expect((fold([...atCareTable, linked]) as OpenCase).links).toEqual([
      { caseId: OTHER_CASE, reference: 'BAR-2023-0007', reason: 'same_victim', linkedBy: COORDINATOR },
    ]);
  });
});
