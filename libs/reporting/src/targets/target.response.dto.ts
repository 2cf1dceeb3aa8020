import { ApiProperty } from '@nestjs/swagger';
import { FACT_KINDS } from '../facts/report-facts';
import { TARGET_PERIODS } from './quarter';
import { TARGET_VERSION_KINDS } from './target-definition';

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
  @ApiProperty({ description: 'The number of this version: 1 for the definition, one more for each change.' })
  version!: number;
  @ApiProperty({ description: 'A retired target stays listed; periods starting after retiredOn are not_applicable.' })
  retired!: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The last day a retired target applies.' })
  retiredOn!: string | null;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'Who recorded this version.' }) changedBy!: string;
  @ApiProperty({ format: 'date-time', description: 'When this version was recorded.' }) changedAt!: string;
}

export class TargetListResponse {
  @ApiProperty({ type: [TargetResponse] }) items!: TargetResponse[];
}

export class TargetVersionResponse {
  @ApiProperty() version!: number;
  @ApiProperty({ enum: TARGET_VERSION_KINDS }) kind!: string;
  @ApiProperty({ format: 'date-time', description: 'When the version was recorded.' }) at!: string;
  @ApiProperty({ description: 'Who recorded it.' }) by!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: TargetResponse, description: 'The target as this version defined it.' }) target!: TargetResponse;
}

export class TargetHistoryResponse {
  @ApiProperty({ type: [TargetVersionResponse], description: 'Oldest first.' }) items!: TargetVersionResponse[];
}
