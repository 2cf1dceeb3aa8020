import { caseDecider } from './case.decider';
import {
  BusinessDateInFuture,
  CaseNotFound,
  CaseStatusForbidsCommand,
  DuplicateId,
  SubjectAlreadyErased,
  SubjectNotFound,
} from './case.errors';
import { DeciderSpecification } from './testing/specification';
import {
  HELD_ON,
  SUSPECT_ID,
  TOMORROW,
  VICTIM_ID,
  atCareTable,
  closed,
  type CommandFields,
  commandOf,
  consentRecorded,
  registered,
  subjectAdded,
  subjectPersonalDataErased,
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
});
