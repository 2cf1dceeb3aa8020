import { caseDecider } from './case.decider';
import {
  BusinessDateInFuture,
  CaseNotFound,
  CaseStatusForbidsCommand,
  DateBeforeExecution,
  DateBeforePlanned,
  DuplicateId,
  InterventionAlreadyExecuted,
  InterventionNotExecuted,
  InterventionNotFound,
} from './case.errors';
import { DeciderSpecification } from './testing/specification';
import {
  EXECUTED_ON,
  INTERVENTION_ID,
  OBSERVED_ON,
  PLANNED_ON,
  TODAY,
  TOMORROW,
  atCareTable,
  awaitingSteeringGroup,
  caseClosed,
  closed,
  type CommandFields,
  commandOf,
  inExecution,
  inTriage,
  interventionEffectRecorded,
  interventionExecuted,
  interventionPlanned,
  withExecutedIntervention,
  withPlannedIntervention,
} from './testing/case.fixtures';

const { given } = DeciderSpecification.for(caseDecider);

describe('PlanIntervention', () => {
  const plan = (fields: Partial<CommandFields<'PlanIntervention'>> = {}) =>
    commandOf('PlanIntervention', {
      interventionId: INTERVENTION_ID,
      interventionType: 'labour_inspection',
      leadOrganisation: 'labour_inspectorate',
      plannedOn: PLANNED_ON,
      ...fields,
    });

  it('plans an intervention, its level following from its type', () => {
    given(inExecution).when(plan()).then([interventionPlanned()]);
  });

  it.each([
    ['stop_talk', 'criminal'],
    ['bibob_screening', 'administrative'],
    ['fiscal_action', 'fiscal'],
    ['shelter_placement', 'care'],
    ['other', 'other'],
  ] as const)('gives a %s the level %s', (interventionType, level) => {
    given(inExecution)
      .when(plan({ interventionType, leadOrganisation: 'other', description: 'As agreed at the care table.' }))
      .then([
        interventionPlanned({
          type: interventionType,
          level,
          leadOrganisation: 'other',
          description: 'As agreed at the care table.',
        }),
      ]);
  });

  it('plans a type the administrator added, at the level the catalogue gives it', () => {
    const added = 'financial_investigation' as CommandFields<'PlanIntervention'>['interventionType'];
    given(inExecution)
      .when(plan({ interventionType: added, interventionLevel: 'fiscal', leadOrganisation: 'tax_authority' }))
      .then([interventionPlanned({ type: added, level: 'fiscal', leadOrganisation: 'tax_authority' })]);
  });

  it('takes the catalogue’s level over the code’s for a seeded type', () => {
    given(inExecution)
      .when(plan({ interventionLevel: 'administrative' }))
      .then([interventionPlanned({ level: 'administrative' })]);
  });

  it('plans an intervention at the care table', () => {
    given(atCareTable).when(plan()).then([interventionPlanned()]);
  });

  it('plans an intervention while the steering group decides', () => {
    given(awaitingSteeringGroup).when(plan()).then([interventionPlanned()]);
  });

  it('refuses an intervention during triage', () => {
    given(inTriage).when(plan()).thenThrows(CaseStatusForbidsCommand);
  });

  it('refuses an intervention on a closed case', () => {
    given([...inExecution, caseClosed()])
      .when(plan())
      .thenThrows(CaseStatusForbidsCommand);
  });

  it('refuses an intervention id that was used before', () => {
    given(withPlannedIntervention).when(plan()).thenThrows(DuplicateId);
  });

  it('plans ahead: a planning date in the future is a plan', () => {
    given(inExecution)
      .when(plan({ plannedOn: TOMORROW }))
      .then([interventionPlanned({ plannedOn: TOMORROW })]);
  });

  it('refuses an intervention on a case that does not exist', () => {
    given([]).when(plan()).thenThrows(CaseNotFound);
  });
});

