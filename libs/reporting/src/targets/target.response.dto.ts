import { ApiProperty } from '@nestjs/swagger';
import { FACT_KINDS } from '../facts/report-facts';

export class TargetResponse {
  @ApiProperty({ example: 'labour-inspections' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: FACT_KINDS }) event!: string;
  @ApiProperty({ type: [String], nullable: true }) forms!: string[] | null;
  @ApiProperty({ type: [String], nullable: true }) interventionTypes!: string[] | null;
  @ApiProperty({ type: [String], nullable: true }) interventionLevels!: string[] | null;
  @ApiProperty() minimum!: number;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class TargetListResponse {
  @ApiProperty({ type: [TargetResponse] }) items!: TargetResponse[];
}
