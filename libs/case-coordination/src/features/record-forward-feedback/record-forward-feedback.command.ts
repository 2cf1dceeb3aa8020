import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { FORWARD_FEEDBACKS, type ForwardFeedback } from '../../domain';
import { caseCommand } from '../shared/case-command';

export class RecordForwardFeedbackRequest {
  @ApiProperty({ format: 'date', description: 'When the partner answered' }) @IsBusinessDate() receivedOn!: string;
  @ApiProperty({ enum: FORWARD_FEEDBACKS }) @IsIn(FORWARD_FEEDBACKS) feedback!: ForwardFeedback;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) note?: string;
}

export const recordForwardFeedback = caseCommand({
  type: 'RecordForwardFeedback',
  route: 'POST cases/:caseId/forward-feedback',
  summary: 'Records the answer of the partner a case was forwarded to; declined returns it to triage.',
  body: RecordForwardFeedbackRequest,
  fields: ({ body, meta }) => ({ ...body, organisation: meta.actor.organisation }),
});
