import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches, MaxLength } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { REPORT_FORMATS, type ReportFormat } from '@baken/platform';
import { GROUP_BY, type GroupBy } from './breakdown';

/** Date and time with a zone: without one an instant is ambiguous. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const INSTANT_MESSAGE = 'must be an ISO-8601 instant with a time zone, e.g. 2026-03-01T12:00:00Z';
export const DISTRICT_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What every report accepts: time travel by recorded time, and the format of the answer. */
export class ReportQuery {
  @ApiPropertyOptional({
    description:
      'Count only facts recorded up to this instant (ISO-8601 with a time zone), and every case by its classification as recorded by then: the figures as the log held them at that instant. Every report reads it the same way.',
    example: '2026-01-05T08:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: INSTANT_MESSAGE })
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  asKnownAt?: string;

  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    default: 'json',
    description:
      'json, or a download: csv (for Dutch Excel: `;`, decimal comma, dates d-m-yyyy, UTF-8 with a byte order mark) or xlsx (real dates and number formats); Dutch headings and labels.',
  })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

/** A district filter: a slug; whether it exists and is in scope is checked against the reference data. */
export class DistrictReportQuery extends ReportQuery {
  @ApiPropertyOptional({
    description: 'One district (slug); default: every district in your scope.',
    example: 'de-baronie',
  })
  @IsOptional()
  @MaxLength(60)
  @Matches(DISTRICT_SLUG, { message: 'must be a district id, e.g. de-baronie' })
  district?: string;
}

/** A period of business dates; `from` defaults to 1 January of the year of `to`, `to` to today. */
export class PeriodReportQuery extends DistrictReportQuery {
  @ApiPropertyOptional({
    format: 'date',
    description: 'First day of the period (inclusive); default 1 January of the year of to.',
  })
  @IsOptional()
  @IsBusinessDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day of the period (inclusive); default today.' })
  @IsOptional()
  @IsBusinessDate()
  to?: string;
}

/**
 * A period report that reads a business date (`asOf`) as every report does, and breaks its figures down (`groupBy`).
 */
export class BreakdownReportQuery extends PeriodReportQuery {
  @ApiPropertyOptional({
    format: 'date',
    description:
      'The business date the figures stand on (default today): events count up to the earlier of to and asOf, open cases and interventions on that day — as the quarterly targets read asOf.',
  })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;

  @ApiPropertyOptional({
    enum: GROUP_BY,
    description:
      'Break the figures down: the answer adds groups (one per value; null: not recorded) beside the totals, and groupsExclusive says whether they sum to the totals (a case with several forms or vulnerabilities counts in each).',
  })
  @IsOptional()
  @IsIn(GROUP_BY)
  groupBy?: GroupBy;
}
