import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches, MaxLength } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { REPORT_FORMATS, type ReportFormat } from '@baken/platform';

/** Date and time with a zone: without one an instant is ambiguous. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const INSTANT_MESSAGE = 'must be an ISO-8601 instant with a time zone, e.g. 2026-03-01T12:00:00Z';
export const DISTRICT_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What every report accepts: time travel by recorded time, and the format of the answer. */
export class ReportQuery {
  @ApiPropertyOptional({
    description:
      'Count only facts recorded up to this instant (ISO-8601 with a time zone): the figures as they stood then.',
    example: '2026-01-05T08:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: INSTANT_MESSAGE })
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  asKnownAt?: string;

  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    default: 'json',
    description: 'json, or a download: csv (RFC 4180, UTF-8) or xlsx; Dutch column headings.',
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
