import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ReferenceData } from '../infrastructure/reference-data.service';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('reference-data')
export class ReferenceDataController {
  constructor(private readonly reference: ReferenceData) {}

  /** Districts with their municipalities. */
  @Get('districts')
  districts() {
    return this.reference.districts();
  }
}
