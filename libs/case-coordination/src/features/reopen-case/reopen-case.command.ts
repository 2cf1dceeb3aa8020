import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { REOPEN_REASONS, type ReopenReason } from '../../domain';
import { caseCommand } from '../shared/case-command';

export class ReopenCaseRequest {
  @ApiProperty({ format: 'date' }) @IsBusinessDate() reopenedOn!: string;
  @ApiProperty({ enum: REOPEN_REASONS }) @IsIn(REOPEN_REASONS) reason!: ReopenReason;
}

export const reopenCase = caseCommand({
  type: 'ReopenCase',
  route: 'POST cases/:caseId/reopen',
  summary: 'Reopens a closed case; it goes back to triage.',
  body: ReopenCaseRequest,
});
