import { useEffect, useRef, type ReactNode } from 'react';
import { Heading2, Link, Paragraph } from '@utrecht/component-library-react';
import { formatInstant } from '../dates';
import { usePeople } from '../people/use-people';
import { AppLink } from '../router';
import { ADMIN_HOME } from './admin-screens';
import type { Changed } from './admin-api';

/**
 * When a change was recorded. Data that held before the event log began (the action programme's targets) is recorded
 * at the epoch (ADR 61): it has held from the start.
 */
export const changedWhen = (at: string | null | undefined): string =>
  at && Date.parse(at) === 0 ? 'vanaf het begin' : formatInstant(at);

/** Who made the last change and when: `Eva Jansen, 3 december 2026 om 16:20`; a dash when the API does not say. */
export function ChangedText({ changedBy, changedAt }: Partial<Changed>) {
  const people = usePeople();
  if (!changedBy && !changedAt) return <>–</>;
  return <>{[changedBy ? people.name(changedBy) : null, changedWhen(changedAt)].filter(Boolean).join(', ')}</>;
}

/** The way back to `Beheer` above an admin screen's heading. */
export function BackToAdmin() {
  return (
    <Paragraph className="baken-back">
      <AppLink to={ADMIN_HOME}>← Beheer</AppLink>
    </Paragraph>
  );
}

/** A link to a page outside the app (the queue board): a full page load. */
export function PageLink({ href, children }: { href: string; children: ReactNode }) {
  return <Link href={href}>{children}</Link>;
}

/** The heading of a form or panel that opens on the screen: it takes the focus, so keyboard and screen reader follow. */
export function PanelHeading({ id, children }: { id: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <Heading2 id={id} ref={ref} tabIndex={-1}>
      {children}
    </Heading2>
  );
}
