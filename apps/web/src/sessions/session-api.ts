import type { paths } from '../api/schema';

/** The JSON body of a documented answer. */
type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

export type SessionList = Json<paths['/api/care-table-sessions']['get']['responses'][200]>;
export type SessionSummary = SessionList['items'][number];
export type Session = Json<paths['/api/care-table-sessions/{sessionId}']['get']['responses'][200]>;
export type SessionAgendaItem = Session['agenda'][number];
export type SessionOutcome = NonNullable<SessionAgendaItem['outcome']>;
export type SessionActionPoint = SessionOutcome['actionPoints'][number];

/** The address of a session's screen. */
export const sessionPath = (sessionId: string) => `/zorgtafels/${sessionId}`;
