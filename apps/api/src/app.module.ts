import { Module, type DynamicModule } from '@nestjs/common';
import { AccessHttpModule, AccessModule, accessMigrations } from '@baken/access';
import {
  CaseCoordinationHttpModule,
  CaseCoordinationModule,
  caseEventSchemas,
  caseMigrations,
  deadlineMigrations,
  DeadlinesHttpModule,
  DeadlinesModule,
} from '@baken/case-coordination';
import { eventStoreMigrations } from '@baken/event-store';
import { notificationMigrations, NotificationsHttpModule, NotificationsModule } from '@baken/notifications';
import { CoreModule, PersistenceModule, ProjectionsHttpModule, type AppConfig, type Clock } from '@baken/platform';
import { privacyMigrations } from '@baken/privacy';
import { ProgrammeHttpModule, ProgrammeModule } from '@baken/programme';
import { ReportingHttpModule, ReportingModule, reportingMigrations } from '@baken/reporting';
import { HealthController } from './health.controller';

export const ALL_MIGRATIONS = [
  ...eventStoreMigrations,
  ...privacyMigrations,
  ...caseMigrations,
  ...accessMigrations,
  ...deadlineMigrations,
  ...reportingMigrations,
  ...notificationMigrations,
];

export interface AppModuleOptions {
  /** Serve HTTP: the routes of every library. The worker and the operator commands run without any. */
  http: boolean;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock: Clock, { http }: AppModuleOptions = { http: true }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, clock),
        PersistenceModule.forRoot(ALL_MIGRATIONS, caseEventSchemas()),
        AccessModule,
        CaseCoordinationModule,
        DeadlinesModule,
        ReportingModule,
        NotificationsModule,
        ProgrammeModule,
        ...(http
          ? [
              ProjectionsHttpModule,
              AccessHttpModule,
              CaseCoordinationHttpModule,
              DeadlinesHttpModule,
              ReportingHttpModule,
              NotificationsHttpModule,
              ProgrammeHttpModule,
            ]
          : []),
      ],
      controllers: http ? [HealthController] : [],
    };
  }
}
