/** How hostile text gets into a URL or a header: the bytes a real client would send, including the broken ones. */

const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;

const hex = (bytes: Iterable<number>) =>
  [...bytes].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/**
 * Percent-encodes UTF-8 bytes. A lone surrogate is written as the three bytes it would take (`%ED%A0%80`), which
 * is not valid UTF-8: what a careless client sends, and what the server must refuse calmly.
 */
export function percentEncode(text: string): string {
  if (UNRESERVED.test(text)) return text;
  if (!/[\ud800-\udfff]/.test(text)) return encodeURIComponent(text).replace(/[!'()*]/g, (c) => hex(Buffer.from(c)));
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += hex(Buffer.from(text.slice(i, i + 2)));
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += hex([0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]);
    } else {
      out += UNRESERVED.test(text[i]) ? text[i] : hex(Buffer.from(text[i]));
    }
  }
  return out;
}

/** The UTF-8 bytes of `text` as a byte string: how a header value with non-ASCII text travels. */
export function headerBytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/**
 * A header value an HTTP client can send: the UTF-8 bytes without control characters. (Control characters are
 * sent too, but deliberately and rarely: the HTTP parser refuses them before the application sees anything.)
 */
export function headerValue(text: string): string {
  return headerBytes(text.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, ''));
}

/** Shortens long strings for reports: a failing request must be readable, not a megabyte of `x`. */
export function abbreviate(text: string, max = 160): string {
  const shown = text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
  return JSON.stringify(shown);
}
