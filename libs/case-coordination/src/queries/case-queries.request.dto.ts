import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CASE_STATUSES, EXPLOITATION_FORMS } from '../domain/enumerations';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListCasesQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) district?: string;
  @ApiPropertyOptional({ enum: CASE_STATUSES }) @IsOptional() @IsIn(CASE_STATUSES) status?: string;
  @ApiPropertyOptional({ enum: EXPLOITATION_FORMS }) @IsOptional() @IsIn(EXPLOITATION_FORMS) form?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(toBoolean) @IsBoolean({ message: 'must be true or false' }) overdue?: boolean;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page: number = 1;
  @ApiPropertyOptional({ default: 20, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize: number = 20;
}

export class CaseDetailQuery {
  @ApiPropertyOptional({ description: 'State after the N-th event' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) version?: number;
  @ApiPropertyOptional({ description: 'State from the events recorded up to this instant (ISO-8601)' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 instant, e.g. 2026-03-01T12:00:00Z' }) asOf?: string;
}
