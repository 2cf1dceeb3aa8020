import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ValidationProblem, type FieldError } from '@baken/platform';
import {
  defaultLeadOrganisation,
  INTERVENTION_LEVEL_BY_TYPE,
  INTERVENTION_TYPES,
  type InterventionLevel,
  type InterventionType,
  type Measure,
  type OpenCase,
} from '../../domain';
import type { ReferenceData } from '../../infrastructure/reference-data.service';
import { IsOrganisationId, requireKnownOrganisations } from './organisations';

export class MeasureRequest {
  @ApiProperty({
    type: String,
    description: `A type of the intervention catalogue that is not retired (GET /api/reference-data/intervention-types); seeded with ${INTERVENTION_TYPES.join(', ')}`,
    example: 'labour_inspection',
    maxLength: 60,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  type!: InterventionType;
  @ApiProperty({ example: 'municipality:breda', description: 'The organisation that would lead it' })
  @IsString()
  @IsOrganisationId()
  leadOrganisation!: string;
}

/** A proposal's text and measures, for drafting and for revising it. */
export class ProposalRequest {
  @ApiProperty({ maxLength: 4000, description: 'The proposal as the care table made it' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  summary!: string;
  @ApiPropertyOptional({ maxLength: 4000, description: 'What the stuurploeg reads: no names, no care details' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  steeringSummary?: string;
  @ApiPropertyOptional({ type: [MeasureRequest], description: 'Required unless proposedInterventions is given' })
  @ValidateIf((o: ProposalRequest) => o.proposedInterventions === undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => MeasureRequest)
  measures?: MeasureRequest[];
  @ApiPropertyOptional({
    enum: INTERVENTION_TYPES,
    isArray: true,
    description: 'API v1: intervention types only; each is led by the competent organisation of its level',
  })
  @ValidateIf((o: ProposalRequest) => o.measures === undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(INTERVENTION_TYPES, { each: true })
  proposedInterventions?: InterventionType[];
}

/** Checks the measures' organisations against the reference data; one way of naming measures only. */
export async function validateProposal(body: ProposalRequest, reference: ReferenceData): Promise<void> {
  if (body.measures !== undefined && body.proposedInterventions !== undefined) {
    throw new ValidationProblem([
      { field: 'proposedInterventions', message: 'give measures or proposedInterventions, not both' },
    ]);
  }
  const errors: FieldError[] = [];
  for (const [i, { type }] of (body.measures ?? []).entries()) {
    const found = await reference.interventionType(type);
    if (!found) errors.push({ field: `measures.${i}.type`, message: 'is not a type of the intervention catalogue' });
    else if (found.retired)
      errors.push({ field: `measures.${i}.type`, message: 'is retired from the intervention catalogue' });
  }
  if (errors.length) throw new ValidationProblem(errors);
  await requireKnownOrganisations(
    (body.measures ?? []).map((m, i) => [`measures.${i}.leadOrganisation`, m.leadOrganisation] as [string, string]),
    reference,
  );
}

/** The level of a type the code does not know, from the catalogue (ADR 62); none for the code's own types. */
async function catalogueLevelOf(type: string, reference: ReferenceData): Promise<InterventionLevel | undefined> {
  if (Object.hasOwn(INTERVENTION_LEVEL_BY_TYPE, type)) return undefined;
  return (await reference.interventionType(type))?.level as InterventionLevel | undefined;
}

/**
 * The proposal's fields for the domain: the measures as given (a type added to the catalogue with its level), or each
 * v1 type with the competent organisation as lead.
 */
export async function proposalFields(body: ProposalRequest, state: OpenCase | null, reference: ReferenceData) {
  const given = body.measures
    ? await Promise.all(
        body.measures.map(async ({ type, leadOrganisation }): Promise<Measure> => {
          const level = await catalogueLevelOf(type, reference);
          return { type, leadOrganisation, ...(level !== undefined && { level }) };
        }),
      )
    : undefined;
  const measures: Measure[] =
    given ??
    (body.proposedInterventions ?? []).map((type) => ({
      type,
      leadOrganisation: defaultLeadOrganisation(INTERVENTION_LEVEL_BY_TYPE[type], state?.municipality ?? ''),
    }));
  return {
    summary: body.summary,
    ...(body.steeringSummary !== undefined && { steeringSummary: body.steeringSummary }),
    measures,
  };
}
