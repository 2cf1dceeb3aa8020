import { Module } from '@nestjs/common';

/** Reports answered from asynchronous projections of the event log. */
@Module({})
export class ReportingModule {}
