import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';

export class RetireTargetRequest {
  @ApiPropertyOptional({
    format: 'date',
    description: 'The last day the target applies; periods starting after it are not_applicable. Default: yesterday.',
  })
  @IsOptional()
  @IsBusinessDate()
  lastDay?: string;

  @ApiProperty({ description: 'Why the target is retired; kept in its history.', maxLength: 1000 })
  @IsString()
  @MaxLength(1000)
  @Matches(/\S/, { message: 'must not be blank' })
  reason!: string;
}
