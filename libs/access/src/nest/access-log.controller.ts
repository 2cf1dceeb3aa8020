import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiHeader,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { addDays, forbidden, isCalendarDate, startOfBusinessDate, ValidationProblem } from '@baken/platform';
import type { Actor } from '../actor';
import { AccessLog } from '../access-log/access-log.service';
import { authorizeAudit } from '../policy';
import { SecurityEvents } from '../security-events';
import { AccessReason } from './access-reason';
import { CurrentActor } from './auth.guard';

/** A date (a whole day in Europe/Amsterdam) or an instant with a time zone. */
const DAY_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/i;
const DAY_OR_INSTANT_MESSAGE = 'must be a date (YYYY-MM-DD) or an ISO-8601 instant with a time zone';

export class AccessLogQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'must be a UUID' }) caseId?: string;
  @ApiPropertyOptional({ description: "A case's reference", example: 'ZWB-2026-00001' })
  @IsOptional()
  @Matches(/^ZWB-\d{4}-\d{5}$/, { message: 'must be a case reference such as ZWB-2026-00001' })
  reference?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Reads of the case of this subject' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  subjectId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) username?: string;
  @ApiPropertyOptional({
    description: 'From this instant, or from the start of this day (Europe/Amsterdam)',
    example: '2026-03-01',
  })
  @IsOptional()
  @Matches(DAY_OR_INSTANT, { message: DAY_OR_INSTANT_MESSAGE })
  from?: string;
  @ApiPropertyOptional({
    description: 'Up to this instant, or to the end of this day (Europe/Amsterdam)',
    example: '2026-03-31',
  })
  @IsOptional()
  @Matches(DAY_OR_INSTANT, { message: DAY_OR_INSTANT_MESSAGE })
  to?: string;
  @ApiPropertyOptional({ default: 500, maximum: 5000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit: number = 500;
}

export class AccessLogItemResponse {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() username!: string;
  @ApiProperty() role!: string;
  @ApiProperty({ nullable: true, type: String }) organisation!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) caseId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'ZWB-2026-00001' }) reference!: string | null;
  @ApiProperty({ description: 'What was read, e.g. read_case, read_history, time_travel' }) action!: string;
  @ApiProperty({ nullable: true, type: String, description: "The reader's X-Access-Reason" }) reason!: string | null;
  @ApiProperty({ nullable: true, type: String }) detail!: string | null;
  @ApiProperty({ type: [String], description: 'The subjects whose personal data the read showed' })
  subjectsRevealed!: string[];
}

export class AccessLogResponse {
  @ApiProperty({ type: [AccessLogItemResponse] }) items!: AccessLogItemResponse[];
}

function parseBound(value: string | undefined, field: 'from' | 'to'): Date | undefined {
  if (value === undefined) return undefined;
  if (value.length === 10) {
    if (!isCalendarDate(value)) throw new ValidationProblem([{ field, message: DAY_OR_INSTANT_MESSAGE }]);
    // `to` as a day includes the whole day.
    return startOfBusinessDate(field === 'to' ? addDays(value, 1) : value);
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new ValidationProblem([{ field, message: DAY_OR_INSTANT_MESSAGE }]);
  return instant;
}

@ApiTags('audit')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('audit')
export class AccessLogController {
  constructor(
    private readonly log: AccessLog,
    private readonly events: SecurityEvents,
  ) {}

  /** Who read which case, newest first. Auditors only; reading the log is itself logged. */
  @Get('access-log')
  @ApiHeader({ name: 'X-Access-Reason', required: false, description: 'Why you read this (kept in the access log)' })
  @ApiOkResponse({ type: AccessLogResponse })
  async accessLog(@CurrentActor() actor: Actor, @Query() query: AccessLogQuery, @AccessReason() reason: string | null) {
    if (authorizeAudit(actor, 'read_access_log') !== 'allow') {
      this.events.record('access_refused', {
        username: actor.username,
        role: actor.role,
        action: 'read_access_log',
        decision: 'deny',
      });
      throw forbidden(`Your role (${actor.role}) may not read the access log.`);
    }
    const from = parseBound(query.from, 'from');
    const to = parseBound(query.to, 'to');
    if (from && to && from > to) throw new ValidationProblem([{ field: 'to', message: 'must not be before from' }]);
    const items = await this.log.search({
      caseId: query.caseId,
      reference: query.reference,
      subjectId: query.subjectId,
      username: query.username,
      from,
      to,
      limit: query.limit,
    });
    const filter = Object.entries({
      caseId: query.caseId,
      reference: query.reference,
      subjectId: query.subjectId,
      username: query.username,
      from: query.from,
      to: query.to,
    })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    await this.log.record({
      actor,
      caseId: query.caseId ?? null,
      reference: query.reference ?? null,
      action: 'read_access_log',
      reason,
      detail: filter || null,
    });
    return { items };
  }
}
