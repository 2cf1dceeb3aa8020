import { ApiProperty } from '@nestjs/swagger';
import { TARGET_PERIODS, TARGET_STATUSES, type TargetStatus } from '../../targets/quarter';

export class TargetResultResponse {
  @ApiProperty({ example: 'labour-inspections' }) targetId!: string;
  @ApiProperty({ example: 'Uitgevoerde arbeidsinspecties bij arbeidsuitbuiting' }) title!: string;
  @ApiProperty({ description: 'Facts counted from the first day of the period up to asOf.' }) actual!: number;
  @ApiProperty({
    description:
      "The minimum for the period: a quarterly target's minimum, in a year once for every quarter it applies to.",
  })
  target!: number;
  @ApiProperty({
    enum: TARGET_STATUSES,
    description:
      'not_started before the period; green when met; while running orange when actual ≥ floor(target × elapsed), else red; red when over and not met; not_applicable when the period lies outside the target’s validity.',
  })
  status!: TargetStatus;
  @ApiProperty({ enum: TARGET_PERIODS, description: 'Whether the target is set per quarter or per year.' })
  targetPeriod!: string;
}

export class DistrictTargetsResponse {
  @ApiProperty({ example: 'de-baronie' }) district!: string;
  @ApiProperty({ type: [TargetResultResponse] }) targets!: TargetResultResponse[];
}

export class QuarterlyTargetsResponse {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 4, description: 'null for a year.' })
  quarter!: number | null;
  @ApiProperty({ enum: TARGET_PERIODS }) period!: string;
  @ApiProperty({ format: 'date' }) periodStart!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'Only facts recorded up to this instant were counted, every case by its classification as recorded by then; null: all.',
  })
  asKnownAt!: string | null;
  @ApiProperty({ type: [DistrictTargetsResponse] }) districts!: DistrictTargetsResponse[];
}
