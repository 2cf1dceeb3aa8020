import createClient from 'openapi-fetch';
import { NETWORK_ERROR, problemOf, type Problem } from './problems';
import { laterPosition, MIN_POSITION_HEADER, POSITION_HEADER } from './read-position';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type CaseListItem = Schemas['CaseListItemResponse'];
export type CaseList = Schemas['CaseListResponse'];
export type CaseDetail = Schemas['CaseDetailResponse'];
export type CaseSubject = Schemas['CaseSubjectResponse'];
export type CaseIntervention = Schemas['CaseInterventionResponse'];
export type CaseProposal = Schemas['CaseProposalResponse'];
export type HistoryEvent = Schemas['HistoryEventResponse'];
export type District = Schemas['DistrictResponse'];
export type Organisation = Schemas['OrganisationResponse'];
export type Measure = Schemas['MeasureResponse'];
export type Vote = Schemas['VoteResponse'];
export type AgendaItem = Schemas['AgendaItemResponse'];
export type SteeringDecision = Schemas['DecisionResponse'];
export type Task = Schemas['TaskResponse'];
export type QuarterlyTargets = Schemas['QuarterlyTargetsResponse'];
export type InterventionEffects = Schemas['InterventionEffectsResponse'];
export type Person = Schemas['PersonResponse'];

/** The signed-in user (API.md `user`). */
export interface User {
  username: string;
  role: string;
  districts: string[];
  municipality: string | null;
  organisation: string | null;
  /** The person's name to show; `null` when the identity provider gave none (show the username then). */
  displayName: string | null;
}

/** The result of `GET /api/audit/cases/{id}/verify`. */
export interface ChainVerification {
  caseId: string;
  valid: boolean;
  checkedEvents: number;
  firstInvalidVersion: number | null;
  /** The seal it was checked against; `null` before the case was first sealed. */
  sealed: { sealId: string; at: string } | null;
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** The user as the API sends it; nullable fields may be documented loosely, so they are read defensively. */
export function toUser(u: {
  username: string;
  role: string;
  districts?: string[];
  municipality?: unknown;
  organisation?: unknown;
  displayName?: unknown;
}): User {
  return {
    username: u.username,
    role: u.role,
    districts: u.districts ?? [],
    municipality: text(u.municipality),
    organisation: text(u.organisation),
    displayName: text(u.displayName),
  };
}

export function toVerification(v: {
  caseId: string;
  valid: boolean;
  checkedEvents: number;
  firstInvalidVersion?: unknown;
  sealed?: unknown;
}): ChainVerification {
  const sealed = v.sealed as { sealId?: unknown; at?: unknown } | null | undefined;
  return {
    caseId: v.caseId,
    valid: v.valid,
    checkedEvents: v.checkedEvents,
    firstInvalidVersion: typeof v.firstInvalidVersion === 'number' ? v.firstInvalidVersion : null,
    sealed:
      sealed && typeof sealed.sealId === 'string' && typeof sealed.at === 'string'
        ? { sealId: sealed.sealId, at: sealed.at }
        : null,
  };
}
export type AccessLog = Schemas['AccessLogResponse'];

/**
 * How requests are authenticated. `session`: the API's httpOnly session cookie (sent by the browser) with the CSRF
 * token for changing requests. `bearer`: an access token held in this module's memory only, for an API without
 * the cookie session; it is lost on reload by design. Nothing is ever put in localStorage or sessionStorage.
 */
export type Authentication =
  { kind: 'none' } | { kind: 'session'; csrfToken: string } | { kind: 'bearer'; token: string };

let authentication: Authentication = { kind: 'none' };
let signedOutListener: (() => void) | null = null;

export function setAuthentication(next: Authentication): void {
  authentication = next;
}

export function currentAuthentication(): Authentication {
  return authentication;
}

/** Called when the API answers 401 to a signed-in user (an expired session). */
export function onSignedOut(listener: (() => void) | null): void {
  signedOutListener = listener;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Headers that authenticate a request with the current authentication. */
export function authenticationHeaders(method: string): Record<string, string> {
  if (authentication.kind === 'bearer') return { Authorization: `Bearer ${authentication.token}` };
  if (authentication.kind === 'session' && UNSAFE_METHODS.has(method.toUpperCase()))
    return { 'X-CSRF-Token': authentication.csrfToken };
  return {};
}

/** The typed client of the API (generated from its OpenAPI document, see `npm run openapi`). */
export const api = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
});

