import { caseDecider } from './case.decider';
import {
  AlreadyDisclosed,
  BusinessDateInFuture,
  CaseNotFound,
  CaseStatusForbidsCommand,
  DuplicateId,
  InterventionNotFound,
  NotDisclosed,
  SubjectAlreadyErased,
  SubjectNotFound,
} from './case.errors';
import { allowedCommands } from './case.decide';
import { fold, type CaseEvent, type OpenCase } from './case';

const caseAfter = (events: readonly CaseEvent[]): OpenCase => fold(events)!;
import { DeciderSpecification } from './testing/specification';
import {
  COORDINATOR,
  INTERVENTION_ID,
  HELD_ON,
  SUSPECT_ID,
  TOMORROW,
  VICTIM_ID,
  atCareTable,
  closed,
  type CommandFields,
  commandOf,
  consentRecorded,
  narrativeRedacted,
  registered,
  subjectAdded,
  subjectDisclosed,
  subjectDisclosureRevoked,
  subjectPersonalDataErased,
  withPlannedIntervention,
} from './testing/case.fixtures';

const { given } = DeciderSpecification.for(caseDecider);

describe('AddSubject', () => {
  const add = (fields: Partial<CommandFields<'AddSubject'>> = {}) =>
    commandOf('AddSubject', {
      subjectId: SUSPECT_ID,
      role: 'suspect',
      pseudonym: 'S-3M8P',
      personalData: subjectAdded().data.personalData,
      ...fields,
    });

  it('adds a subject with sealed personal data', () => {
    given(atCareTable).when(add()).then([subjectAdded()]);
  });

  it('adds a subject without personal data, right after registration', () => {
    given(registered)
      .when(add({ personalData: null }))
      .then([subjectAdded({ personalData: null })]);
  });

  it('refuses a subject id that is already on the case', () => {
    given(atCareTable)
      .when(add({ subjectId: VICTIM_ID }))
      .thenThrows(DuplicateId);
  });

  it('refuses a subject on a closed case', () => {
    given(closed).when(add()).thenThrows(CaseStatusForbidsCommand);
  });

  it('refuses a subject on a case that does not exist', () => {
    given([]).when(add()).thenThrows(CaseNotFound);
  });
});

describe('RecordConsent', () => {
  const consent = (fields: Partial<CommandFields<'RecordConsent'>> = {}) =>
    commandOf('RecordConsent', {
      subjectId: VICTIM_ID,
      scope: 'share_with_shelter',
      given: true,
      recordedOn: HELD_ON,
      ...fields,
    });

  it('records consent of a subject', () => {
    given(atCareTable).when(consent()).then([consentRecorded()]);
  });

  it('records a refusal', () => {
    given(atCareTable)
      .when(consent({ given: false }))
      .then([consentRecorded({ given: false })]);
  });

  it('refuses an unknown subject', () => {
    given(atCareTable)
      .when(consent({ subjectId: SUSPECT_ID }))
      .thenThrows(SubjectNotFound);
  });

  it('refuses consent on a closed case', () => {
    given(closed).when(consent()).thenThrows(CaseStatusForbidsCommand);
  });

  it('refuses a recording date in the future', () => {
    given(atCareTable)
      .when(consent({ recordedOn: TOMORROW }))
      .thenThrows(BusinessDateInFuture);
  });

  it('refuses consent on a case that does not exist', () => {
    given([]).when(consent()).thenThrows(CaseNotFound);
  });
});

