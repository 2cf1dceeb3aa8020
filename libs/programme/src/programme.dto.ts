import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { PROGRESS_STATUSES } from './domain';

export const MONITOR_FORMATS = ['json', 'xlsx', 'pdf'] as const;

export class MonitorQuery {
  @ApiPropertyOptional({ format: 'date', description: 'The business date the monitor is read on; today by default' })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;

  @ApiPropertyOptional({ enum: MONITOR_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(MONITOR_FORMATS)
  format?: (typeof MONITOR_FORMATS)[number];
}

export class ProgrammeActionRequest {
  @ApiProperty({ minimum: 1, maximum: 6, description: 'The strategic goal (1–6)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(6)
  goal!: number;

  @ApiProperty() @IsString() @MinLength(3) @MaxLength(400) title!: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'The kartrekker' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(200)
  owner?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'The due moment, e.g. Q2|2022, 2022, doorlopend' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(60)
  due?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Where the action comes from' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(400)
  source?: string | null;
}

export class AddProgrammeActionRequest extends ProgrammeActionRequest {
  @ApiProperty({ example: 'A7.1', description: 'A short id of letters, digits, dots and dashes' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9.-]{0,19}$/, { message: 'must be a short id such as A7.1' })
  actionId!: string;
}

export class RecordProgressRequest {
  @ApiProperty({ format: 'date', description: 'The date the progress was assessed; not in the future' })
  @IsBusinessDate()
  on!: string;

  @ApiProperty({ enum: PROGRESS_STATUSES }) @IsIn(PROGRESS_STATUSES) status!: (typeof PROGRESS_STATUSES)[number];

  @ApiProperty() @IsString() @MaxLength(2000) note!: string;
}

export class ProgressUpdateResponse {
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty({ enum: PROGRESS_STATUSES }) status!: string;
  @ApiProperty() note!: string;
  @ApiProperty() by!: string;
}

export class ProgrammeGoalResponse {
  @ApiProperty() goal!: number;
  @ApiProperty() title!: string;
}

export class ProgrammeActionResponse {
  @ApiProperty() actionId!: string;
  @ApiProperty() goal!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) owner!: string | null;
  @ApiProperty({ nullable: true, type: String }) due!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2022-Q2' }) dueQuarter!: string | null;
  @ApiProperty({ nullable: true, type: String }) source!: string | null;
  @ApiProperty({ type: [ProgressUpdateResponse], description: 'Oldest first' }) updates!: ProgressUpdateResponse[];
}

export class ProgrammeActionsResponse {
  @ApiProperty({ type: [ProgrammeGoalResponse] }) goals!: ProgrammeGoalResponse[];
  @ApiProperty({ type: [ProgrammeActionResponse] }) items!: ProgrammeActionResponse[];
}

export class StatusCountsResponse {
  @ApiProperty() green!: number;
  @ApiProperty() orange!: number;
  @ApiProperty() red!: number;
  @ApiProperty() done!: number;
  @ApiProperty({ name: 'not_started' }) not_started!: number;
}

export class MonitorGoalResponse extends ProgrammeGoalResponse {
  @ApiProperty({ type: StatusCountsResponse }) counts!: StatusCountsResponse;
}

export class MonitorActionResponse {
  @ApiProperty() actionId!: string;
  @ApiProperty() goal!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) owner!: string | null;
  @ApiProperty({ nullable: true, type: String }) due!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2022-Q2' }) dueQuarter!: string | null;
  @ApiProperty({ enum: PROGRESS_STATUSES }) status!: string;
  @ApiProperty({ type: ProgressUpdateResponse, nullable: true }) lastUpdate!: ProgressUpdateResponse | null;
}

export class MonitorResponse {
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ type: [MonitorGoalResponse] }) goals!: MonitorGoalResponse[];
  @ApiProperty({ type: [MonitorActionResponse] }) actions!: MonitorActionResponse[];
}
