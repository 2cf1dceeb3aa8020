import { caseDecider } from './case.decider';
import {
  BusinessDateInFuture,
  CaseAlreadyExists,
  CaseNotFound,
  CaseStatusForbidsCommand,
  CoordinatorNotInDistrict,
  DateBeforeReceipt,
  DuplicateId,
  ForwardRequiresPartner,
  MunicipalityNotInDistrict,
  NoExploitationForm,
} from './case.errors';
import { DeciderSpecification } from './testing/specification';
import {
  CASE_ID,
  COORDINATOR,
  DE_BARONIE,
  DISTRICT,
  LIAISON,
  OTHER_COORDINATOR,
  RECEIVED_ON,
  REFERENCE,
  SEALED,
  TODAY,
  TOMORROW,
  TRIAGED_ON,
  VICTIM_ID,
  atCareTable,
  caseClosed,
  type CommandFields,
  commandOf,
  coordinatorAssigned,
  inTriage,
  registered,
  signalRegistered,
  signalTriaged,
} from './testing/case.fixtures';

const { given } = DeciderSpecification.for(caseDecider);

describe('RegisterSignal', () => {
  const registerSignal = (fields: Partial<CommandFields<'RegisterSignal'>> = {}) =>
    commandOf(
      'RegisterSignal',
      {
        caseId: CASE_ID,
        reference: REFERENCE,
        district: DISTRICT,
        municipality: 'breda',
        districtMunicipalities: DE_BARONIE,
        receivedOn: RECEIVED_ON,
        source: { type: 'municipality', organisation: 'Gemeente Breda' },
        forms: ['labour'],
        vulnerabilities: ['labour_migrant'],
        summary: 'Workers housed above a car wash, passports kept by the employer.',
        subjects: [{ subjectId: VICTIM_ID, role: 'victim', pseudonym: 'S-7Q2K', personalData: SEALED }],
        ...fields,
      },
      { actor: LIAISON },
    );

  it('records the urgency known at intake', () => {
    given([])
      .when(registerSignal({ urgency: 'acute' }))
      .then([signalRegistered({ urgency: 'acute' })]);
  });

  it('registers the signal on a new stream, recording who registered it', () => {
    given([]).when(registerSignal()).then([signalRegistered()]);
  });

  it('leaves out an organisation that was not given', () => {
    given([])
      .when(registerSignal({ source: { type: 'public' } }))
      .then([signalRegistered({ source: { type: 'public' } })]);
  });

  it('accepts a signal received today', () => {
    given([])
      .when(registerSignal({ receivedOn: TODAY }))
      .then([signalRegistered({ receivedOn: TODAY })]);
  });

  it('refuses a second registration on an existing case', () => {
    given(registered).when(registerSignal()).thenThrows(CaseAlreadyExists);
  });

  it('refuses a municipality outside the district', () => {
    given([])
      .when(registerSignal({ municipality: 'tilburg' }))
      .thenThrows(MunicipalityNotInDistrict, (error) => expect(error.message).toContain('tilburg'));
  });

  it('refuses a signal without an exploitation form', () => {
    given([])
      .when(registerSignal({ forms: [] }))
      .thenThrows(NoExploitationForm);
  });

  it('refuses a receipt date in the future', () => {
    given([])
      .when(registerSignal({ receivedOn: TOMORROW }))
      .thenThrows(BusinessDateInFuture);
  });

  it('refuses two subjects with the same id', () => {
    const subject = { subjectId: VICTIM_ID, role: 'victim' as const, pseudonym: 'S-7Q2K', personalData: null };
    given([])
      .when(registerSignal({ subjects: [subject, subject] }))
      .thenThrows(DuplicateId);
  });
});

