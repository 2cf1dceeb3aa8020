import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CurrentActor, type Actor } from '@baken/access';
import { IsBusinessDate, PDF_CONTENT_TYPE, toPdf, toXlsx, ValidationProblem, XLSX_CONTENT_TYPE } from '@baken/platform';
import { INTERVENTION_LEVELS, STEERING_VOTES } from '../domain';
import { MeasureResponse, VoteResponse } from '../queries/case.response.dto';
import { SteeringGroup } from './steering.service';

const DISTRICT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class SteeringAgendaQuery {
  @ApiPropertyOptional({ example: 'de-baronie', description: 'One of your districts; all of them by default' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  @Matches(DISTRICT, { message: 'must be a district id such as de-baronie' })
  district?: string;
}

export const DECISION_FORMATS = ['json', 'xlsx', 'pdf'] as const;

export class SteeringDecisionsQuery extends SteeringAgendaQuery {
  @ApiProperty({ format: 'date' }) @IsBusinessDate() from!: string;
  @ApiProperty({ format: 'date' }) @IsBusinessDate() to!: string;
  @ApiPropertyOptional({ enum: DECISION_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(DECISION_FORMATS)
  format?: (typeof DECISION_FORMATS)[number];
}

export class StillNeededResponse {
  @ApiProperty({ description: 'Members whose assent is still needed (two in all)' }) members!: number;
  @ApiProperty({ description: 'Organisations whose assent is still needed (two in all)' }) organisations!: number;
  @ApiProperty({
    enum: INTERVENTION_LEVELS,
    isArray: true,
    description: 'Levels of measures whose competent organisation has not assented',
  })
  levels!: string[];
}

class SteeringCaseHeader {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() district!: string;
  @ApiProperty() municipality!: string;
  @ApiProperty({ type: [String] }) forms!: string[];
  @ApiProperty({ format: 'uuid' }) proposalId!: string;
  @ApiProperty({ nullable: true, type: String }) steeringSummary!: string | null;
  @ApiProperty({ type: [MeasureResponse] }) measures!: MeasureResponse[];
  @ApiProperty({ format: 'date' }) submittedOn!: string;
  @ApiProperty({ type: [VoteResponse] }) votes!: VoteResponse[];
}

export class AgendaItemResponse extends SteeringCaseHeader {
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'The revisit date of the latest deferral' })
  revisitOn!: string | null;
  @ApiProperty({ type: StillNeededResponse }) stillNeeded!: StillNeededResponse;
  @ApiProperty({ enum: ['DecideProposal'], isArray: true, description: 'Whether you may vote on it now' })
  allowedActions!: string[];
}

export class SteeringAgendaResponse {
  @ApiProperty({ type: [String] }) districts!: string[];
  @ApiProperty({ type: [AgendaItemResponse] }) items!: AgendaItemResponse[];
}

export class DecisionResponse extends SteeringCaseHeader {
  @ApiProperty({ enum: STEERING_VOTES.filter((v) => v !== 'deferred') }) decision!: string;
  @ApiProperty({ format: 'date' }) decidedOn!: string;
  @ApiProperty({ nullable: true, type: String }) conditions!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) evaluateOn!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The reason of a rejection' }) rationale!: string | null;
}

export class SteeringDecisionsResponse {
  @ApiProperty({ type: [String] }) districts!: string[];
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: [DecisionResponse] }) items!: DecisionResponse[];
}

/** The stuurploeg's agenda and its besluitenlijst (API.md v2). */
@ApiTags('steering group')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('steering')
export class SteeringController {
  constructor(private readonly steering: SteeringGroup) {}

  /** The submitted proposals of your districts: votes so far and whose assent is still needed. */
  @Get('agenda')
  @ApiOkResponse({ type: SteeringAgendaResponse })
  agenda(@CurrentActor() actor: Actor, @Query() query: SteeringAgendaQuery) {
    return this.steering.agenda(actor, query.district);
  }

  /** The besluitenlijst: proposals approved or rejected in `[from, to]`, as JSON, XLSX or PDF. */
  @Get('decisions')
  @ApiOkResponse({ type: SteeringDecisionsResponse })
  @ApiProduces('application/json', XLSX_CONTENT_TYPE, PDF_CONTENT_TYPE)
  async decisions(
    @CurrentActor() actor: Actor,
    @Query() query: SteeringDecisionsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (query.to < query.from) throw new ValidationProblem([{ field: 'to', message: 'must not be before from' }]);
    const decisions = await this.steering.decisions(actor, query);
    if ((query.format ?? 'json') === 'json') return decisions;
    const { table, document, baseName } = await this.steering.decisionsExport(decisions);
    reply.header('Content-Disposition', `attachment; filename="${baseName}.${query.format}"`);
    reply.header('Content-Type', query.format === 'pdf' ? PDF_CONTENT_TYPE : XLSX_CONTENT_TYPE);
    return query.format === 'pdf' ? toPdf(document) : toXlsx(table);
  }
}
