import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@baken/access';
import { notFound } from '@baken/platform';
import { UUID } from './derived-id';
import { ListNotificationsQuery, NotificationListResponse, UnreadResponse } from './notifications.dto';
import { NotificationInbox } from './notification-inbox';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly inbox: NotificationInbox) {}

  /**
   * The signed-in user's notifications, newest first, with the number unread: missed deadlines and work handed to
   * them, their organisation or their role in their districts, about cases they may see now. Roles that are given no
   * work (analysts, administrators, the programme lead, auditors, liaisons) get an empty list.
   */
  @Get()
  @ApiOkResponse({ type: NotificationListResponse })
  list(@CurrentActor() actor: Actor, @Query() query: ListNotificationsQuery): Promise<NotificationListResponse> {
    return this.inbox.list(actor, { limit: query.limit, before: query.before });
  }

  /** Marks every notification of the signed-in user read. */
  @Post('read')
  @HttpCode(200)
  @ApiOkResponse({ type: UnreadResponse })
  markAllRead(@CurrentActor() actor: Actor): Promise<UnreadResponse> {
    return this.inbox.markAllRead(actor);
  }

  /** Marks one notification read (again: no change); 404 when it is not one of the signed-in user's. */
  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: UnreadResponse })
  @ApiNotFoundResponse({ description: 'Not a notification of the signed-in user' })
  markRead(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<UnreadResponse> {
    if (!UUID.test(id)) throw notFound('The notification');
    return this.inbox.markRead(actor, id.toLowerCase());
  }
}
