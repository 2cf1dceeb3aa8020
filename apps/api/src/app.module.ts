import { Module, type DynamicModule } from '@nestjs/common';
import { AccessModule } from '@baken/access';
import { CaseCoordinationModule, caseMigrations } from '@baken/case-coordination';
import { eventStoreMigrations } from '@baken/event-store';
import { CoreModule, PersistenceModule, type AppConfig, type Clock } from '@baken/platform';
import { privacyMigrations } from '@baken/privacy';
import { HealthController } from './health.controller';

export const ALL_MIGRATIONS = [...eventStoreMigrations, ...privacyMigrations, ...caseMigrations];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(config, clock), PersistenceModule.forRoot(ALL_MIGRATIONS), AccessModule, CaseCoordinationModule],
      controllers: [HealthController],
    };
  }
}
