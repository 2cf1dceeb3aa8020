import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import { SECURITY_LOG_CONTEXT } from '@baken/access';
import {
  answerClientError,
  answerFrameworkError,
  CONTENT_SECURITY_POLICY,
  createValidationPipe,
  guardRequestBodies,
  isProduction,
  ProblemDetailsFilter,
  serveWithNonces,
  systemClock,
  type AppConfig,
  type Clock,
} from '@baken/platform';
import { AppModule } from './app.module';
import { serveWebUi } from './web-ui';

export interface CreateAppOptions {
  clock?: Clock;
  logger?: boolean;
}

/** Errors and warnings from everywhere; of the informational messages only the security events (ASVS V16.3). */
class ApplicationLogger extends ConsoleLogger {
  override log(message: unknown, ...rest: unknown[]): void {
    if (rest[rest.length - 1] === SECURITY_LOG_CONTEXT) super.log(message, ...rest);
  }
}

/** Builds the HTTP application (not yet listening): used by `main` and by the end-to-end tests. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const hops = config.trustProxy;
  const trustProxy = typeof hops === 'number' ? (_address: string, hop: number) => hop < hops : hops;
  // Errors Fastify and Node's HTTP parser meet before any route (a broken URL escape, an over-long header) are
  // problem details too.
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options.clock ?? systemClock),
    adapter,
    {
      logger:
        options.logger === false
          ? false
          : new ApplicationLogger({ logLevels: ['error', 'warn', 'log'], colors: process.stdout.isTTY === true }),
      bufferLogs: false,
    },
  );
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  // No inline script or style anywhere; the API documentation's page carries its own nonce (below).
  await app.register(helmet, { contentSecurityPolicy: { directives: CONTENT_SECURITY_POLICY } });
  await app.register(cookie);
  // Off unless origins are configured: the web UI is served from the API's own origin.
  if (config.corsOrigins.length)
    app.enableCors({
      origin: config.corsOrigins,
      credentials: true,
      allowedHeaders: [
        'Authorization',
        'Content-Type',
        'If-Match',
        'Idempotency-Key',
        'X-CSRF-Token',
        'X-Access-Reason',
        'X-Correlation-Id',
      ],
      exposedHeaders: ['ETag', 'Location', 'Retry-After'],
    });
  const fastify = app.getHttpAdapter().getInstance();
  guardRequestBodies(fastify);
  // Case content must not stay in browser or proxy caches (ASVS 14.3.2).
  fastify.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Baken API')
      .setDescription('Case coordination for the regional approach to human trafficking in Zeeland-West-Brabant.')
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth(config.session.secureCookie ? '__Host-baken_session' : 'baken_session')
      .build(),
  );
  // Swagger UI's page has inline styles: it is served with a nonce of its own (its initializer is a file already).
  serveWithNonces(fastify, { appliesTo: (request) => /^\/api\/docs(\/|\?|$)/.test(request.url) });
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    useGlobalPrefix: false,
    // Without the top bar, whose logo is an inline <style> the policy would refuse; it offers nothing else here.
    swaggerOptions: { layout: 'BaseLayout' },
  });
  await serveWebUi(fastify, { root: join(process.cwd(), 'dist', 'web'), production: isProduction(config.nodeEnv) });
  await app.init();
  await fastify.ready();
  return app;
}
