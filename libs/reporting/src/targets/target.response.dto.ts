import { ApiProperty } from '@nestjs/swagger';
import { FACT_KINDS } from '../facts/report-facts';
import { TARGET_PERIODS } from './quarter';

export class TargetResponse {
  @ApiProperty({ example: 'labour-inspections' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: FACT_KINDS }) event!: string;
  @ApiProperty({ enum: TARGET_PERIODS }) period!: string;
  @ApiProperty({ type: [String], nullable: true }) forms!: string[] | null;
  @ApiProperty({ type: [String], nullable: true }) vulnerabilities!: string[] | null;
  @ApiProperty({ type: [String], nullable: true }) interventionTypes!: string[] | null;
  @ApiProperty({ type: [String], nullable: true }) interventionLevels!: string[] | null;
  @ApiProperty({
    type: [String],
    nullable: true,
    description: 'Organisations whose interventions count, leading or taking part.',
  })
  organisations!: string[] | null;
  @ApiProperty() minimum!: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validFrom!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validUntil!: string | null;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class TargetListResponse {
  @ApiProperty({ type: [TargetResponse] }) items!: TargetResponse[];
}
