import { Module } from '@nestjs/common';

/** Deadlines derived from the event log, escalations and the work queue. */
@Module({})
export class DeadlinesModule {}
