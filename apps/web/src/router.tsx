import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { Link } from '@utrecht/component-library-react';

/** A small history-API router: the paths are the Dutch screen names, so URLs are readable and shareable. */

const listeners = new Set<() => void>();
let focusRequested = false;
/** The address the app shows; after a refused "back" the browser's address is put back to it. */
let shownHref: string | null = null;

const currentHref = () => window.location.pathname + window.location.search;
const snapshot = () => (shownHref ??= currentHref());

/** Asked before the app leaves the screen: each answers whether it holds changes that were not saved. */
const leaveGuards = new Set<() => boolean>();

export const LEAVE_QUESTION =
  'U heeft wijzigingen die nog niet zijn opgeslagen. Wilt u deze pagina verlaten? Uw wijzigingen gaan dan verloren.';

/** Registers a form's "do I hold unsaved changes?"; returns the function that removes it again. */
export function addLeaveGuard(hasUnsavedChanges: () => boolean): () => void {
  leaveGuards.add(hasUnsavedChanges);
  return () => leaveGuards.delete(hasUnsavedChanges);
}

/** Whether any form on the screen holds unsaved changes. */
export function hasUnsavedChanges(): boolean {
  return [...leaveGuards].some((guard) => guard());
}

/** Whether the app may leave the screen: yes without unsaved changes, else what the user answers when asked. */
export function confirmLeaving(): boolean {
  return !hasUnsavedChanges() || window.confirm(LEAVE_QUESTION);
}

/** The browser's back and forward buttons: asked like any other way of leaving, and undone when the user stays. */
function onPopState(): void {
  const to = currentHref();
  if (to === shownHref) return;
  if (shownHref !== null && !confirmLeaving()) {
    window.history.pushState(null, '', shownHref);
    return;
  }
  shownHref = to;
  focusRequested = true;
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('popstate', onPopState);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', onPopState);
  };
}

export interface Location {
  path: string;
  query: URLSearchParams;
  href: string;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, query: url.searchParams, href };
}

/**
 * Goes to another screen; the new screen's heading then takes the focus, so screen readers announce it. When a form
 * holds unsaved changes the user is asked first, and staying cancels the navigation (`force` skips the question,
 * for a redirect the user did not choose).
 */
export function navigate(to: string, options: { replace?: boolean; keepFocus?: boolean; force?: boolean } = {}): void {
  if (to === currentHref()) return;
  if (!options.force && !confirmLeaving()) return;
  focusRequested = !options.keepFocus;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  shownHref = currentHref();
  if (!options.keepFocus) window.scrollTo(0, 0);
  listeners.forEach((l) => l());
}

/** Asks the next page heading to take the focus, e.g. when signing in replaces the login form by a screen. */
export function requestFocus(): void {
  focusRequested = true;
}

/** Whether the page heading should take the focus (after navigation, not on the first load). */
export function takeFocusRequest(): boolean {
  const requested = focusRequested;
  focusRequested = false;
  return requested;
}

/** Matches `/casussen/:id` against a path; returns the parameters or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const regex = new RegExp(
    `^${pattern.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    })}/?$`,
  );
  const m = regex.exec(path);
  if (!m) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(m[i + 1])]));
}

export type AppLinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** A link within the app: a real `<a href>` (opens in a new tab as usual), followed without a page load. */
export function AppLink({ to, onClick, children, ...rest }: AppLinkProps) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <Link href={to} onClick={follow} {...rest}>
      {children}
    </Link>
  );
}
