import type { ReactNode } from 'react';
import { matchPath } from '../router';
import { PlanSessionPage } from './plan-session-page';
import { SessionListPage } from './session-list-page';
import { SessionPage } from './session-page';

/** The Zorgtafel's screens: `/zorgtafels`, `/zorgtafels/plannen` and `/zorgtafels/<sessionId>`; null for other paths. */
export function sessionScreen(path: string): ReactNode | null {
  if (path === '/zorgtafels' || path === '/zorgtafels/') return <SessionListPage />;
  if (path === '/zorgtafels/plannen') return <PlanSessionPage />;
  const session = matchPath('/zorgtafels/:sessionId', path);
  return session ? <SessionPage key={session.sessionId} sessionId={session.sessionId} /> : null;
}
