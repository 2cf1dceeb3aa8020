import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '@baken/access';
import { forbidden, notFound } from '@baken/platform';
import { UUID } from '../derived-id';
import { WebhookAdmin } from './webhook-admin';
import {
  ConfiguredWebhookResponse,
  ConfigureWebhookRequest,
  DeadLetterListResponse,
  DeadLettersQuery,
  ORGANISATION_ID,
  RetriedDeliveryResponse,
  WebhookChangeListResponse,
  WebhookChangesQuery,
  WebhookListResponse,
} from './webhooks.dto';

const organisationOf = (actor: Actor, id: string): string => {
  // The role is checked first, so that a 404 never tells a non-administrator anything.
  if (actor.role !== 'admin') throw forbidden(`Only administrators manage webhooks; your role is ${actor.role}.`);
  if (!ORGANISATION_ID.test(id)) throw notFound('The organisation');
  return id;
};

/**
 * Outgoing webhooks, one per organisation (administrators only, 403 for everyone else): every notification addressed
 * to the organisation or to one of its people is POSTed to it, signed, retried with backoff, and kept as a dead letter
 * when every attempt failed (docs/adr/0052-webhooks-from-an-outbox-beside-the-notifications.md).
 */
@ApiTags('admin')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiForbiddenResponse({ description: 'Not an administrator' })
@Controller('admin')
export class WebhooksController {
  constructor(private readonly admin: WebhookAdmin) {}

  /**
   * Sets the organisation's webhook (201) or changes it (200), with a new signing secret either way: answered once,
   * never again. Every change is recorded with who and when.
   */
  @Put('organisations/:id/webhook')
  @ApiOkResponse({ type: ConfiguredWebhookResponse, description: 'Changed' })
  @ApiCreatedResponse({ type: ConfiguredWebhookResponse, description: 'Set' })
  @ApiNotFoundResponse({ description: 'No such organisation' })
  async configure(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: ConfigureWebhookRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConfiguredWebhookResponse> {
    const { created, webhook } = await this.admin.configure(actor, organisationOf(actor, id), body.url);
    reply.status(created ? 201 : 200);
    return webhook;
  }

  /** Removes the organisation's webhook; its pending deliveries are cancelled. */
  @Delete('organisations/:id/webhook')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ description: 'The organisation has no webhook' })
  async remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.admin.remove(actor, organisationOf(actor, id));
  }

  /** Every webhook with its delivery health. */
  @Get('webhooks')
  @ApiOkResponse({ type: WebhookListResponse })
  async list(@CurrentActor() actor: Actor): Promise<WebhookListResponse> {
    return { items: await this.admin.list(actor) };
  }

  /** Deliveries that failed every attempt, newest first: organisation, kind, attempts and the last answer. */
  @Get('webhooks/dead-letters')
  @ApiOkResponse({ type: DeadLetterListResponse })
  async deadLetters(@CurrentActor() actor: Actor, @Query() query: DeadLettersQuery): Promise<DeadLetterListResponse> {
    return { items: await this.admin.deadLetters(actor, query) };
  }

  /** Tries a dead letter again, with a new round of attempts. */
  @Post('webhooks/dead-letters/:deliveryId/retry')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RetriedDeliveryResponse })
  @ApiNotFoundResponse({ description: 'No such delivery' })
  @ApiConflictResponse({
    description: 'The delivery is not a dead letter, or its organisation has no webhook any more',
  })
  async retry(@CurrentActor() actor: Actor, @Param('deliveryId') deliveryId: string): Promise<RetriedDeliveryResponse> {
    if (actor.role !== 'admin') throw forbidden(`Only administrators manage webhooks; your role is ${actor.role}.`);
    if (!UUID.test(deliveryId)) throw notFound('The delivery');
    return this.admin.retry(actor, deliveryId.toLowerCase());
  }

  /** Who changed which webhook when, newest first. */
  @Get('webhooks/changes')
  @ApiOkResponse({ type: WebhookChangeListResponse })
  async changes(@CurrentActor() actor: Actor, @Query() query: WebhookChangesQuery): Promise<WebhookChangeListResponse> {
    return { items: await this.admin.changes(actor, query.limit) };
  }
}