/** The latest WAL position a command of this user answered: reads send it, so they see the user's own writes. */
let position: string | null = null;

api.use({
  onRequest({ request }) {
    for (const [name, value] of Object.entries(authenticationHeaders(request.method))) request.headers.set(name, value);
    if (position !== null && request.method === 'GET') request.headers.set(MIN_POSITION_HEADER, position);
    return request;
  },
  onResponse({ response, request }) {
    const answered = response.headers.get(POSITION_HEADER);
    if (answered) position = laterPosition(position, answered);
    const path = new URL(request.url, 'http://localhost').pathname;
    if (response.status === 401 && authentication.kind !== 'none' && !path.startsWith('/api/auth/')) {
      authentication = { kind: 'none' };
      signedOutListener?.();
    }
    return response;
  },
});

export type Result<T> =
  { ok: true; data: T; response: Response } | { ok: false; problem: Problem; response?: Response };

/** Turns an openapi-fetch answer into data or a problem; a lost connection becomes a problem too. */
export async function settle<T>(
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<Result<T>> {
  try {
    const { data, error, response } = await request;
    if (response.ok) return { ok: true, data: data as T, response };
    return { ok: false, problem: problemOf(response.status, error), response };
  } catch {
    return { ok: false, problem: problemOf(NETWORK_ERROR, undefined) };
  }
}

/** `If-Match` for a command decided on the version of the case the user is looking at. */
export const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export interface Session {
  user: User;
  mode: 'demo' | 'oidc';
}

/** The browser's current cookie session; `null` when there is none (401) or it cannot be asked for. */
export async function probeSession(): Promise<Session | null> {
  const result = await settle(api.GET('/api/auth/session'));
  if (!result.ok) return null;
  authentication = { kind: 'session', csrfToken: result.data.csrfToken };
  return { user: toUser(result.data.user), mode: result.data.mode === 'oidc' ? 'oidc' : 'demo' };
}

/**
 * Demo login. The API answers with a bearer token, sets the session cookie and sends its CSRF token. The cookie is
 * preferred; when the browser did not keep it (a `Secure` cookie over plain HTTP), the token is used from memory.
 */
export async function demoLogin(username: string): Promise<Result<{ user: User; mode: 'demo' | 'bearer' }>> {
  const result = await settle(api.POST('/api/auth/demo-login', { body: { username } }));
  if (!result.ok) return result;
  const { accessToken, csrfToken } = result.data;
  const user = toUser(result.data.user);
  if (csrfToken && (await probeSession())?.user.username === user.username)
    return { ok: true, data: { user, mode: 'demo' }, response: result.response };
  authentication = { kind: 'bearer', token: accessToken };
  return { ok: true, data: { user, mode: 'bearer' }, response: result.response };
}

/** Ends the session, or with a bearer token revokes it: the API refuses it from then on. */
export async function logout(): Promise<void> {
  if (authentication.kind !== 'none') await settle(api.POST('/api/auth/logout'));
  authentication = { kind: 'none' };
}

/** The start of the organisation's OpenID Connect login through the API (production mode). */
export const OIDC_LOGIN_PATH = '/api/auth/login';

/** Fetches a download (CSV, XLSX) with the current authentication; the caller offers it to the user. */
export async function fetchFile(
  path: string,
  query: Record<string, string | number | undefined>,
): Promise<Result<{ blob: Blob; fileName: string | null }>> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  try {
    const response = await fetch(`${path}?${params}`, {
      credentials: 'same-origin',
      headers: authenticationHeaders('GET'),
    });
    if (!response.ok) {
      const body = await response.json().catch(() => undefined);
      return { ok: false, problem: problemOf(response.status, body), response };
    }
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
    return {
      ok: true,
      data: { blob: await response.blob(), fileName: fileName ? decodeURIComponent(fileName) : null },
      response,
    };
  } catch {
    return { ok: false, problem: problemOf(NETWORK_ERROR, undefined) };
  }
}
