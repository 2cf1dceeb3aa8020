import type { TestApp } from './test-app';

export interface SetCookie {
  name: string;
  value: string;
  path?: string;
  expires?: Date;
  maxAge?: number;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: string;
}

export interface BrowserResponse {
  status: number;
  headers: Record<string, string>;
  body: any;
  text: string;
  /** The cookies this response set (or cleared). */
  setCookies: SetCookie[];
}

/**
 * A browser against the in-process app: keeps the cookies the API sets (and drops the ones it clears) and sends them
 * back, as a browser on the API's own origin would. No Authorization header unless a test adds one.
 */
export class Browser {
  readonly jar = new Map<string, string>();

  constructor(private readonly t: TestApp) {}

  cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<BrowserResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.jar.size && !headers.cookie) headers.cookie = this.cookieHeader();
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: method as 'GET',
        url: path,
        headers,
        payload: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    const setCookies = res.cookies as SetCookie[];
    for (const c of setCookies) {
      const cleared = c.value === '' || c.maxAge === 0 || c.expires?.getTime() === 0;
      if (cleared) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    let body: any;
    try {
      body = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      body = undefined;
    }
    const flat = Object.fromEntries(
      Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join('\n') : String(v)]),
    );
    return { status: res.statusCode, headers: flat, body, text: res.body, setCookies };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, { headers });
  }

  post(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', path, { body: body ?? {}, headers });
  }

  delete(path: string, headers?: Record<string, string>) {
    return this.request('DELETE', path, { headers });
  }
}
