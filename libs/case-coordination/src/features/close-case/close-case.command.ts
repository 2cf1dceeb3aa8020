import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { CLOSE_OUTCOMES, type CloseOutcome } from '../../domain';
import { caseCommand } from '../shared/case-command';

export class CloseCaseRequest {
  @ApiProperty({ format: 'date' }) @IsBusinessDate() closedOn!: string;
  @ApiProperty({ enum: CLOSE_OUTCOMES }) @IsIn(CLOSE_OUTCOMES) outcome!: CloseOutcome;
  @ApiProperty({ maxLength: 4000 }) @IsString() @IsNotEmpty() @MaxLength(4000) rationale!: string;
}

export const closeCase = caseCommand({
  type: 'CloseCase',
  route: 'POST cases/:caseId/close',
  summary: 'Closes the case with its outcome.',
  body: CloseCaseRequest,
});