describe('RecordInterventionExecuted', () => {
  const executed = (fields: Partial<CommandFields<'RecordInterventionExecuted'>> = {}) =>
    commandOf('RecordInterventionExecuted', { interventionId: INTERVENTION_ID, executedOn: EXECUTED_ON, ...fields });

  it('records the execution of a planned intervention', () => {
    given(withPlannedIntervention).when(executed()).then([interventionExecuted()]);
  });

  it('records notes and accepts execution on the day it was planned', () => {
    given(withPlannedIntervention)
      .when(executed({ executedOn: PLANNED_ON, notes: 'Eleven workers found.' }))
      .then([interventionExecuted({ executedOn: PLANNED_ON, notes: 'Eleven workers found.' })]);
  });

  it('refuses an unknown intervention', () => {
    given(withPlannedIntervention)
      .when(executed({ interventionId: 'intervention-9' }))
      .thenThrows(InterventionNotFound);
  });

  it('refuses to record an execution twice', () => {
    given(withExecutedIntervention).when(executed()).thenThrows(InterventionAlreadyExecuted);
  });

  it('refuses an execution date before the planning date', () => {
    given(withPlannedIntervention)
      .when(executed({ executedOn: '2024-03-25' }))
      .thenThrows(DateBeforePlanned);
  });

  it('refuses an execution date in the future', () => {
    given(withPlannedIntervention)
      .when(executed({ executedOn: TOMORROW }))
      .thenThrows(BusinessDateInFuture);
  });

  it('refuses an execution on a closed case', () => {
    given([...withPlannedIntervention, caseClosed()])
      .when(executed())
      .thenThrows(CaseStatusForbidsCommand);
  });

  it('refuses an execution on a case that does not exist', () => {
    given([]).when(executed()).thenThrows(CaseNotFound);
  });
});

describe('RecordInterventionEffect', () => {
  const effect = (fields: Partial<CommandFields<'RecordInterventionEffect'>> = {}) =>
    commandOf('RecordInterventionEffect', {
      interventionId: INTERVENTION_ID,
      observedOn: OBSERVED_ON,
      effect: 'exploitation_stopped',
      ...fields,
    });

  it('records an effect of an executed intervention', () => {
    given(withExecutedIntervention).when(effect()).then([interventionEffectRecorded()]);
  });

  it('records further effects over time', () => {
    given([...withExecutedIntervention, interventionEffectRecorded()])
      .when(effect({ observedOn: TODAY, effect: 'victim_in_care', description: 'Both workers in a shelter.' }))
      .then([
        interventionEffectRecorded({
          observedOn: TODAY,
          effect: 'victim_in_care',
          description: 'Both workers in a shelter.',
        }),
      ]);
  });

  it('records an effect after the case was closed', () => {
    given(closed)
      .when(effect({ observedOn: TODAY }))
      .then([interventionEffectRecorded({ observedOn: TODAY })]);
  });

  it('accepts an effect observed on the day of execution', () => {
    given(withExecutedIntervention)
      .when(effect({ observedOn: EXECUTED_ON }))
      .then([interventionEffectRecorded({ observedOn: EXECUTED_ON })]);
  });

  it('refuses an unknown intervention', () => {
    given(withExecutedIntervention)
      .when(effect({ interventionId: 'intervention-9' }))
      .thenThrows(InterventionNotFound);
  });

  it('refuses an effect of an intervention not yet executed', () => {
    given(withPlannedIntervention).when(effect()).thenThrows(InterventionNotExecuted);
  });

  it('refuses an observation date before the execution', () => {
    given(withExecutedIntervention)
      .when(effect({ observedOn: '2024-04-01' }))
      .thenThrows(DateBeforeExecution);
  });

  it('refuses an observation date in the future', () => {
    given(withExecutedIntervention)
      .when(effect({ observedOn: TOMORROW }))
      .thenThrows(BusinessDateInFuture);
  });

  it('refuses an effect on a case that does not exist', () => {
    given([]).when(effect()).thenThrows(CaseNotFound);
  });
});
