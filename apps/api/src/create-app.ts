import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { createValidationPipe, guardRequestBodies, ProblemDetailsFilter, systemClock, type AppConfig, type Clock } from '@baken/platform';
import { AppModule } from './app.module';

export interface CreateAppOptions {
  clock?: Clock;
  logger?: boolean;
}

/** Builds the HTTP application (not yet listening): used by `main` and by the end-to-end tests. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: config.bodyLimitBytes, trustProxy: true });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options.clock ?? systemClock), adapter, {
    logger: options.logger === false ? false : ['error', 'warn'],
    bufferLogs: false,
  });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] } },
  });
  const fastify = app.getHttpAdapter().getInstance();
  guardRequestBodies(fastify);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Baken API')
      .setDescription('Case coordination for the regional approach to human trafficking in Zeeland-West-Brabant.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json', useGlobalPrefix: false });
  await serveWebUi(app);
  await app.init();
  await fastify.ready();
  return app;
}

/** The built web UI (`apps/web` → `dist/web`), served at `/` with the SPA's index for unknown non-API paths. */
async function serveWebUi(app: NestFastifyApplication): Promise<void> {
  const root = join(process.cwd(), 'dist', 'web');
  if (!existsSync(join(root, 'index.html'))) return;
  const fastify = app.getHttpAdapter().getInstance();
  const indexHtml = readFileSync(join(root, 'index.html'));
  await fastify.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: false, decorateReply: false });
  const sendIndex = (_request: unknown, reply: { type(t: string): { send(b: Buffer): unknown } }) => reply.type('text/html; charset=utf-8').send(indexHtml);
  fastify.get('/', sendIndex);
  fastify.get('/*', (request, reply) => (request.url.startsWith('/api/') ? reply.callNotFound() : sendIndex(request, reply)));
}