describe('EraseSubjectPersonalData', () => {
  const erase = (subjectId = VICTIM_ID) => commandOf('EraseSubjectPersonalData', { subjectId });

  it('erases the personal data of a subject', () => {
    given(atCareTable).when(erase()).then([subjectPersonalDataErased()]);
  });

  it('erases personal data on a closed case', () => {
    given(closed).when(erase()).then([subjectPersonalDataErased()]);
  });

  it('erases a subject added later', () => {
    given([...atCareTable, subjectAdded()])
      .when(erase(SUSPECT_ID))
      .then([subjectPersonalDataErased({ subjectId: SUSPECT_ID })]);
  });

  it('refuses an unknown subject', () => {
    given(atCareTable).when(erase(SUSPECT_ID)).thenThrows(SubjectNotFound);
  });

  it('refuses to erase twice', () => {
    given([...atCareTable, subjectPersonalDataErased()])
      .when(erase())
      .thenThrows(SubjectAlreadyErased);
  });

  it('refuses an erasure on a case that does not exist', () => {
    given([]).when(erase()).thenThrows(CaseNotFound);
  });

  it('restates the texts of the case without the name it was given, in one more event', () => {
    const restated = [{ version: 1, field: 'summary', text: 'Signal about S-7Q2K.' }];
    given(atCareTable)
      .when(commandOf('EraseSubjectPersonalData', { subjectId: VICTIM_ID, restated }))
      .then([subjectPersonalDataErased(), narrativeRedacted({ texts: restated })]);
  });

  it('restates nothing when it is given no texts', () => {
    given(atCareTable)
      .when(commandOf('EraseSubjectPersonalData', { subjectId: VICTIM_ID, restated: [] }))
      .then([subjectPersonalDataErased()]);
  });

  it('leaves the state as it was when texts are restated (readers show them in place of the originals)', () => {
    expect(caseAfter([...atCareTable, narrativeRedacted()])).toStrictEqual(caseAfter(atCareTable));
  });
});

describe('DiscloseSubject', () => {
  const disclose = (fields: Partial<CommandFields<'DiscloseSubject'>> = {}) =>
    commandOf('DiscloseSubject', {
      interventionId: INTERVENTION_ID,
      subjectId: VICTIM_ID,
      reason: 'The shelter needs her name to take her in.',
      ...fields,
    });

  it('discloses a named subject to the organisations of one intervention, with the reason and who did it', () => {
    given(withPlannedIntervention)
      .when(disclose())
      .then([subjectDisclosed({ disclosedBy: COORDINATOR })]);
    expect(caseAfter([...withPlannedIntervention, subjectDisclosed()]).interventions[0].disclosedSubjects).toEqual([
      VICTIM_ID,
    ]);
  });

  it('refuses a subject disclosed to the intervention already', () => {
    given([...withPlannedIntervention, subjectDisclosed()])
      .when(disclose())
      .thenThrows(AlreadyDisclosed);
  });

  it('refuses an erased subject, an unknown subject and an unknown intervention', () => {
    given([...withPlannedIntervention, subjectPersonalDataErased()])
      .when(disclose())
      .thenThrows(SubjectAlreadyErased);
    given(withPlannedIntervention)
      .when(disclose({ subjectId: SUSPECT_ID }))
      .thenThrows(SubjectNotFound);
    given(atCareTable).when(disclose()).thenThrows(InterventionNotFound);
  });

  it('refuses a disclosure on a closed case', () => {
    given(closed).when(disclose()).thenThrows(CaseStatusForbidsCommand);
  });

  it('is offered while a subject with personal data is not yet disclosed to the intervention', () => {
    const offered = (events: readonly CaseEvent[]) =>
      allowedCommands(caseAfter(events), COORDINATOR).interventions[INTERVENTION_ID].includes('DiscloseSubject');
    expect(offered(withPlannedIntervention)).toBe(true);
    expect(offered([...withPlannedIntervention, subjectDisclosed()])).toBe(false);
  });
});

describe('RevokeDisclosure', () => {
  const revoke = (subjectId = VICTIM_ID) =>
    commandOf('RevokeDisclosure', { interventionId: INTERVENTION_ID, subjectId });

  it('revokes a disclosure, and the intervention no longer shows the subject', () => {
    const disclosed = [...withPlannedIntervention, subjectDisclosed()];
    given(disclosed).when(revoke()).then([subjectDisclosureRevoked()]);
    expect(caseAfter([...disclosed, subjectDisclosureRevoked()]).interventions[0].disclosedSubjects).toEqual([]);
  });

  it('refuses to revoke what was not disclosed, or on an unknown intervention', () => {
    given(withPlannedIntervention).when(revoke()).thenThrows(NotDisclosed);
    given([...withPlannedIntervention, subjectDisclosed(), subjectDisclosureRevoked()])
      .when(revoke())
      .thenThrows(NotDisclosed);
    given(atCareTable).when(revoke()).thenThrows(InterventionNotFound);
  });
});
