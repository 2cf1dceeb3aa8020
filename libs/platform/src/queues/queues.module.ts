import { Global, Module } from '@nestjs/common';
import { JobQueues } from './job-queues';
import { JobRegistry } from './job-registry';

/** Background queues (BullMQ on Redis, or in-process without it) and the job registry, once per application. */
@Global()
@Module({
  providers: [JobRegistry, JobQueues],
  exports: [JobRegistry, JobQueues],
})
export class QueuesModule {}
