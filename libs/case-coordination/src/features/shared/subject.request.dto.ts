import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { SUBJECT_ROLES, type SubjectRole } from '../../domain/enumerations';

/** A person involved: victim, suspect, facilitator. The personal fields are encrypted before they are stored. */
export class SubjectRequest {
  @ApiProperty({ enum: SUBJECT_ROLES }) @IsIn(SUBJECT_ROLES) role!: SubjectRole;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsBusinessDate() birthDate?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) nationality?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) notes?: string;
}
