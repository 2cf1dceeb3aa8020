import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { DistrictReportQuery } from '../../shared/report-query.dto';

export class QuarterlyTargetsQuery extends DistrictReportQuery {
  @ApiPropertyOptional({
    description: 'Calendar year; with quarter. Default: the quarter asOf falls in.',
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
    description: 'The date the status is evaluated on; default today. Facts are counted up to this date.',
  })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;
}
