import { ApiProperty } from '@nestjs/swagger';
import { TARGET_STATUSES, type TargetStatus } from '../../targets/quarter';

export class TargetResultResponse {
  @ApiProperty({ example: 'labour-inspections' }) targetId!: string;
  @ApiProperty({ example: 'Uitgevoerde arbeidsinspecties bij arbeidsuitbuiting' }) title!: string;
  @ApiProperty({ description: 'Facts counted from the first day of the quarter up to asOf.' }) actual!: number;
  @ApiProperty({ description: 'The minimum for the quarter.' }) target!: number;
  @ApiProperty({
    enum: TARGET_STATUSES,
    description:
      'not_started before the quarter; green when met; while running orange when actual ≥ floor(target × elapsed), else red; red when over and not met.',
  })
  status!: TargetStatus;
}

export class DistrictTargetsResponse {
  @ApiProperty({ example: 'de-baronie' }) district!: string;
  @ApiProperty({ type: [TargetResultResponse] }) targets!: TargetResultResponse[];
}

export class QuarterlyTargetsResponse {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ minimum: 1, maximum: 4 }) quarter!: number;
  @ApiProperty({ format: 'date' }) periodStart!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Only facts recorded up to this instant were counted; null: all.',
  })
  asKnownAt!: string | null;
  @ApiProperty({ type: [DistrictTargetsResponse] }) districts!: DistrictTargetsResponse[];
}
