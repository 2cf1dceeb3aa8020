import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { DEADLINE_PERIOD_LIMITS, IsBusinessDate } from '@baken/platform';
import { INTERVENTION_LEVELS, PARTNERS } from '../domain/enumerations';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ORGANISATION_ID = /^(?:[a-z_]+|shelter:[a-z0-9]+(?:-[a-z0-9]+)*)$/;
const CLAIM = /^[^\u0000-\u001f\u007f]+$/;

// Organisations

export class AdminOrganisationResponse {
  @ApiProperty({ example: 'shelter:sterk-huis' }) id!: string;
  @ApiProperty({ enum: PARTNERS }) kind!: string;
  @ApiProperty({ example: 'Sterk Huis (opvang)' }) name!: string;
  @ApiProperty({
    example: 'shelter:sterk-huis',
    description: 'The value of the identity provider’s organisation claim that maps a user to this organisation',
  })
  identityClaim!: string;
  @ApiProperty({ description: 'May be named in new work; a municipality’s while the municipality exists today' })
  active!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Who changed it last; null for the seeded data' })
  changedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) changedAt!: string | null;
}

export class AdminOrganisationListResponse {
  @ApiProperty({
    type: [AdminOrganisationResponse],
    description:
      'Also the municipalities’ organisations (municipality:<slug>), read-only: they follow the municipalities',
  })
  items!: AdminOrganisationResponse[];
}

export class AddOrganisationRequest {
  @ApiProperty({
    example: 'shelter:de-haven',
    description:
      'A regional organisation is named by its kind, a shelter shelter:<slug>, one of kind other by its own name',
  })
  @IsString()
  @Matches(ORGANISATION_ID, { message: 'must be an organisation id such as riec or shelter:de-haven' })
  @MaxLength(80)
  id!: string;
  @ApiProperty({ enum: PARTNERS }) @IsIn(PARTNERS) kind!: string;
  @ApiProperty({ maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiPropertyOptional({
    maxLength: 200,
    description: 'The organisation claim’s value for its users; by default its id',
  })
  @IsOptional()
  @IsString()
  @Matches(CLAIM, { message: 'must be text without control characters' })
  @MaxLength(200)
  identityClaim?: string;
}

export class ChangeOrganisationRequest {
  @ApiProperty({ maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 200,
    description: 'The organisation claim’s value; null: its id again; left as it is when absent',
  })
  @IsOptional()
  @IsString()
  @Matches(CLAIM, { message: 'must be text without control characters' })
  @MaxLength(200)
  identityClaim?: string | null;
  @ApiProperty({ description: 'false: no longer named in new work; what it did stays as it is' })
  @IsBoolean()
  active!: boolean;
}

// Municipalities and districts

export class AdminMunicipalityResponse {
  @ApiProperty({ example: 'breda' }) id!: string;
  @ApiProperty({ example: 'Breda' }) name!: string;
  @ApiProperty({ example: 'de-baronie' }) district!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'null: since before the records' })
  validFrom!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Its last day; null: it still exists' })
  validUntil!: string | null;
  @ApiProperty({ type: String, nullable: true }) changedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) changedAt!: string | null;
}

export class AdminMunicipalityListResponse {
  @ApiProperty({ type: [AdminMunicipalityResponse] }) items!: AdminMunicipalityResponse[];
}

export class AddMunicipalityRequest {
  @ApiProperty({ example: 'land-van-cuijk', description: 'Slug: lowercase, spaces to -' })
  @IsString()
  @Matches(SLUG, { message: 'must be a municipality id such as bergen-op-zoom' })
  @MaxLength(60)
  id!: string;
  @ApiProperty({ maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ example: 'de-baronie' })
  @IsString()
  @Matches(SLUG, { message: 'must be a district id such as de-baronie' })
  @MaxLength(60)
  district!: string;
  @ApiProperty({ format: 'date', description: 'Its first day (after a merger: the day the new municipality starts)' })
  @IsBusinessDate()
  validFrom!: string;
}

export class ChangeMunicipalityRequest {
  @ApiProperty({ maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Its last day (a merger retires it); null: it still exists. Cases and reports keep it',
  })
  @ValidateIf((o: ChangeMunicipalityRequest) => o.validUntil !== null && o.validUntil !== undefined)
  @IsBusinessDate()
  validUntil!: string | null;
}

export class AdminDistrictResponse {
  @ApiProperty({ example: 'de-baronie' }) id!: string;
  @ApiProperty({ example: 'De Baronie' }) name!: string;
}

export class AdminDistrictListResponse {
  @ApiProperty({ type: [AdminDistrictResponse] }) items!: AdminDistrictResponse[];
}

// Deadline periods

const period = (description: string) =>
  ApiProperty({ minimum: DEADLINE_PERIOD_LIMITS.min, maximum: DEADLINE_PERIOD_LIMITS.max, description });
const periodRule = (): PropertyDecorator => (target, key) => {
  IsInt()(target, key);
  Min(DEADLINE_PERIOD_LIMITS.min)(target, key);
  Max(DEADLINE_PERIOD_LIMITS.max)(target, key);
};

export class DeadlinePeriodsRequest {
  @period('Triage of a signal of normal or unknown urgency, in working days') @periodRule() triageWorkingDays!: number;
  @period('Triage of a signal of urgency high, in working days') @periodRule() triageHighWorkingDays!: number;
  @period('Triage of a signal of urgency acute, in working days') @periodRule() triageAcuteWorkingDays!: number;
  @period('The partner’s feedback on a forwarded case, in working days after the triage')
  @periodRule()
  forwardFeedbackWorkingDays!: number;
  @period('The steering group’s decision, in days after submission') @periodRule() proposalDecisionDays!: number;
  @period('An intervention’s effect, in days after its execution') @periodRule() effectFollowUpDays!: number;
}

export class DeadlinePeriodsResponse extends DeadlinePeriodsRequest {
  @ApiProperty({ type: String, nullable: true, description: 'null: the configuration’s periods, never changed here' })
  changedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) changedAt!: string | null;
}

// Intervention catalogue

export class AdminInterventionTypeResponse {
  @ApiProperty({ example: 'labour_inspection' }) type!: string;
  @ApiProperty({ enum: INTERVENTION_LEVELS }) level!: string;
  @ApiProperty({ example: 'Arbeidsinspectie/controle' }) label!: string;
  @ApiProperty({ description: 'No longer planned; what was planned stays' }) retired!: boolean;
  @ApiProperty({ type: String, nullable: true }) changedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) changedAt!: string | null;
}

export class AdminInterventionTypeListResponse {
  @ApiProperty({ type: [AdminInterventionTypeResponse] }) items!: AdminInterventionTypeResponse[];
}

export class AddInterventionTypeRequest {
  @ApiProperty({ example: 'financial_investigation', description: 'Lowercase letters, digits and underscores' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]*$/, { message: 'must be lowercase letters, digits and underscores' })
  @MaxLength(60)
  type!: string;
  @ApiProperty({ enum: INTERVENTION_LEVELS, description: 'Decides who is competent and how reports count it' })
  @IsIn(INTERVENTION_LEVELS)
  level!: string;
  @ApiProperty({ maxLength: 200, description: 'The Dutch label screens show' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  label!: string;
}

export class ChangeInterventionTypeRequest {
  @ApiProperty({ maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) label!: string;
  @ApiProperty({ description: 'true: no longer planned' }) @IsBoolean() retired!: boolean;
}
