import { randomUUID } from 'node:crypto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate, ValidationProblem } from '@baken/platform';
import {
  EXPLOITATION_FORMS,
  SOURCE_TYPES,
  SECTORS,
  URGENCIES,
  VULNERABILITIES,
  type ExploitationForm,
  type Sector,
  type SourceType,
  type Urgency,
  type Vulnerability,
} from '../../domain';
import { caseCommand } from '../shared/case-command';
import { SubjectRequest } from '../shared/subject.request.dto';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class SignalSourceRequest {
  @ApiProperty({ enum: SOURCE_TYPES }) @IsIn(SOURCE_TYPES) type!: SourceType;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) organisation?: string;
}

export class RegisterSignalRequest {
  @ApiProperty({ example: 'de-baronie' })
  @IsString()
  @Matches(SLUG, { message: 'must be a district id such as de-baronie' })
  @MaxLength(60)
  district!: string;
  @ApiProperty({ example: 'breda' })
  @IsString()
  @Matches(SLUG, { message: 'must be a municipality id such as breda' })
  @MaxLength(60)
  municipality!: string;
  @ApiProperty({ format: 'date' }) @IsBusinessDate() receivedOn!: string;
  @ApiProperty({ type: SignalSourceRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => SignalSourceRequest)
  source!: SignalSourceRequest;
  @ApiProperty({ enum: EXPLOITATION_FORMS, isArray: true, minItems: 1 })
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
  @ApiProperty({ maxLength: 4000 }) @IsString() @IsNotEmpty() @MaxLength(4000) summary!: string;
  @ApiPropertyOptional({
    enum: URGENCIES,
    description:
      'The urgency known at intake: triage is due in 1 (acute), 3 (high) or 5 (normal, unknown) working days',
  })
  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: Urgency;
  @ApiPropertyOptional({ enum: SECTORS, description: 'Where the exploitation takes place, when known' })
  @IsOptional()
  @IsIn(SECTORS)
  sector?: Sector;
  @ApiPropertyOptional({ type: [SubjectRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SubjectRequest)
  subjects?: SubjectRequest[];
}

export const registerSignal = caseCommand({
  type: 'RegisterSignal',
  route: 'POST signals',
  summary: 'Registers a signal; opens a new case in signal_received.',
  body: RegisterSignalRequest,
  creates: 'caseId',
  newCase: ({ district, municipality }) => ({ district, municipality }),
  async validate({ body }, { reference }) {
    if (!(await reference.municipalitiesOf(body.district))) {
      throw new ValidationProblem([
        { field: 'district', message: `is not a known district (${(await reference.districtIds()).join(', ')})` },
      ]);
    }
    const validity = await reference.municipalityValidOn(body.municipality, body.receivedOn);
    if (validity === 'unknown')
      throw new ValidationProblem([{ field: 'municipality', message: 'is not a known municipality' }]);
    if (validity === 'not_valid')
      throw new ValidationProblem([
        {
          field: 'municipality',
          message: `did not exist on receivedOn (${body.receivedOn}): it merged or started later; name the municipality of that date`,
        },
      ]);
  },
  async fields({ body, created }, { tx, today, writeWithReadModels }, { reference, sealer, nameIndex }) {
    const subjects = (body.subjects ?? []).map((s) => ({ subjectId: randomUUID(), role: s.role, personal: s }));
    const { records, keyInsert } = sealer.sealWithoutStoring(subjects);
    // The subjects' keys commit with the events that hold their sealed data, in the read models' statement.
    if (keyInsert) writeWithReadModels(keyInsert);
    const index = nameIndex.insert(
      subjects.map((s) => ({
        subjectId: s.subjectId,
        caseId: created!,
        name: s.personal.name,
        birthDate: s.personal.birthDate,
      })),
    );
    if (index) writeWithReadModels(index);
    return {
      caseId: created!,
      reference: await reference.nextCaseReference(tx, today),
      district: body.district,
      municipality: body.municipality,
      districtMunicipalities: (await reference.municipalitiesOf(body.district)) ?? [],
      receivedOn: body.receivedOn,
      source: {
        type: body.source.type,
        ...(body.source.organisation ? { organisation: body.source.organisation } : {}),
      },
      forms: body.forms,
      vulnerabilities: body.vulnerabilities ?? [],
      summary: body.summary,
      subjects: records,
      ...(body.urgency !== undefined && { urgency: body.urgency }),
      ...(body.sector !== undefined && { sector: body.sector }),
    };
  },
});
