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
import { ValidationProblem } from '@baken/platform';
import {
  defaultLeadOrganisation,
  INTERVENTION_LEVEL_BY_TYPE,
  INTERVENTION_TYPES,
  type InterventionType,
  type Measure,
  type OpenCase,
} from '../../domain';
import type { ReferenceData } from '../../infrastructure/reference-data.service';
import { IsOrganisationId, requireKnownOrganisations } from './organisations';

export class MeasureRequest {
  @ApiProperty({ enum: INTERVENTION_TYPES }) @IsIn(INTERVENTION_TYPES) type!: InterventionType;
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
  await requireKnownOrganisations(
    (body.measures ?? []).map((m, i) => [`measures.${i}.leadOrganisation`, m.leadOrganisation] as [string, string]),
    reference,
  );
}

/** The proposal's fields for the domain: the measures as given, or each v1 type with the competent organisation as lead. */
export function proposalFields(body: ProposalRequest, state: OpenCase | null) {
  const measures: Measure[] =
    body.measures?.map(({ type, leadOrganisation }) => ({ type, leadOrganisation })) ??
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
