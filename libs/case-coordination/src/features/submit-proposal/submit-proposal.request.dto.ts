import { ApiProperty } from '@nestjs/swagger';
import {  } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';

export class SubmitProposalRequest {
  @ApiProperty({ format: 'date' }) @IsBusinessDate() submittedOn!: string;
}
