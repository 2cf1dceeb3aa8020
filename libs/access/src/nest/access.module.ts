import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CONFIG, type AppConfig } from '@baken/platform';
import { DemoTokenService } from '../token.service';
import { AuthGuard } from './auth.guard';
import { DemoLoginController } from './demo-login.controller';

@Module({
  controllers: [DemoLoginController],
  providers: [
    { provide: DemoTokenService, inject: [CONFIG], useFactory: (config: AppConfig) => new DemoTokenService(config.tokenSecret) },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [DemoTokenService],
})
export class AccessModule {}
