import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsBusinessDate, ValidationProblem } from '@baken/platform';
import {
  INTERVENTION_TYPES,
  PARTNERS,
  type InterventionLevel,
  type InterventionType,
  type Partner,
} from '../../domain';
import type { ReferenceData } from '../../infrastructure/reference-data.service';
import { caseCommand } from '../shared/case-command';
import { IsOrganisationId, requireKnownOrganisations } from '../shared/organisations';

export class PlanInterventionRequest {
  @ApiProperty({
    type: String,
    example: INTERVENTION_TYPES[0],
    description:
      'A type of the intervention catalogue that is not retired (GET /api/reference-data/intervention-types); ' +
      `seeded with ${INTERVENTION_TYPES.join(', ')}`,
  })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]*$/, { message: 'must be an intervention type such as labour_inspection' })
  @MaxLength(60)
  type!: InterventionType;
  @ApiPropertyOptional({
    example: 'labour_inspectorate',
    description: 'The organisation that leads it (or leadPartner)',
  })
  @ValidateIf((o: PlanInterventionRequest) => o.leadPartner === undefined)
  @IsString()
  @IsOrganisationId()
  leadOrganisation?: string;
  @ApiPropertyOptional({
    enum: PARTNERS,
    description: 'API v1: the kind of the lead; a municipality is the case’s own',
  })
  @ValidateIf((o: PlanInterventionRequest) => o.leadOrganisation === undefined)
  @IsIn(PARTNERS)
  leadPartner?: Partner;
  @ApiPropertyOptional({ type: [String], description: 'Organisations taking part besides the lead (a joint control)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @IsOrganisationId(true)
  participants?: string[];
  @ApiProperty({ format: 'date' }) @IsBusinessDate() plannedOn!: string;
  @ApiPropertyOptional({
    maxLength: 4000,
    description: 'The brief for the organisations that carry it out: the only text of the case they read',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  brief?: string;
  @ApiPropertyOptional({ maxLength: 4000, description: 'API v1: the brief' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;
}

/** The type's level in the catalogue; a 400 on `type` when the catalogue has no such type or it was retired. */
async function catalogueLevel(type: string, reference: ReferenceData): Promise<InterventionLevel> {
  const found = await reference.interventionType(type);
  if (!found)
    throw new ValidationProblem([
      {
        field: 'type',
        message: 'is not a type of the intervention catalogue (GET /api/reference-data/intervention-types)',
      },
    ]);
  if (found.retired)
    throw new ValidationProblem([{ field: 'type', message: 'is retired from the intervention catalogue' }]);
  return found.level as InterventionLevel;
}

export const planIntervention = caseCommand({
  type: 'PlanIntervention',
  route: 'POST cases/:caseId/interventions',
  summary: 'Plans an intervention led by one organisation, with the organisations taking part.',
  body: PlanInterventionRequest,
  creates: 'interventionId',
  async validate({ body }, { reference }) {
    await catalogueLevel(body.type, reference);
    if (body.leadOrganisation !== undefined && body.leadPartner !== undefined) {
      throw new ValidationProblem([
        { field: 'leadPartner', message: 'give leadOrganisation or leadPartner, not both' },
      ]);
    }
    if (body.brief !== undefined && body.description !== undefined)
      throw new ValidationProblem([{ field: 'description', message: 'give brief or description, not both' }]);
    const named =
      body.leadOrganisation !== undefined ? [['leadOrganisation', body.leadOrganisation] as [string, string]] : [];
    await requireKnownOrganisations(
      [...named, ...(body.participants ?? []).map((p, i) => [`participants.${i}`, p] as [string, string])],
      reference,
    );
  },
  fields: async (
    { body: { type, leadOrganisation, leadPartner, brief, description, ...rest }, created },
    { state },
    { reference },
  ) => ({
    interventionId: created!,
    interventionType: type,
    interventionLevel: await catalogueLevel(type, reference),
    leadOrganisation:
      leadOrganisation ?? (leadPartner === 'municipality' ? `municipality:${state?.municipality}` : leadPartner!),
    ...rest,
    ...((brief ?? description) ? { description: brief ?? description } : {}),
  }),
});
