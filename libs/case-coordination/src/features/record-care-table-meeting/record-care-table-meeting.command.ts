import { randomUUID } from 'node:crypto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { PARTNERS, type Partner } from '../../domain';
import { caseCommand } from '../shared/case-command';

export class RecordCareTableMeetingRequest {
  @ApiProperty({ format: 'date' }) @IsBusinessDate() heldOn!: string;
  @ApiProperty({ enum: PARTNERS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(PARTNERS, { each: true })
  participants!: Partner[];
  @ApiProperty({ maxLength: 4000 }) @IsString() @IsNotEmpty() @MaxLength(4000) conclusions!: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() victimInformed?: boolean;
}

export const recordCareTableMeeting = caseCommand({
  type: 'RecordCareTableMeeting',
  route: 'POST cases/:caseId/care-table-meetings',
  summary: 'Records a meeting of the care table (Zorgtafel) on the case.',
  body: RecordCareTableMeetingRequest,
  fields: ({ body }) => ({ meetingId: randomUUID(), ...body }),
});
