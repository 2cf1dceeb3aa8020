import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { NOTIFICATION_KINDS } from './domain/notification-rules';

export class ListNotificationsQuery {
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only notifications older than this one (`nextBefore` of the previous page)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a notification id (UUID)' })
  before?: string;
}

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time', description: 'When the event it is about was recorded' }) at!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The case it is about; null for a notification about an action of the programme monitor',
  })
  caseId!: string | null;
  @ApiProperty({ example: 'ZWB-2026-00042', description: "The case's reference, or the programme action's id" })
  reference!: string;
  @ApiProperty({
    description: 'Dutch; the kind of work, the case reference and dates, never narrative or personal data',
    example: 'Termijn verstreken: triage van casus ZWB-2026-00042 (uiterlijk 4 december 2026)',
  })
  text!: string;
  @ApiProperty({ description: 'Read by the signed-in user' }) read!: boolean;
}

export class NotificationListResponse {
  @ApiProperty({ type: [NotificationResponse], description: 'Newest first' }) items!: NotificationResponse[];
  @ApiProperty({ description: 'Unread notifications of the signed-in user, all pages together' }) unread!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'Pass as `before` for the next page; null on the last one',
  })
  nextBefore!: string | null;
}

export class UnreadResponse {
  @ApiProperty({ description: 'Unread notifications of the signed-in user after the change' }) unread!: number;
}
