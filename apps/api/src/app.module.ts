import { Module, type DynamicModule } from '@nestjs/common';
import { AccessModule, accessMigrations } from '@baken/access';
import { CaseCoordinationModule, caseMigrations, deadlineMigrations, DeadlinesModule } from '@baken/case-coordination';
import { eventStoreMigrations } from '@baken/event-store';
import { CoreModule, PersistenceModule, type AppConfig, type Clock } from '@baken/platform';
import { privacyMigrations } from '@baken/privacy';
import { ReportingModule, reportingMigrations } from '@baken/reporting';
import { HealthController } from './health.controller';

export const ALL_MIGRATIONS = [
  ...eventStoreMigrations, ...privacyMigrations, ...caseMigrations, ...accessMigrations, ...deadlineMigrations, ...reportingMigrations,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, clock), PersistenceModule.forRoot(ALL_MIGRATIONS), AccessModule, CaseCoordinationModule,
        DeadlinesModule, ReportingModule,
      ],
      controllers: [HealthController],
    };
  }
}
