import { randomUUID } from 'node:crypto';
import { demoToken } from '../../support/api-process';

/** One command sent during the drill and what it was answered. */
export interface SentCommand {
  api: number;
  caseId: string;
  path: string;
  /** Sent as `X-Correlation-Id`: the events it wrote carry it in their metadata. */
  correlationId: string;
  ifMatch?: number;
  status: number;
  /** The case version the answer reported (2xx only). */
  version?: number;
  body: any;
}

export interface Answer {
  status: number;
  etag: string | null;
  body: any;
}

/**
 * Signed-in clients for every API process of a cluster, acting as one user. Every command gets its own correlation
 * id and is recorded with its answer, so that the log can be checked against what the clients were told.
 */
export class ScaleClient {
  readonly sent: SentCommand[] = [];

  private constructor(
    private readonly urls: string[],
    private readonly tokens: string[],
  ) {}

  static async signIn(urls: string[], username: string): Promise<ScaleClient> {
    return new ScaleClient(urls, await Promise.all(urls.map((url) => demoToken(url, username))));
  }

  get apis(): number {
    return this.urls.length;
  }

  async get(api: number, path: string): Promise<Answer> {
    const res = await fetch(`${this.urls[api]}${path}`, { headers: { authorization: `Bearer ${this.tokens[api]}` } });
    const text = await res.text();
    return { status: res.status, etag: res.headers.get('etag'), body: text ? JSON.parse(text) : undefined };
  }

  /** A command on a case through API `api`; `ifMatch` sends `If-Match: "<version>"`. */
  async command(api: number, caseId: string, path: string, body: unknown, ifMatch?: number): Promise<SentCommand> {
    const correlationId = `scale-${randomUUID()}`;
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.tokens[api]}`,
      'content-type': 'application/json',
      'x-correlation-id': correlationId,
    };
    if (ifMatch !== undefined) headers['if-match'] = `"${ifMatch}"`;
    const res = await fetch(`${this.urls[api]}/api/cases/${caseId}${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : undefined;
    const sent: SentCommand = {
      api,
      caseId,
      path,
      correlationId,
      ifMatch,
      status: res.status,
      body: parsed,
      version: res.status < 300 ? Number(parsed?.version) : undefined,
    };
    this.sent.push(sent);
    return sent;
  }

  /** Registers a signal through API `api`; answers the new case id. */
  async register(api: number, body: unknown): Promise<string> {
    const res = await fetch(`${this.urls[api]}/api/signals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.tokens[api]}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== 201)
      throw new Error(`registering a signal through API ${api + 1} answered ${res.status}: ${text}`);
    return (JSON.parse(text) as { caseId: string }).caseId;
  }
}
