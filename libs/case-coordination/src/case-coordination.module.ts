import { Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IdempotencyRecords, registerProblemMapper } from '@baken/platform';
import { KeyWrapping, SubjectKeyStore } from '@baken/privacy';
import { ReferenceDataAdminController } from './admin/reference-data-admin.controller';
import { ReferenceDataAdmin } from './admin/reference-data-admin.service';
import { DomainError, PROBLEM_NAMES } from './domain';
import { CareTableSessionsController } from './care-table-sessions/care-table-sessions.controller';
import { CareTableSessions } from './care-table-sessions/care-table-sessions.service';
import { CASE_COMMANDS } from './features';
import { RetentionScheduler } from './features/retention/retention.scheduler';
import { RetentionService } from './features/retention/retention.service';
import { CaseCommandServices, ExecuteCaseCommandHandler } from './features/shared/case-command';
import { caseCommandsController } from './features/shared/case-commands.controller';
import { CaseCommandRunner } from './infrastructure/case-command-runner';
import { CaseNarrative } from './infrastructure/narrative';
import { ReferenceData } from './infrastructure/reference-data.service';
import { SubjectNameIndex } from './infrastructure/subject-name-index';
import { SubjectSealer } from './infrastructure/subject-sealer';
import { UserDirectory } from './infrastructure/user-directory.service';
import { CaseReadModelProjection } from './projections/case-read-model.projection';
import { CaseAuditController } from './queries/case-audit.controller';
import { CaseAudit } from './queries/case-audit.service';
import { CaseQueriesController } from './queries/case-queries.controller';
import { CaseQueries } from './queries/case-queries.service';
import { CaseVerificationController } from './queries/case-verification.controller';
import { ReferenceDataController } from './queries/reference-data.controller';
import { SteeringController } from './steering/steering.controller';
import { SteeringGroup } from './steering/steering.service';

/** Domain errors: a missing part of a case is a 404, a broken rule a 409 named after the rule. */
export function domainErrorProblem(error: unknown) {
  if (!(error instanceof DomainError)) return undefined;
  const status = error.kind === 'not_found' ? 404 : 409;
  const name = PROBLEM_NAMES[error.code] ?? error.code;
  return { type: `/problems/${name}`, title: error.code, status, detail: error.message, code: error.code };
}

@Module({
  imports: [CqrsModule],
  providers: [
    CaseCommandRunner,
    IdempotencyRecords,
    CaseNarrative,
    CaseReadModelProjection,
    CaseQueries,
    ReferenceData,
    SubjectSealer,
    UserDirectory,
    CaseCommandServices,
    ExecuteCaseCommandHandler,
    {
      provide: SubjectKeyStore,
      inject: [KeyWrapping],
      useFactory: (wrapping: KeyWrapping) => new SubjectKeyStore(wrapping),
    },
    RetentionService,
    RetentionScheduler,
    SteeringGroup,
    CaseAudit,
    CareTableSessions,
    SubjectNameIndex,
    ReferenceDataAdmin,
  ],
  exports: [
    CaseCommandRunner,
    CaseNarrative,
    CaseReadModelProjection,
    CaseQueries,
    ReferenceData,
    SubjectKeyStore,
    RetentionService,
    SteeringGroup,
    CaseAudit,
    CareTableSessions,
    ReferenceDataAdmin,
  ],
})
export class CaseCoordinationModule implements OnModuleInit {
  onModuleInit(): void {
    registerProblemMapper(domainErrorProblem);
  }
}

/** The case routes: queries, verification, reference data and every declared command, for processes that serve HTTP. */
@Module({
  imports: [CqrsModule, CaseCoordinationModule],
  controllers: [
    CareTableSessionsController,
    CaseQueriesController,
    CaseVerificationController,
    CaseAuditController,
    ReferenceDataController,
    ReferenceDataAdminController,
    SteeringController,
    caseCommandsController(CASE_COMMANDS),
  ],
})
export class CaseCoordinationHttpModule {}
