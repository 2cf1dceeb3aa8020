import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The Content Security Policy of every answer, as helmet's directives: scripts and styles only from the application's
 * own origin and never inline, so that injected markup cannot run script or restyle a page (ASVS 3.4.3). Pages that
 * come from libraries and carry inline code (Swagger UI, Bull Board) are served with a nonce of their own instead:
 * {@link serveWithNonces}.
 */
export const CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

/** The attribute that carries a moved `style` attribute's rule; see {@link addNonces}. */
const MOVED_STYLE = 'data-csp-style';

const ENTITIES: Record<string, string> = { quot: '"', apos: "'", amp: '&', lt: '<', gt: '>' };

function decodeAttribute(value: string): string {
  return value.replace(/&(quot|apos|amp|lt|gt|#(\d+)|#x([0-9a-f]+));/gi, (entity, name: string, dec, hex) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex as string, 16));
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
}

/**
 * Rewrites a library's HTML page so that a policy without `'unsafe-inline'` lets it run:
 * - every `<script>` and `<style>` element gets the nonce (a `<script type="application/json">` data block too; it
 *   is never run either way);
 * - every `style="…"` attribute (a nonce cannot allow attributes) becomes a rule on a `data-csp-style` attribute in
 *   one `<style>` element with the nonce, in the head;
 * - stylesheets from other origins (Bull Board asks Google Fonts for its typeface) are left out: the policy refuses
 *   them, and an administrator's browser need not tell a third party that it opened the page.
 * Meant for the fixed templates of those libraries, not for arbitrary HTML: text inside `<script>` and `<style>` is
 * left alone, comments too.
 */
export function addNonces(html: string, nonce: string): string {
  const rules: string[] = [];
  const withNonce = (attributes: string) =>
    /\snonce\s*=/i.test(attributes) ? attributes : ` nonce="${nonce}"${attributes}`;
  const rewritten = html.replace(
    /<!--[\s\S]*?-->|<(script|style)(\s[^>]*)?>([\s\S]*?)<\/\1\s*>|<([a-zA-Z][\w:-]*)(\s[^<>]*?)?(\/?)>/gi,
    (
      match,
      rawTextTag: string | undefined,
      rawTextAttributes: string | undefined,
      text: string | undefined,
      tag: string | undefined,
      attributes: string | undefined,
      selfClosing: string,
    ) => {
      if (rawTextTag) return `<${rawTextTag}${withNonce(rawTextAttributes ?? '')}>${text}</${rawTextTag}>`;
      if (!tag) return match;
      let attrs = attributes ?? '';
      if (
        tag.toLowerCase() === 'link' &&
        /\srel\s*=\s*["']?stylesheet\b/i.test(attrs) &&
        /\shref\s*=\s*["']?(https?:)?\/\//i.test(attrs)
      )
        return '';
      attrs = attrs.replace(
        /\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')/i,
        (_attribute, double?: string, single?: string) => {
          const declarations = decodeAttribute(double ?? single ?? '').replace(/</g, '\\3c ');
          rules.push(`[${MOVED_STYLE}="${rules.length}"]{${declarations}}`);
          return ` ${MOVED_STYLE}="${rules.length - 1}"`;
        },
      );
      return `<${tag}${attrs}${selfClosing}>`;
    },
  );
  if (rules.length === 0) return rewritten;
  const block = `<style nonce="${nonce}">${rules.join('')}</style>`;
  return /<\/head>/i.test(rewritten) ? rewritten.replace(/<\/head>/i, `${block}</head>`) : block + rewritten;
}

/**
 * The policy with the nonce allowed for scripts and styles, `sources` added to the directives they name (e.g.
 * `{ 'style-src': ["'sha256-…'"] }`), and `directives` (e.g. `{ 'base-uri': "'self'" }`) in place of the policy's own.
 */
export function policyWithNonce(
  policy: string,
  nonce: string,
  { directives = {}, sources = {} }: Pick<NonceOptions, 'directives' | 'sources'> = {},
): string {
  const parsed = new Map<string, string>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) parsed.set(name.toLowerCase(), values.join(' '));
  }
  const fallback = parsed.get('default-src') ?? "'self'";
  for (const name of ['script-src', 'style-src']) {
    const values = (parsed.get(name) ?? fallback).split(' ').filter((v) => v && v !== "'unsafe-inline'");
    parsed.set(name, [...values, `'nonce-${nonce}'`].join(' '));
  }
  for (const [name, added] of Object.entries(sources))
    parsed.set(name, [parsed.get(name) ?? fallback, ...added].join(' '));
  for (const [name, value] of Object.entries(directives)) parsed.set(name, value);
  return [...parsed].map(([name, values]) => (values ? `${name} ${values}` : name)).join(';');
}

export interface NonceOptions {
  /** Which HTML answers of the scope to serve so; all of them when absent. */
  appliesTo?(request: FastifyRequest): boolean;
  /** Directives that differ on these pages, e.g. `{ 'base-uri': "'self'" }` for a page that sets `<base href>`. */
  directives?: Record<string, string>;
  /** Sources added to directives, e.g. the hashes of `<style>` texts the page's own scripts insert. */
  sources?: Record<string, readonly string[]>;
}

/** The `'sha256-…'` source that allows exactly this inline text. */
export function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Serves the HTML answers of `scope` (see {@link NonceOptions.appliesTo}) with a fresh nonce each: the page is
 * rewritten by {@link addNonces}, and its policy (helmet's, set before) allows that nonce and the given `sources`,
 * and nothing else inline.
 */
export function serveWithNonces(scope: FastifyInstance, options: NonceOptions = {}): void {
  scope.addHook('onSend', async (request, reply, payload) => {
    if (!/^text\/html\b/i.test(String(reply.getHeader('content-type') ?? ''))) return payload;
    if (options.appliesTo && !options.appliesTo(request)) return payload;
    const html = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
    if (html === null) return payload;
    const nonce = randomBytes(18).toString('base64');
    const policy = String(reply.getHeader('content-security-policy') ?? '');
    reply.raw.removeHeader('content-security-policy');
    reply.header('content-security-policy', policyWithNonce(policy, nonce, options));
    if (reply.hasHeader('content-length')) reply.removeHeader('content-length');
    return addNonces(html, nonce);
  });
}
