export * from './job-registry';
export * from './job-queues';
export * from './queues.module';
export { probeRedis, redactUrl } from './redis';
