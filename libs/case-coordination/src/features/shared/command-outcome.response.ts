import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CommandOutcomeResponse {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() version!: number;
  @ApiPropertyOptional({ format: 'uuid' }) proposalId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) interventionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) subjectId?: string;
  @ApiPropertyOptional({ description: "A vote's answer: the proposal's status after it", example: 'submitted' })
  proposalStatus?: string;
  @ApiPropertyOptional({
    type: [String],
    description: "An approving vote's answer: the interventions planned from the proposal's measures",
  })
  interventionIds?: string[];
  @ApiPropertyOptional({ format: 'uuid', description: "A care-table outcome's answer: the meeting recorded" })
  meetingId?: string;
  @ApiPropertyOptional({
    type: [String],
    description: "A care-table outcome's answer: the action points it agreed, in the order given",
  })
  actionPointIds?: string[];
}
