import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { EXPLOITATION_FORMS, SOURCE_TYPES, VULNERABILITIES, type ExploitationForm, type SourceType, type Vulnerability } from '../../domain/enumerations';
import { SubjectRequest } from '../shared/subject.request.dto';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class SignalSourceRequest {
  @ApiProperty({ enum: SOURCE_TYPES }) @IsIn(SOURCE_TYPES) type!: SourceType;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) organisation?: string;
}

export class RegisterSignalRequest {
  @ApiProperty({ example: 'de-baronie' }) @IsString() @Matches(SLUG, { message: 'must be a district id such as de-baronie' }) @MaxLength(60) district!: string;
  @ApiProperty({ example: 'breda' }) @IsString() @Matches(SLUG, { message: 'must be a municipality id such as breda' }) @MaxLength(60) municipality!: string;
  @ApiProperty({ format: 'date' }) @IsBusinessDate() receivedOn!: string;
  @ApiProperty({ type: SignalSourceRequest }) @IsObject() @ValidateNested() @Type(() => SignalSourceRequest) source!: SignalSourceRequest;
  @ApiProperty({ enum: EXPLOITATION_FORMS, isArray: true, minItems: 1 })
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(EXPLOITATION_FORMS, { each: true }) forms!: ExploitationForm[];
  @ApiPropertyOptional({ enum: VULNERABILITIES, isArray: true })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(VULNERABILITIES, { each: true }) vulnerabilities?: Vulnerability[];
  @ApiProperty({ maxLength: 4000 }) @IsString() @IsNotEmpty() @MaxLength(4000) summary!: string;
  @ApiPropertyOptional({ type: [SubjectRequest] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => SubjectRequest) subjects?: SubjectRequest[];
}
