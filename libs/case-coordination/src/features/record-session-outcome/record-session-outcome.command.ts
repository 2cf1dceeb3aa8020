import { randomUUID } from 'node:crypto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate, ValidationProblem, type FieldError } from '@baken/platform';
import { isOrganisationId, type NewActionPoint } from '../../domain';
import { caseCommand, type CaseCommandServices } from '../shared/case-command';
import { IsOrganisationId, requireKnownOrganisations } from '../shared/organisations';

export class ActionPointRequest {
  @ApiProperty({ maxLength: 1000 }) @IsString() @IsNotEmpty() @MaxLength(1000) description!: string;
  @ApiProperty({
    example: 'labour_inspectorate',
    description: 'An organisation id (every user acting for it) or the username of one person',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  owner!: string;
  @ApiProperty({ format: 'date' }) @IsBusinessDate() dueOn!: string;
}

export class RecordSessionOutcomeRequest {
  @ApiProperty({ format: 'date' }) @IsBusinessDate() heldOn!: string;
  @ApiProperty({ type: [String], description: 'The organisations at the table' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(40)
  @ArrayUnique()
  @IsString({ each: true })
  @IsOrganisationId(true)
  participants!: string[];
  @ApiProperty({ maxLength: 4000 }) @IsString() @IsNotEmpty() @MaxLength(4000) conclusions!: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() victimInformed?: boolean;
  @ApiPropertyOptional({ type: [ActionPointRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ActionPointRequest)
  actionPoints?: ActionPointRequest[];
}

/** Each owner as an organisation the reference data knows, or a person Baken knows; a 400 naming every other one. */
async function resolveOwners(
  points: readonly ActionPointRequest[],
  { reference, users }: CaseCommandServices,
): Promise<NewActionPoint[]> {
  const errors: FieldError[] = [];
  const resolved: NewActionPoint[] = [];
  for (const [i, point] of points.entries()) {
    const base = { actionPointId: randomUUID(), description: point.description, dueOn: point.dueOn };
    if (isOrganisationId(point.owner) && (await reference.organisationExists(point.owner))) {
      resolved.push({ ...base, owner: point.owner, ownerKind: 'organisation', ownerOrganisation: point.owner });
      continue;
    }
    const person = await users.find(point.owner);
    if (person && person.role !== 'system') {
      resolved.push({ ...base, owner: person.username, ownerKind: 'user', ownerOrganisation: person.organisation });
      continue;
    }
    errors.push({
      field: `actionPoints.${i}.owner`,
      message: 'is neither a known organisation (see GET /api/reference-data/organisations) nor a known person',
    });
  }
  if (errors.length) throw new ValidationProblem(errors);
  return resolved;
}

export const recordSessionOutcome = caseCommand({
  type: 'RecordCareTableMeeting',
  operation: 'recordSessionOutcome',
  route: 'POST care-table-sessions/:sessionId/cases/:caseId/outcome',
  summary: 'Records what a care-table session concluded about a case on its agenda, with the action points agreed.',
  body: RecordSessionOutcomeRequest,
  creates: 'meetingId',
  async validate({ body, params }, services) {
    await services.sessions.requireOnAgenda(services.db, params.sessionId, params.caseId);
    await requireKnownOrganisations(
      body.participants.map((p, i) => [`participants.${i}`, p] as [string, string]),
      services.reference,
    );
  },
  async fields({ body, params, created }, _ctx, services) {
    return {
      meetingId: created!,
      heldOn: body.heldOn,
      participants: body.participants,
      conclusions: body.conclusions,
      ...(body.victimInformed !== undefined && { victimInformed: body.victimInformed }),
      sessionId: params.sessionId,
      actionPoints: await resolveOwners(body.actionPoints ?? [], services),
    };
  },
  answer: (state, { created }) => ({
    actionPointIds: state.actionPoints.filter((a) => a.meetingId === created).map((a) => a.actionPointId),
  }),
  afterAppend:
    ({ body, params, created }, { sessions }) =>
    (tx) =>
      sessions.recordDiscussed(tx, params.sessionId, params.caseId, created!, body.heldOn),
});
