import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { REOPEN_REASONS, type ReopenReason } from '../../domain/enumerations';

export class ReopenCaseRequest {
  @ApiProperty({ format: 'date' }) @IsBusinessDate() reopenedOn!: string;
  @ApiProperty({ enum: REOPEN_REASONS }) @IsIn(REOPEN_REASONS) reason!: ReopenReason;
}
