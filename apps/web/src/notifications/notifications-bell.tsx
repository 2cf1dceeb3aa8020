import { useCallback, useEffect, useState } from 'react';
import { api, settle } from '../api/client';
import { AppLink } from '../router';
import { onNotificationsChanged } from './notification-events';
import { bellCount, bellLabel, NOTIFICATIONS_PATH } from './notification-view';
import './notifications.css';

/** How often the bell asks for the number unread while the page is open. */
const REFRESH_MS = 60_000;

/**
 * The header's link to the notifications screen with the number unread: its accessible name reads
 * "Meldingen (3 ongelezen)" (the words after "Meldingen" hidden from sight), and a badge shows the number. It asks again every minute, when the
 * window regains focus, and at once when notifications are read on the page. While the count cannot be had it shows
 * the link alone.
 */
export function NotificationsBell({ current = false }: { current?: boolean }) {
  const [unread, setUnread] = useState(0);

  const refresh = useCallback(async () => {
    const result = await settle(api.GET('/api/me/notifications', { params: { query: { limit: 1 } } }));
    if (result.ok) setUnread(result.data.unread);
  }, []);

  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), REFRESH_MS);
    const onFocus = () => void refresh();
    window.addEventListener('focus', onFocus);
    const unsubscribe = onNotificationsChanged((count) => {
      if (count === undefined) void refresh();
      else setUnread(count);
    });
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      unsubscribe();
    };
  }, [refresh]);

  return (
    <AppLink to={NOTIFICATIONS_PATH} className="baken-bell" aria-current={current ? 'page' : undefined}>
      Meldingen
      {unread > 0 ? (
        <>
          <span className="baken-bell__count" aria-hidden="true">
            {bellCount(unread)}
          </span>
          <span className="baken-visually-hidden">{bellLabel(unread).slice('Meldingen'.length)}</span>
        </>
      ) : null}
    </AppLink>
  );
}
