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
import { EXPLOITATION_FORMS, INTERVENTION_LEVELS, INTERVENTION_TYPES, VULNERABILITIES } from '@baken/case-coordination';
import { IsBusinessDate } from '@baken/platform';
import { FACT_KINDS, type FactKind } from '../facts/report-facts';
import { TARGET_PERIODS, type TargetPeriod } from './quarter';

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
    enum: TARGET_PERIODS,
    default: 'quarter',
    description: 'The period the minimum is set for: per quarter or per year.',
  })
  @IsOptional()
  @IsIn(TARGET_PERIODS)
  period?: TargetPeriod;

  @ApiPropertyOptional({
    enum: EXPLOITATION_FORMS,
    isArray: true,
    description: "Count only on cases whose forms (as known at the report's asKnownAt) include one of these.",
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(EXPLOITATION_FORMS.length)
  @IsIn(EXPLOITATION_FORMS, { each: true })
  forms?: string[];

  @ApiPropertyOptional({
    type: [String],
    description: `Intervention events only: count only these types of the intervention catalogue (GET /api/reference-data/intervention-types; retired ones too, for past periods); seeded with ${INTERVENTION_TYPES.join(', ')}.`,
    example: ['labour_inspection'],
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
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

  @ApiPropertyOptional({
    enum: VULNERABILITIES,
    isArray: true,
    description: "Count only on cases whose vulnerabilities (as known at the report's asKnownAt) include one of these.",
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(VULNERABILITIES.length)
  @IsIn(VULNERABILITIES, { each: true })
  vulnerabilities?: string[];

  @ApiPropertyOptional({
    type: [String],
    description:
      'Intervention events only: count only interventions one of these organisations leads or takes part in (a joint control counts for each of them). Organisation ids, e.g. labour_inspectorate, municipality:breda.',
    example: ['labour_inspectorate'],
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  organisations?: string[];

  @ApiPropertyOptional({ format: 'date', description: 'First day the target applies; default: always.' })
  @IsOptional()
  @IsBusinessDate()
  validFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day the target applies; default: no end.' })
  @IsOptional()
  @IsBusinessDate()
  validUntil?: string;

  @ApiProperty({ description: 'The minimum per district per period.', minimum: 1, maximum: 100000, example: 2 })
  @IsInt()
  @Min(1)
  @Max(100000)
  minimum!: number;
}
