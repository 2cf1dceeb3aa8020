import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { NOTIFICATION_KINDS } from '../domain/notification-rules';

export class ConfigureWebhookRequest {
  @ApiProperty({
    description:
      'Where deliveries are POSTed: https:// (plain http:// only outside production); redirects are not followed',
    example: 'https://hooks.example.org/baken',
    maxLength: 2000,
  })
  @IsString()
  @MaxLength(2000)
  url!: string;
}

export class ConfiguredWebhookResponse {
  @ApiProperty({ example: 'municipality:breda' }) organisation!: string;
  @ApiProperty() url!: string;
  @ApiProperty({
    description: 'The signing secret: shown this once, stored sealed. A new PUT gives a new one.',
    example: 'whsec_…',
  })
  secret!: string;
  @ApiProperty({ example: 'Baken-Signature' }) signatureHeader!: string;
  @ApiProperty({ description: 'How the signature is made and checked' }) signatureScheme!: string;
  @ApiProperty({
    format: 'date-time',
    description: 'Notifications of events recorded from then on are delivered (kept when the webhook is changed)',
  })
  deliverSince!: string;
}

export class WebhookHealthResponse {
  @ApiProperty({ description: 'Deliveries waiting for an attempt or a retry' }) pending!: number;
  @ApiProperty() delivered!: number;
  @ApiProperty({ description: 'Dead letters: deliveries that failed every attempt' }) dead!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastDeliveredAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastAttemptAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: "The receiver's HTTP status at the last attempt" })
  lastStatus!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last attempt failed; null when it succeeded' })
  lastError!: string | null;
}

export class WebhookResponse {
  @ApiProperty({ example: 'municipality:breda' }) organisation!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ format: 'date-time' }) deliverSince!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() updatedBy!: string;
  @ApiProperty({ type: WebhookHealthResponse }) health!: WebhookHealthResponse;
}

export class WebhookListResponse {
  @ApiProperty({ type: [WebhookResponse] }) items!: WebhookResponse[];
}

export class DeadLettersQuery {
  @ApiPropertyOptional({ example: 'municipality:breda' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  organisation?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;
}

export class DeadLetterResponse {
  @ApiProperty({ format: 'uuid' }) deliveryId!: string;
  @ApiProperty() organisation!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS, description: 'The kind of notification (what it carried is not shown)' })
  kind!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deadAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) lastStatus!: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
}

export class DeadLetterListResponse {
  @ApiProperty({ type: [DeadLetterResponse], description: 'Newest first' }) items!: DeadLetterResponse[];
}

export class RetriedDeliveryResponse {
  @ApiProperty({ format: 'uuid' }) deliveryId!: string;
  @ApiProperty({ enum: ['pending'] }) status!: 'pending';
  @ApiProperty({ description: 'Enqueued now; otherwise the sweeper enqueues it once the queue is reachable' })
  enqueued!: boolean;
}

export class WebhookChangesQuery {
  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 100;
}

export class WebhookChangeResponse {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() username!: string;
  @ApiProperty() role!: string;
  @ApiProperty() organisation!: string;
  @ApiProperty({ enum: ['configured', 'removed', 'dead_letter_retried'] }) action!: string;
  @ApiProperty({ type: String, nullable: true }) url!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) deliveryId!: string | null;
}

export class WebhookChangeListResponse {
  @ApiProperty({ type: [WebhookChangeResponse], description: 'Newest first' }) items!: WebhookChangeResponse[];
}

/** An organisation id in a path: anything else cannot be an organisation (404). */
export const ORGANISATION_ID = /^(?:[a-z_]+|(?:municipality|shelter):[a-z0-9]+(?:-[a-z0-9]+)*)$/;
