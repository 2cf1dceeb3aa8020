import { Module, type OnModuleInit } from '@nestjs/common';
import { ReferenceData } from '@baken/case-coordination';
import { IdempotencyRecords, SubscriptionRegistry } from '@baken/platform';
import { ReportFactsProjection } from './facts/report-facts.projection';
import { FlowController } from './reports/flow/flow.controller';
import { InterventionEffectsController } from './reports/intervention-effects/intervention-effects.controller';
import { QuarterlyReportController } from './reports/quarterly-report/quarterly-report.controller';
import { QuarterlyReportModule } from './reports/quarterly-report/quarterly-report.module';
import { QuarterlyTargetsController } from './reports/quarterly-targets/quarterly-targets.controller';
import { ReportAccess } from './shared/report-access';
import { TargetsController } from './targets/targets.controller';

/** Reports answered from asynchronous projections of the event log, and the quarterly targets they are held to. */
@Module({
  providers: [ReportFactsProjection, ReportAccess, ReferenceData],
  exports: [ReportFactsProjection, ReportAccess, ReferenceData],
})
export class ReportingModule implements OnModuleInit {
  constructor(
    private readonly registry: SubscriptionRegistry,
    private readonly projection: ReportFactsProjection,
  ) {}

  onModuleInit(): void {
    this.registry.register(this.projection.definition());
  }
}

/** The report and target routes, for processes that serve HTTP. */
@Module({
  imports: [ReportingModule, QuarterlyReportModule],
  controllers: [
    QuarterlyTargetsController,
    InterventionEffectsController,
    FlowController,
    TargetsController,
    QuarterlyReportController,
  ],
  providers: [IdempotencyRecords],
})
export class ReportingHttpModule {}
