import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CASE_STATUSES, EXPLOITATION_FORMS } from '../domain/enumerations';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListCasesQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) district?: string;
  @ApiPropertyOptional({ enum: CASE_STATUSES }) @IsOptional() @IsIn(CASE_STATUSES) status?: string;
  @ApiPropertyOptional({ enum: EXPLOITATION_FORMS }) @IsOptional() @IsIn(EXPLOITATION_FORMS) form?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  overdue?: boolean;
  @ApiPropertyOptional({
    description:
      "A case's reference, or its beginning; for coordinators also a subject's exact full name (matched through a keyed blind index, never by decrypting)",
    example: 'ZWB-2026-000',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[\p{L}\p{M}0-9 .'’-]{1,200}$/u, {
    message: 'must be a case reference or its beginning (ZWB-2026-00012), or a full name',
  })
  q?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page: number = 1;
  @ApiPropertyOptional({ default: 20, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize: number = 20;
}

/** A stream version is an int4 in the database. */
const MAX_VERSION = 2_147_483_647;
/** Date and time with a zone: without one an instant is ambiguous (and would be read in the server's time zone). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const INSTANT_MESSAGE = 'must be an ISO-8601 instant with a time zone, e.g. 2026-03-01T12:00:00Z';

export class CaseDetailQuery {
  @ApiPropertyOptional({ description: 'State after the N-th event' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_VERSION)
  version?: number;
  @ApiPropertyOptional({
    description: 'State from the events recorded up to this instant (ISO-8601 with a time zone)',
    example: '2026-03-01T12:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: INSTANT_MESSAGE })
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  asOf?: string;
}