describe('AssignCoordinator', () => {
  const assign = (coordinator = COORDINATOR, coordinatorDistricts: readonly string[] = [DISTRICT]) =>
    commandOf('AssignCoordinator', { coordinator, coordinatorDistricts });

  it('assigns a coordinator to a new signal', () => {
    given(registered).when(assign()).then([coordinatorAssigned()]);
  });

  it('reassigns during triage, naming the previous coordinator', () => {
    given(inTriage)
      .when(assign(OTHER_COORDINATOR, [DISTRICT, 'zeeland']))
      .then([coordinatorAssigned({ coordinator: OTHER_COORDINATOR, previousCoordinator: COORDINATOR })]);
  });

  it('refuses a coordinator of another district', () => {
    given(registered)
      .when(assign(OTHER_COORDINATOR, ['zeeland']))
      .thenThrows(CoordinatorNotInDistrict);
  });

  it('refuses a user who is no coordinator', () => {
    given(registered).when(assign(LIAISON, [])).thenThrows('CoordinatorNotInDistrict');
  });

  it('refuses assignment once the case has left triage', () => {
    given(atCareTable)
      .when(assign())
      .thenThrows(CaseStatusForbidsCommand, (error) => {
        expect(error.message).toContain('AssignCoordinator');
        expect(error.message).toContain('at_care_table');
      });
  });

  it('refuses assignment on a case that does not exist', () => {
    given([]).when(assign()).thenThrows(CaseNotFound);
  });
});

describe('Triage', () => {
  const triage = (fields: Partial<CommandFields<'Triage'>> = {}) =>
    commandOf('Triage', {
      decidedOn: TRIAGED_ON,
      urgency: 'high',
      decision: 'refer_to_care_table',
      rationale: 'Several indicators of labour exploitation.',
      ...fields,
    });

  it('refers the case to the care table', () => {
    given(inTriage).when(triage()).then([signalTriaged()]);
  });

  it('starts care at once', () => {
    given(inTriage)
      .when(triage({ decision: 'start_care' }))
      .then([signalTriaged({ decision: 'start_care' })]);
  });

  it('forwards to a partner, leaving the case open until the partner reports back', () => {
    given(inTriage)
      .when(triage({ decision: 'forward', forwardedTo: 'police_avim' }))
      .then([signalTriaged({ decision: 'forward', forwardedTo: 'police_avim' })]);
  });

  it('closes the case when no further action is needed', () => {
    given(inTriage)
      .when(triage({ decision: 'no_further_action' }))
      .then([
        signalTriaged({ decision: 'no_further_action' }),
        caseClosed({
          closedOn: TRIAGED_ON,
          outcome: 'no_further_action',
          rationale: 'Several indicators of labour exploitation.',
        }),
      ]);
  });

  it('records a partner only with a decision to forward', () => {
    given(inTriage)
      .when(triage({ forwardedTo: 'police_avim' }))
      .then([signalTriaged()]);
  });

  it('refuses to forward without a partner', () => {
    given(inTriage)
      .when(triage({ decision: 'forward' }))
      .thenThrows(ForwardRequiresPartner);
  });

  it('refuses triage before a coordinator is assigned', () => {
    given(registered).when(triage()).thenThrows(CaseStatusForbidsCommand);
  });

  it('refuses a second triage once the case is at the care table', () => {
    given(atCareTable).when(triage()).thenThrows(CaseStatusForbidsCommand);
  });

  it('refuses a decision date in the future', () => {
    given(inTriage)
      .when(triage({ decidedOn: TOMORROW }))
      .thenThrows(BusinessDateInFuture);
  });

  it('refuses a decision date before the signal was received', () => {
    given(inTriage)
      .when(triage({ decidedOn: '2024-03-01' }))
      .thenThrows(DateBeforeReceipt);
  });

  it('accepts a decision on the day the signal was received', () => {
    given(inTriage)
      .when(triage({ decidedOn: RECEIVED_ON }))
      .then([signalTriaged({ decidedOn: RECEIVED_ON })]);
  });

  it('refuses triage on a case that does not exist', () => {
    given([]).when(triage()).thenThrows(CaseNotFound);
  });
});
