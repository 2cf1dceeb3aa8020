import http from 'node:http';
import net from 'node:net';

/** A request as it goes on the wire. Header values are byte strings (latin1): UTF-8 text is sent as its bytes. */
export interface WireRequest {
  method: string;
  /** The request target: path and query, already percent-encoded (or deliberately not). */
  target: string;
  headers: [string, string][];
  body?: Buffer;
}

export interface WireResponse {
  /** 0 when the server closed the connection without an answer. */
  status: number;
  contentType: string;
  /** The body as text, cut at 64 KiB (enough to check a problem document). */
  text: string;
  /** Why there was no answer (`ECONNRESET`…), when status is 0. */
  error?: string;
  /** Whether an HTTP client library refused the request, so it went over a plain socket. */
  raw: boolean;
}

const KEEP = 64 * 1024;
const TIMEOUT_MS = 30_000;

/**
 * Sends requests over keep-alive connections; whatever Node's HTTP client refuses to send (control characters
 * in headers, unescaped paths, odd methods) goes byte for byte over a socket of its own.
 */
export class HostileClient {
  private readonly agent: http.Agent;

  constructor(
    private readonly baseUrl: string,
    concurrency: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  }

  /**
   * `isolated`: on a connection of its own, closed afterwards. For requests the server may answer by closing the
   * connection, so that a pooled connection closed under another request cannot look like a dropped answer.
   */
  async send(request: WireRequest, isolated = false): Promise<WireResponse> {
    let outgoing: http.ClientRequest;
    const url = new URL(this.baseUrl);
    try {
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of request.headers) {
        const key = name.toLowerCase();
        const earlier = headers[key];
        headers[key] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
      }
      if (request.body && headers['content-length'] === undefined && headers['transfer-encoding'] === undefined) {
        headers['content-length'] = String(request.body.length);
      }
      outgoing = http.request({
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.target,
        headers,
        agent: isolated ? false : this.agent,
      });
    } catch {
      return sendRaw(url, request);
    }
    return new Promise<WireResponse>((resolve) => {
      let answered = false;
      outgoing.setTimeout(TIMEOUT_MS, () => outgoing.destroy(new Error('ETIMEDOUT: no answer within 30 s')));
      outgoing.on('response', (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < KEEP) chunks.push(chunk);
          size += chunk.length;
        });
        const done = () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8').slice(0, KEEP),
            raw: false,
          });
        res.on('end', done);
        res.on('error', done);
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        if (!answered)
          resolve({ status: 0, contentType: '', text: '', error: error.code ?? error.message, raw: false });
      });
      outgoing.end(request.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The request as bytes, with `Connection: close` so that the answer ends with the connection. */
export function rawBytes(request: WireRequest, host: string): Buffer {
  const lines = [`${request.method} ${request.target} HTTP/1.1`, `Host: ${host}`];
  const names = new Set(request.headers.map(([n]) => n.toLowerCase()));
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  if (!names.has('connection')) lines.push('Connection: close');
  if (request.body && !names.has('content-length') && !names.has('transfer-encoding'))
    lines.push(`Content-Length: ${request.body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), request.body ?? Buffer.alloc(0)]);
}

export function sendRaw(url: URL, request: WireRequest): Promise<WireResponse> {
  return sendBytes(url, rawBytes(request, url.host));
}

/** Writes the bytes on a fresh connection and reads the answer until the server closes it. */
export function sendBytes(url: URL, bytes: Buffer): Promise<WireResponse> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port) });
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const finish = (error?: string) => {
      if (finished) return;
      finished = true;
      socket.destroy();
      resolve({ ...parseResponse(Buffer.concat(chunks)), ...(error && size === 0 ? { error } : {}), raw: true });
    };
    socket.setTimeout(TIMEOUT_MS, () => finish('ETIMEDOUT'));
    socket.on('data', (chunk: Buffer) => {
      if (size < KEEP * 2) chunks.push(chunk);
      size += chunk.length;
    });
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
    socket.write(bytes);
  });
}

/** Status, content type and body of the first HTTP/1.1 answer in `bytes` (chunked bodies decoded). */
export function parseResponse(bytes: Buffer): Omit<WireResponse, 'raw'> {
  let text = bytes.toString('latin1');
  // Interim answers (100 Continue) come before the real one.
  while (/^HTTP\/1\.[01] 1\d\d /.test(text) && text.includes('\r\n\r\n')) {
    const skip = text.indexOf('\r\n\r\n') + 4;
    text = text.slice(skip);
    bytes = bytes.subarray(skip);
  }
  const end = text.indexOf('\r\n\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  if (!status || end < 0) return { status: 0, contentType: '', text: '' };
  const head = text.slice(0, end).split('\r\n');
  const header = (name: string) =>
    head
      .find((l) => l.toLowerCase().startsWith(`${name}:`))
      ?.slice(name.length + 1)
      .trim() ?? '';
  let body = bytes.subarray(end + 4);
  if (/chunked/i.test(header('transfer-encoding'))) body = dechunk(body);
  else if (header('content-length')) body = body.subarray(0, Number(header('content-length')));
  return { status: Number(status[1]), contentType: header('content-type'), text: body.toString('utf8').slice(0, KEEP) };
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < body.length) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
