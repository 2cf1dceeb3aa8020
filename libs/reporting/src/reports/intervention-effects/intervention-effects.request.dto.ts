import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { EXPLOITATION_FORMS } from '@baken/case-coordination';
import { PeriodReportQuery } from '../../shared/report-query.dto';

export class InterventionEffectsQuery extends PeriodReportQuery {
  @ApiPropertyOptional({
    enum: EXPLOITATION_FORMS,
    description: 'Only interventions on cases whose forms include this one.',
  })
  @IsOptional()
  @IsIn(EXPLOITATION_FORMS)
  form?: string;
}
