import { isIP } from 'node:net';

const MAX_URL_LENGTH = 2000;

/**
 * Why a receiver URL is refused, or `null` when it is acceptable: an absolute `https://` URL (`http://` too when
 * `httpsOnly` is off, outside production), without credentials or fragment. In production also no loopback, link-local
 * (cloud metadata) or unspecified address written as the host: a webhook is not a way into the server's own network.
 * Host names are not resolved here; a receiver that redirects is never followed.
 */
export function webhookUrlProblem(value: string, httpsOnly: boolean): string | null {
  if (value.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  // The URL parser drops tabs and line breaks silently: the address stored would not be the one called.
  if (/[\u0000-\u0020\u007f]/.test(value)) return 'must not contain spaces or control characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL, such as https://hooks.example.org/baken';
  }
  const schemes = httpsOnly ? ['https:'] : ['https:', 'http:'];
  if (!schemes.includes(url.protocol) || !value.toLowerCase().startsWith(`${url.protocol}//`))
    return httpsOnly ? 'must be an https:// URL' : 'must be an https:// (or, outside production, http://) URL';
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.hash || value.includes('#')) return 'must not contain a fragment (#…)';
  if (httpsOnly && isInternalHost(url.hostname)) return 'must not name a loopback, link-local or unspecified address';
  return null;
}

function isInternalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const family = isIP(host);
  if (family === 4) {
    const [a, b] = host.split('.').map(Number);
    return a === 127 || a === 0 || (a === 169 && b === 254);
  }
  if (family === 6) return host === '::1' || host === '::' || /^fe[89ab]/.test(host) || host.startsWith('::ffff:');
  return false;
}
