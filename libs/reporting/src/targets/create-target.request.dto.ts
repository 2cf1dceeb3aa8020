import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { EXPLOITATION_FORMS, INTERVENTION_LEVELS, INTERVENTION_TYPES } from '@baken/case-coordination';
import { FACT_KINDS, type FactKind } from '../facts/report-facts';

export const TARGET_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class CreateTargetRequest {
  @ApiProperty({
    description: 'A slug: lowercase letters and digits, words joined by -.',
    example: 'administrative-interventions',
    maxLength: 60,
  })
  @IsString()
  @MaxLength(60)
  @Matches(TARGET_ID, { message: 'must be a slug: lowercase letters and digits, words joined by -' })
  id!: string;

  @ApiProperty({
    description: 'Shown in reports (Dutch).',
    example: 'Bestuurlijke interventies uitgevoerd',
    maxLength: 200,
  })
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'must not be blank' })
  title!: string;

  @ApiProperty({
    enum: FACT_KINDS,
    description: 'The kind of event counted, by its business date.',
    example: 'intervention_executed',
  })
  @IsIn(FACT_KINDS)
  event!: FactKind;

  @ApiPropertyOptional({
    enum: EXPLOITATION_FORMS,
    isArray: true,
    description: 'Count only on cases whose forms include one of these.',
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(EXPLOITATION_FORMS.length)
  @IsIn(EXPLOITATION_FORMS, { each: true })
  forms?: string[];

  @ApiPropertyOptional({
    enum: INTERVENTION_TYPES,
    isArray: true,
    description: 'Intervention events only: count only these types.',
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(INTERVENTION_TYPES.length)
  @IsIn(INTERVENTION_TYPES, { each: true })
  interventionTypes?: string[];

  @ApiPropertyOptional({
    enum: INTERVENTION_LEVELS,
    isArray: true,
    description: 'Intervention events only: count only these levels.',
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(INTERVENTION_LEVELS.length)
  @IsIn(INTERVENTION_LEVELS, { each: true })
  interventionLevels?: string[];

  @ApiProperty({ description: 'The minimum per district per quarter.', minimum: 1, maximum: 100000, example: 2 })
  @IsInt()
  @Min(1)
  @Max(100000)
  minimum!: number;
}
