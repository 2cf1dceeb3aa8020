import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, MaxLength } from 'class-validator';
import { DISTRICT_SLUG } from '../../shared/report-query.dto';

export class QuarterlyReportQuery {
  @ApiProperty({ description: 'Calendar year.', example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ description: 'Quarter 1–4.', minimum: 1, maximum: 4, example: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(4)
  quarter!: number;

  @ApiPropertyOptional({
    description: 'One district (slug); default: the region, as far as your scope reaches.',
    example: 'de-baronie',
  })
  @IsOptional()
  @MaxLength(60)
  @Matches(DISTRICT_SLUG, { message: 'must be a district id, e.g. de-baronie' })
  district?: string;

  @ApiPropertyOptional({ enum: ['pdf'], default: 'pdf', description: 'The report is a PDF only.' })
  @IsOptional()
  @IsIn(['pdf'])
  format?: 'pdf';
}
