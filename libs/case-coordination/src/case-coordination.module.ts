import { Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CONFIG, registerProblemMapper, type AppConfig } from '@baken/platform';
import { SubjectKeyStore } from '@baken/privacy';
import { DomainError } from './domain';
import { AddSubjectController } from './features/add-subject/add-subject.controller';
import { AddSubjectHandler } from './features/add-subject/add-subject.command';
import { AssignCoordinatorController } from './features/assign-coordinator/assign-coordinator.controller';
import { AssignCoordinatorHandler } from './features/assign-coordinator/assign-coordinator.command';
import { CloseCaseController } from './features/close-case/close-case.controller';
import { CloseCaseHandler } from './features/close-case/close-case.command';
import { DecideProposalController } from './features/decide-proposal/decide-proposal.controller';
import { DecideProposalHandler } from './features/decide-proposal/decide-proposal.command';
import { DraftProposalController } from './features/draft-proposal/draft-proposal.controller';
import { DraftProposalHandler } from './features/draft-proposal/draft-proposal.command';
import { EraseSubjectPersonalDataController } from './features/erase-subject-personal-data/erase-subject-personal-data.controller';
import { EraseSubjectPersonalDataHandler } from './features/erase-subject-personal-data/erase-subject-personal-data.command';
import { PlanInterventionController } from './features/plan-intervention/plan-intervention.controller';
import { PlanInterventionHandler } from './features/plan-intervention/plan-intervention.command';
import { RecordCareTableMeetingController } from './features/record-care-table-meeting/record-care-table-meeting.controller';
import { RecordCareTableMeetingHandler } from './features/record-care-table-meeting/record-care-table-meeting.command';
import { RecordConsentController } from './features/record-consent/record-consent.controller';
import { RecordConsentHandler } from './features/record-consent/record-consent.command';
import { RecordInterventionEffectController } from './features/record-intervention-effect/record-intervention-effect.controller';
import { RecordInterventionEffectHandler } from './features/record-intervention-effect/record-intervention-effect.command';
import { RecordInterventionExecutionController } from './features/record-intervention-execution/record-intervention-execution.controller';
import { RecordInterventionExecutionHandler } from './features/record-intervention-execution/record-intervention-execution.command';
import { RegisterSignalController } from './features/register-signal/register-signal.controller';
import { RegisterSignalHandler } from './features/register-signal/register-signal.command';
import { ReopenCaseController } from './features/reopen-case/reopen-case.controller';
import { ReopenCaseHandler } from './features/reopen-case/reopen-case.command';
import { RetentionScheduler } from './features/retention/retention.scheduler';
import { RetentionService } from './features/retention/retention.service';
import { SubmitProposalController } from './features/submit-proposal/submit-proposal.controller';
import { SubmitProposalHandler } from './features/submit-proposal/submit-proposal.command';
import { TriageSignalController } from './features/triage-signal/triage-signal.controller';
import { TriageSignalHandler } from './features/triage-signal/triage-signal.command';
import { CaseCommandRunner } from './infrastructure/case-command-runner';
import { ReferenceData } from './infrastructure/reference-data.service';
import { SubjectSealer } from './infrastructure/subject-sealer';
import { UserDirectory } from './infrastructure/user-directory.service';
import { CaseReadModelProjection } from './projections/case-read-model.projection';
import { CaseQueriesController } from './queries/case-queries.controller';
import { CaseQueries } from './queries/case-queries.service';
import { CaseVerificationController } from './queries/case-verification.controller';
import { ReferenceDataController } from './queries/reference-data.controller';

/** Domain errors: a missing part of a case is a 404, a broken rule a 409 named after the rule. */
export function domainErrorProblem(error: unknown) {
  if (!(error instanceof DomainError)) return undefined;
  const status = error.kind === 'not_found' ? 404 : 409;
  return { type: `/problems/${error.code}`, title: error.code, status, detail: error.message, code: error.code };
}

@Module({
  imports: [CqrsModule],
  controllers: [
    CaseQueriesController, CaseVerificationController, ReferenceDataController, RegisterSignalController, AssignCoordinatorController, TriageSignalController,
    RecordCareTableMeetingController, DraftProposalController, SubmitProposalController, DecideProposalController,
    PlanInterventionController, RecordInterventionExecutionController, RecordInterventionEffectController,
    AddSubjectController, RecordConsentController, EraseSubjectPersonalDataController, CloseCaseController, ReopenCaseController,
  ],
  providers: [
    CaseCommandRunner, CaseReadModelProjection, CaseQueries, ReferenceData, SubjectSealer, UserDirectory,
    { provide: SubjectKeyStore, inject: [CONFIG], useFactory: (config: AppConfig) => new SubjectKeyStore(config.masterKey) },
    RegisterSignalHandler, AssignCoordinatorHandler, TriageSignalHandler, RecordCareTableMeetingHandler, DraftProposalHandler,
    SubmitProposalHandler, DecideProposalHandler, PlanInterventionHandler, RecordInterventionExecutionHandler,
    RecordInterventionEffectHandler, AddSubjectHandler, RecordConsentHandler, EraseSubjectPersonalDataHandler, CloseCaseHandler,
    ReopenCaseHandler, RetentionService, RetentionScheduler,
  ],
  exports: [CaseCommandRunner, CaseReadModelProjection, CaseQueries, ReferenceData, SubjectKeyStore, RetentionService],
})
export class CaseCoordinationModule implements OnModuleInit {
  onModuleInit(): void {
    registerProblemMapper(domainErrorProblem);
  }
}
