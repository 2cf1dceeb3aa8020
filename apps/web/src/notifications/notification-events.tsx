/** Page-wide signals between the notifications screen and the header's counter (browser code, hence `.tsx`). */

const CHANGED = 'baken:notifications-changed';

/** Tells every bell on the page that notifications were read, so it counts again at once. */
export function notificationsChanged(unread?: number): void {
  window.dispatchEvent(new CustomEvent(CHANGED, { detail: unread }));
}

/** Calls `listener` when notifications were read elsewhere on the page; returns the unsubscribe function. */
export function onNotificationsChanged(listener: (unread: number | undefined) => void): () => void {
  const handle = (event: Event) => listener((event as CustomEvent<number | undefined>).detail);
  window.addEventListener(CHANGED, handle);
  return () => window.removeEventListener(CHANGED, handle);
}
