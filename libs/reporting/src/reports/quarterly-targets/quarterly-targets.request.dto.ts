import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { DistrictReportQuery } from '../../shared/report-query.dto';
import { TARGET_PERIODS, type TargetPeriod } from '../../targets/quarter';

export class QuarterlyTargetsQuery extends DistrictReportQuery {
  @ApiPropertyOptional({
    enum: TARGET_PERIODS,
    default: 'quarter',
    description:
      'quarter: the quarterly targets over a quarter (year and quarter); year: over a calendar year (year, no quarter) the yearly targets and the quarterly ones, whose norm is then their minimum for every quarter of the year they apply to.',
  })
  @IsOptional()
  @IsIn(TARGET_PERIODS)
  period?: TargetPeriod;

  @ApiPropertyOptional({
    description: 'Calendar year; with quarter (period quarter). Default: the quarter (or year) asOf falls in.',
    example: 2026,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ description: 'Quarter 1–4; with year.', minimum: 1, maximum: 4, example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(4)
  quarter?: number;

  @ApiPropertyOptional({
    format: 'date',
    description:
      'The business date the status is evaluated on; default today. Facts are counted up to this date, as every report reads asOf.',
  })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;
}
