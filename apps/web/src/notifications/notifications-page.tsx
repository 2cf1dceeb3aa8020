import { useEffect, useState } from 'react';
import { Button, ButtonGroup, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { api, settle, type Schemas } from '../api/client';
import { messagesFor, type Problem } from '../api/problems';
import { useUser } from '../auth/session';
import { Loading, Notice, PageHeading, ProblemNotice, useQuery } from '../components/page';
import { formatInstant } from '../dates';
import { mayOpen } from '../navigation';
import { AppLink } from '../router';
import { notificationsChanged } from './notification-events';
import { kindLabel, listCaption, notificationTarget, ROLES_WITH_NOTIFICATIONS } from './notification-view';
import './notifications.css';

type Notification = Schemas['NotificationResponse'];

const PAGE_SIZE = 20;

/**
 * The signed-in user's notifications, newest first: missed deadlines and work handed to them, their organisation or
 * their role (for the programme lead: the programme's actions that turned red or passed their due moment). Each can be
 * marked read, all at once too; it links to its case when the user may open it (or to the programme monitor). Older
 * ones load a page at a time.
 */
export function NotificationsPage() {
  const user = useUser();
  const first = useQuery(
    () => settle(api.GET('/api/me/notifications', { params: { query: { limit: PAGE_SIZE } } })),
    'notifications',
  );
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const loaded = first.status === 'ok' ? first.data : null;
  useEffect(() => {
    if (!loaded) return;
    setItems(loaded.items);
    setUnread(loaded.unread);
    setNextBefore(loaded.nextBefore ?? null);
  }, [loaded]);

  const read = (ids: readonly string[], count: number) => {
    setItems((current) => current.map((n) => (ids.includes(n.id) ? { ...n, read: true } : n)));
    setUnread(count);
    notificationsChanged(count);
  };

  const markRead = async (notification: Notification) => {
    setBusy(notification.id);
    setProblem(null);
    const result = await settle(
      api.POST('/api/me/notifications/{id}/read', { params: { path: { id: notification.id } } }),
    );
    setBusy(null);
    if (result.ok) {
      read([notification.id], result.data.unread);
      setMessage('De melding is als gelezen gemarkeerd.');
    } else setProblem(result.problem);
  };

  const markAllRead = async () => {
    setBusy('all');
    setProblem(null);
    const result = await settle(api.POST('/api/me/notifications/read'));
    setBusy(null);
    if (result.ok) {
      read(
        items.map((n) => n.id),
        result.data.unread,
      );
      setMessage('Alle meldingen zijn als gelezen gemarkeerd.');
    } else setProblem(result.problem);
  };

  const loadMore = async () => {
    if (!nextBefore) return;
    setBusy('more');
    setProblem(null);
    const result = await settle(
      api.GET('/api/me/notifications', { params: { query: { limit: PAGE_SIZE, before: nextBefore } } }),
    );
    setBusy(null);
    if (result.ok) {
      setItems((current) => [...current, ...result.data.items]);
      setUnread(result.data.unread);
      setNextBefore(result.data.nextBefore ?? null);
    } else setProblem(result.problem);
  };

  /** Following a notification's case link also marks it read. */
  const followed = (notification: Notification) => {
    if (!notification.read) void markRead(notification);
  };

  return (
    <>
      <PageHeading title="Meldingen" />
      <Paragraph>
        {ROLES_WITH_NOTIFICATIONS.includes(user.role)
          ? user.role === 'programme_lead'
            ? 'Acties van het actieprogramma die op rood zijn gezet of hun termijn voorbij zijn zonder afgerond te zijn, de nieuwste bovenaan.'
            : 'Verstreken termijnen en werk dat aan u, uw organisatie of uw rol is overgedragen, de nieuwste bovenaan.'
          : 'Uw rol krijgt geen meldingen over casussen.'}
      </Paragraph>
      {first.status === 'loading' ? <Loading what="uw meldingen" /> : null}
      {first.status === 'error' ? <ProblemNotice problem={first.problem} what="De meldingen" /> : null}
      {problem ? <Notice type="error">{`Dat is niet gelukt. ${messagesFor(problem).summary}`}</Notice> : null}
      {message && !problem ? <Notice type="ok">{message}</Notice> : null}
      {first.status === 'ok' && items.length === 0 ? <Paragraph>U heeft geen meldingen.</Paragraph> : null}
      {first.status === 'ok' && items.length > 0 ? (
        <section aria-labelledby="meldingen-aantal">
          <Paragraph id="meldingen-aantal" className="baken-result-count">
            {listCaption(items.length, unread, nextBefore !== null)}
          </Paragraph>
          {unread > 0 ? (
            <ButtonGroup>
              <Button appearance="secondary-action-button" busy={busy === 'all'} onClick={() => void markAllRead()}>
                Alles als gelezen markeren
              </Button>
            </ButtonGroup>
          ) : null}
          <ul className="baken-notifications">
            {items.map((notification) => (
              <li
                key={notification.id}
                className={`baken-notification${notification.read ? '' : ' baken-notification--unread'}`}
              >
                <Paragraph className="baken-notification__text">
                  {notification.read ? null : (
                    <>
                      <StatusBadge className="baken-status">Nieuw</StatusBadge>{' '}
                    </>
                  )}
                  {notification.text}
                </Paragraph>
                <Paragraph className="baken-notification__meta">
                  {kindLabel(notification.kind)} · {formatInstant(notification.at)}
                  {mayOpen(user.role, notificationTarget(notification).path) ? (
                    <>
                      {' · '}
                      <AppLink to={notificationTarget(notification).path} onClick={() => followed(notification)}>
                        {notificationTarget(notification).text}
                      </AppLink>
                    </>
                  ) : null}
                </Paragraph>
                {notification.read ? null : (
                  <div className="baken-notification__actions">
                    <Button
                      appearance="subtle-button"
                      busy={busy === notification.id}
                      aria-label={`Markeer als gelezen: ${notification.text}`}
                      onClick={() => void markRead(notification)}
                    >
                      Markeer als gelezen
                    </Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
          {nextBefore ? (
            <Button appearance="secondary-action-button" busy={busy === 'more'} onClick={() => void loadMore()}>
              Oudere meldingen laden
            </Button>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
