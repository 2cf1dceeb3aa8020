import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Database } from '@baken/event-store';
import { CLOCK, CONFIG, DATABASE, type AppConfig, type Clock } from '@baken/platform';
import { CaseKeyStore, FileKeyring, KeyCustody, KeyWrapping } from '@baken/privacy';
import { KeyCustodyScheduler } from '../keys/key-custody.scheduler';
import { AccessLog } from '../access-log/access-log.service';
import { AccessTokenVerifier } from '../identity/access-token.verifier';
import { KnownUsers } from '../identity/known-users';
import { OidcLogin } from '../identity/oidc-login.service';
import { OidcTokenVerifier } from '../identity/oidc-token.verifier';
import { RevokedTokens } from '../identity/revoked-tokens';
import { SessionStore } from '../identity/session.store';
import { SecurityEvents } from '../security-events';
import { DemoTokenService } from '../token.service';
import { AccessLogController } from './access-log.controller';
import { PeopleController } from './people.controller';
import { SealsController } from './seals.controller';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { RateLimitGuard, rateLimitOptions } from './rate-limit';

/**
 * Authentication (demo tokens, the identity provider's tokens, browser sessions), rate limits and the access log.
 * Global, so every module can inject the access log. Guards run in this order: rate limit, then authentication.
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({ inject: [CONFIG], useFactory: (config: AppConfig) => rateLimitOptions(config) }),
  ],
  providers: [
    {
      provide: DemoTokenService,
      inject: [CONFIG],
      useFactory: (config: AppConfig) => new DemoTokenService(config.tokenSecret),
    },
    {
      provide: OidcTokenVerifier,
      inject: [CONFIG],
      useFactory: (config: AppConfig) => (config.oidc ? new OidcTokenVerifier(config.oidc) : null),
    },
    {
      provide: OidcLogin,
      inject: [CONFIG, DATABASE, CLOCK, OidcTokenVerifier],
      useFactory: (config: AppConfig, db: Database, clock: Clock, verifier: OidcTokenVerifier | null) => {
        const oidc = config.oidc;
        if (!oidc?.clientId || !oidc.redirectUri || !verifier) return null;
        return new OidcLogin({ ...oidc, clientId: oidc.clientId, redirectUri: oidc.redirectUri }, db, clock, verifier);
      },
    },
    // The narrative keys of cases: the case's free text and the reasons given for reading it are sealed with them.
    // Data keys are wrapped by key-encryption keys from the keyring file, outside the database; rows from before the
    // keyring by the master key, until the first rotation wraps them again.
    {
      provide: KeyWrapping,
      inject: [CONFIG],
      useFactory: (config: AppConfig) => new KeyWrapping(new FileKeyring(config.keys.keyringFile), config.masterKey),
    },
    { provide: CaseKeyStore, inject: [KeyWrapping], useFactory: (wrapping: KeyWrapping) => new CaseKeyStore(wrapping) },
    {
      provide: KeyCustody,
      inject: [KeyWrapping, CONFIG],
      useFactory: (wrapping: KeyWrapping, config: AppConfig) =>
        new KeyCustody(wrapping, {
          rotationDays: config.keys.kekRotationDays,
          backupRetentionDays: config.keys.backupRetentionDays,
        }),
    },
    KeyCustodyScheduler,
    AccessTokenVerifier,
    RevokedTokens,
    KnownUsers,
    SessionStore,
    AccessLog,
    SecurityEvents,
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [
    DemoTokenService,
    AccessTokenVerifier,
    RevokedTokens,
    KnownUsers,
    SessionStore,
    AccessLog,
    SecurityEvents,
    OidcLogin,
    CaseKeyStore,
    KeyWrapping,
    KeyCustody,
  ],
})
export class AccessModule {}

/** The sign-in routes, the people Baken knows and the access log, for processes that serve HTTP. */
@Module({ controllers: [AuthController, PeopleController, AccessLogController, SealsController] })
export class AccessHttpModule {}
