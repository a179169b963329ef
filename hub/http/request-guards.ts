/**
 * Checks on a request before its body is read or its token looked up: what it declares it sends, and
 * who (which address) sends it.
 */
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { nearestName } from '../../shared/sync/nearest-name.js';
import { HttpError, badRequest } from './errors.js';

/** The request target as a URL; 400 for one that is not (e.g. `GET http://[ HTTP/1.1`). */
export function requestUrl(req: IncomingMessage): URL {
  try {
    return new URL(req.url ?? '/', 'http://hub');
  } catch {
    throw badRequest(`the request target ${JSON.stringify((req.url ?? '').slice(0, 100))} is not a URL path`);
  }
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)"?/i;

/**
 * A body declared as anything but JSON is refused with 415. No Content-Type at all is accepted (some
 * clients omit it; the body must still parse as JSON). JSON travels as UTF-8 (RFC 8259): a charset
 * other than UTF-8 and a compressed body (Content-Encoding) are refused with 415 too, naming what was
 * declared, rather than read as UTF-8 (a Latin-1 "Müller" was stored as "M\uFFFDller").
 */
export function requireJsonBody(req: IncomingMessage): void {
  const encoding = req.headers['content-encoding']?.trim();
  if (encoding && encoding.toLowerCase() !== 'identity') {
    throw new HttpError(415, 'unsupported_media_type', `Content-Encoding: ${encoding.slice(0, 100)} is not accepted; send the body uncompressed`);
  }
  const declared = req.headers['content-type'];
  if (declared === undefined || declared.trim() === '') return;
  if (!JSON_TYPE.test(declared.trim())) {
    throw new HttpError(415, 'unsupported_media_type', `Content-Type: ${declared.slice(0, 100)} is not accepted; send the body as application/json`);
  }
  const charset = CHARSET.exec(declared)?.[1];
  // `charset=` or `charset=""`: said in words, not as "charset  is not accepted" around an empty name.
  if (charset === '') {
    throw new HttpError(415, 'unsupported_media_type', 'Content-Type: the charset parameter is empty; send the body as UTF-8 (application/json; charset=utf-8), or leave charset out');
  }
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    throw new HttpError(415, 'unsupported_media_type', `Content-Type charset ${charset.slice(0, 100)} is not accepted; send the body as UTF-8 (application/json; charset=utf-8)`);
  }
}

/** A query parameter given twice is refused by name: reading only the first would silently drop a filter. */
export function refuseRepeated(url: URL, names: readonly string[]): void {
  const twice = names.find((name) => url.searchParams.getAll(name).length > 1);
  if (twice !== undefined) throw badRequest(`${twice}: given more than once; give it once`);
}

/**
 * A query parameter the route does not take is refused by name, with the ones it takes and the nearest
 * of them: ignoring it would answer as if it were not there (`from` misspelt `form` gave the whole feed).
 */
export function refuseUnknown(url: URL, names: readonly string[]): void {
  const unknown = [...url.searchParams.keys()].find((name) => !names.includes(name));
  if (unknown === undefined) return;
  const near = nearestName(unknown, names);
  const shown = unknown === '' ? '(a parameter without a name)' : unknown.slice(0, 100);
  const takes = names.length === 0 ? 'It takes none' : `It takes ${names.join(', ')}`;
  throw badRequest(`${shown}: not a parameter of ${url.pathname}${near === undefined ? '.' : `; did you mean "${near}"?`} ${takes}`);
}

/** `text`'s bytes with its %XX escapes decoded, as URLSearchParams decodes them before reading them as UTF-8. */
function percentDecoded(text: string): Buffer {
  const bytes = Buffer.from(text.replaceAll('+', ' '), 'utf8');
  const out: number[] = [];
  for (let at = 0; at < bytes.length; at++) {
    const hex = bytes[at] === 0x25 ? bytes.subarray(at + 1, at + 3).toString('latin1') : '';
    if (/^[0-9a-f]{2}$/i.test(hex)) {
      out.push(parseInt(hex, 16));
      at += 2;
    } else out.push(bytes[at]!);
  }
  return Buffer.from(out);
}

/**
 * A query parameter whose %-escapes are not UTF-8 (a Latin-1 "ü" as %FC, an encoded lone surrogate) is
 * refused by name: URLSearchParams turns them into U+FFFD, and the search answered "nothing found".
 */
export function refuseNonUtf8(url: URL): void {
  for (const pair of url.search.slice(1).split('&')) {
    const split = pair.indexOf('=');
    const [name, value] = split < 0 ? [pair, ''] : [pair.slice(0, split), pair.slice(split + 1)];
    const nameBytes = percentDecoded(name);
    // A cursor is the hub's own text: its route refuses one it did not issue, saying to start again.
    if (isUtf8(nameBytes) && (nameBytes.toString('utf8') === 'cursor' || isUtf8(percentDecoded(value)))) continue;
    const shown = isUtf8(nameBytes) ? nameBytes.toString('utf8').slice(0, 100) || '(a parameter without a name)' : '(a parameter name)';
    throw badRequest(`${shown}: not UTF-8 once its %-escapes are decoded; encode the query as UTF-8 (ü is %C3%BC, not %FC)`);
  }
}

/** The query of a route taking `names`, each at most once: anything else is refused by name (400). */
export function checkQuery(url: URL, names: readonly string[]): void {
  refuseNonUtf8(url);
  refuseUnknown(url, names);
  refuseRepeated(url, names);
}

/**
 * The peer's address, as the socket sees it. A hub behind a reverse proxy sees the proxy's address:
 * X-Forwarded-For is not trusted, because any caller could set it to dodge the failed-token throttle.
 */
export function remoteAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? 'unknown';
  // One IPv4 peer appears as ::ffff:1.2.3.4 on a dual-stack socket: count it once.
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
