import { Module } from '@nestjs/common';
import { ProgrammeModule } from '@baken/programme';

/**
 * What the quarterly report reads beside the reports: the programme monitor, through the programme's entry point. The
 * report's controller is registered with the other report routes.
 */
@Module({ imports: [ProgrammeModule], exports: [ProgrammeModule] })
export class QuarterlyReportModule {}
