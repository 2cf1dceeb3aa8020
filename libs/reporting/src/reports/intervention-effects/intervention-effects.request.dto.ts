import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { EXPLOITATION_FORMS } from '@baken/case-coordination';
import { BreakdownReportQuery } from '../../shared/report-query.dto';

export class InterventionEffectsQuery extends BreakdownReportQuery {
  @ApiPropertyOptional({
    enum: EXPLOITATION_FORMS,
    description: 'Only interventions on cases whose forms, as known at asKnownAt, include this one.',
  })
  @IsOptional()
  @IsIn(EXPLOITATION_FORMS)
  form?: string;
}
