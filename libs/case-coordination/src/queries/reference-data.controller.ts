import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { INTERVENTION_LEVELS } from '../domain';
import { ReferenceData } from '../infrastructure/reference-data.service';

export class MunicipalityResponse {
  @ApiProperty({ example: 'breda' }) id!: string;
  @ApiProperty({ example: 'Breda' }) name!: string;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Its first day; null: since before the records',
  })
  validFrom!: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Its last day (a merger); null: it still exists',
  })
  validUntil!: string | null;
}

export class DistrictResponse {
  @ApiProperty({ example: 'de-baronie' }) id!: string;
  @ApiProperty({ example: 'De Baronie' }) name!: string;
  @ApiProperty({ type: [MunicipalityResponse] }) municipalities!: MunicipalityResponse[];
}

export class OrganisationResponse {
  @ApiProperty({ example: 'municipality:breda', description: 'The id commands name it by' }) id!: string;
  @ApiProperty({ example: 'municipality', description: 'Its kind (the partner enumeration)' }) kind!: string;
  @ApiProperty({ example: 'Gemeente Breda' }) name!: string;
  @ApiProperty({ description: 'May be named in new work' }) active!: boolean;
}

export class InterventionTypeResponse {
  @ApiProperty({ example: 'labour_inspection' }) type!: string;
  @ApiProperty({ enum: INTERVENTION_LEVELS }) level!: string;
  @ApiProperty({ example: 'Arbeidsinspectie/controle', description: 'The Dutch label screens show' }) label!: string;
  @ApiProperty({ description: 'No longer planned; interventions planned before keep it' }) retired!: boolean;
}

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('reference-data')
export class ReferenceDataController {
  constructor(private readonly reference: ReferenceData) {}

  /** Districts with their municipalities. */
  @Get('districts')
  @ApiOkResponse({ type: [DistrictResponse] })
  districts() {
    return this.reference.districts();
  }

  /** The organisations that lead and take part in measures and interventions, and that vote in the stuurploeg. */
  @Get('organisations')
  @ApiOkResponse({ type: [OrganisationResponse] })
  organisations() {
    return this.reference.organisations();
  }

  /** The intervention catalogue: the types an intervention is planned with, each at its level; retired ones too. */
  @Get('intervention-types')
  @ApiOkResponse({ type: [InterventionTypeResponse] })
  interventionTypes() {
    return this.reference.interventionTypes();
  }
}
