import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CurrentActor, type Actor } from '@baken/access';
import { CorrelationId, IsBusinessDate } from '@baken/platform';
import { CASE_STATUSES, EXPLOITATION_FORMS } from '../domain';
import { uuidParam } from '../features/shared/command-http';
import { IsOrganisationId } from '../features/shared/organisations';
import { CareTableSessions } from './care-table-sessions.service';

const DISTRICT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class PlanSessionRequestDto {
  @ApiProperty({ example: 'de-baronie' })
  @IsString()
  @MaxLength(60)
  @Matches(DISTRICT, { message: 'must be a district id such as de-baronie' })
  district!: string;
  @ApiProperty({ format: 'date', description: 'May lie in the future: a session is planned ahead' })
  @IsBusinessDate()
  plannedOn!: string;
  @ApiPropertyOptional({ type: [String], description: 'The organisations invited' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(40)
  @ArrayUnique()
  @IsString({ each: true })
  @IsOrganisationId(true)
  invitees?: string[];
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'The agenda: open cases of the district' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  caseIds?: string[];
}

export class SessionsQuery {
  @ApiPropertyOptional({ example: 'de-baronie' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  @Matches(DISTRICT, { message: 'must be a district id such as de-baronie' })
  district?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsBusinessDate() from?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsBusinessDate() to?: string;
}

export class SessionPlannedResponse {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
}

export class SessionSummaryResponse {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty() district!: string;
  @ApiProperty({ format: 'date' }) plannedOn!: string;
  @ApiProperty({ type: [String] }) invitees!: string[];
  @ApiProperty() caseCount!: number;
  @ApiProperty({ description: 'Cases of the agenda with an outcome recorded in this session' })
  discussedCount!: number;
  @ApiProperty() plannedBy!: string;
}

export class SessionListResponse {
  @ApiProperty({ type: [SessionSummaryResponse] }) items!: SessionSummaryResponse[];
}

export class SessionActionPointResponse {
  @ApiProperty({ format: 'uuid' }) actionPointId!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'An organisation id or a username' }) owner!: string;
  @ApiProperty({ enum: ['organisation', 'user'] }) ownerKind!: string;
  @ApiProperty({ nullable: true, type: String }) ownerOrganisation!: string | null;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) completedOn!: string | null;
}

export class SessionOutcomeResponse {
  @ApiProperty({ format: 'uuid' }) meetingId!: string;
  @ApiProperty({ format: 'date' }) heldOn!: string;
  @ApiProperty({ type: [String] }) participants!: string[];
  @ApiProperty() conclusions!: string;
  @ApiProperty({ nullable: true, type: Boolean }) victimInformed!: boolean | null;
  @ApiProperty({ type: [SessionActionPointResponse] }) actionPoints!: SessionActionPointResponse[];
}

export class SessionAgendaItemResponse {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ enum: CASE_STATUSES }) status!: string;
  @ApiProperty() municipality!: string;
  @ApiProperty({ enum: EXPLOITATION_FORMS, isArray: true }) forms!: string[];
  @ApiProperty({ type: SessionOutcomeResponse, nullable: true }) outcome!: SessionOutcomeResponse | null;
  @ApiProperty({ enum: ['RecordCareTableMeeting'], isArray: true }) allowedActions!: string[];
}

export class SessionResponse {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty() district!: string;
  @ApiProperty({ format: 'date' }) plannedOn!: string;
  @ApiProperty({ type: [String] }) invitees!: string[];
  @ApiProperty() plannedBy!: string;
  @ApiProperty({ type: [SessionAgendaItemResponse] }) agenda!: SessionAgendaItemResponse[];
}

/** The Zorgtafel's sessions (API.md v2): planned ahead per district, with an agenda of cases. */
@ApiTags('care table')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('care-table-sessions')
export class CareTableSessionsController {
  constructor(private readonly sessions: CareTableSessions) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: SessionPlannedResponse })
  plan(
    @CurrentActor() actor: Actor,
    @Body() body: PlanSessionRequestDto,
    @CorrelationId() correlationId: string,
  ): Promise<SessionPlannedResponse> {
    return this.sessions.plan(actor, body, correlationId);
  }

  @Get()
  @ApiOkResponse({ type: SessionListResponse })
  list(@CurrentActor() actor: Actor, @Query() query: SessionsQuery): Promise<SessionListResponse> {
    return this.sessions.list(actor, query);
  }

  @Get(':sessionId')
  @ApiOkResponse({ type: SessionResponse })
  get(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) sessionId: string,
  ): Promise<SessionResponse> {
    return this.sessions.get(actor, sessionId) as Promise<SessionResponse>;
  }
}
