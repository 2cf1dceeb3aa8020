import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import {
  EXPLOITATION_FORMS,
  SECTORS,
  VULNERABILITIES,
  type ExploitationForm,
  type Sector,
  type Vulnerability,
} from '../../domain';
import { caseCommand } from '../shared/case-command';

export class ReclassifyCaseRequest {
  @ApiProperty({ format: 'date', description: 'When the classification was established' })
  @IsBusinessDate()
  decidedOn!: string;
  @ApiProperty({ enum: EXPLOITATION_FORMS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(EXPLOITATION_FORMS, { each: true })
  forms!: ExploitationForm[];
  @ApiPropertyOptional({ enum: VULNERABILITIES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(VULNERABILITIES, { each: true })
  vulnerabilities?: Vulnerability[];
  @ApiPropertyOptional({ enum: SECTORS }) @IsOptional() @IsIn(SECTORS) sector?: Sector;
  @ApiProperty({ maxLength: 4000 }) @IsString() @IsNotEmpty() @MaxLength(4000) rationale!: string;
}

export const reclassifyCase = caseCommand({
  type: 'ReclassifyCase',
  route: 'POST cases/:caseId/classification',
  summary: 'Corrects the classification (forms, vulnerabilities, sector); reports count the case by it from then on.',
  body: ReclassifyCaseRequest,
  fields: ({ body }) => ({ ...body, vulnerabilities: body.vulnerabilities ?? [] }),
});
