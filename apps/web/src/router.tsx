import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { Link } from '@utrecht/component-library-react';

/** A small history-API router: the paths are the Dutch screen names, so URLs are readable and shareable. */

const listeners = new Set<() => void>();
let focusRequested = false;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onPop = () => {
    focusRequested = true;
    listener();
  };
  window.addEventListener('popstate', onPop);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', onPop);
  };
}

const currentHref = () => window.location.pathname + window.location.search;

export interface Location {
  path: string;
  query: URLSearchParams;
  href: string;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, currentHref);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, query: url.searchParams, href };
}

/** Goes to another screen; the new screen's heading then takes the focus, so screen readers announce it. */
export function navigate(to: string, options: { replace?: boolean; keepFocus?: boolean } = {}): void {
  if (to === currentHref()) return;
  focusRequested = !options.keepFocus;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
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
