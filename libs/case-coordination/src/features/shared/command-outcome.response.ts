import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CommandOutcomeResponse {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() version!: number;
  @ApiPropertyOptional({ format: 'uuid' }) proposalId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) interventionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) subjectId?: string;
}
