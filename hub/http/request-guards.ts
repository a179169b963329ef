/**
 * Checks on a request before its body is read or its token looked up: what it declares it sends, and
 * who (which address) sends it.
 */
import type { IncomingMessage } from 'node:http';
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

/**
 * A body declared as anything but JSON is refused with 415. No Content-Type at all is accepted (some
 * clients omit it; the body must still parse as JSON).
 */
export function requireJsonBody(req: IncomingMessage): void {
  const declared = req.headers['content-type'];
  if (declared === undefined || declared.trim() === '') return;
  if (!JSON_TYPE.test(declared.trim())) {
    throw new HttpError(415, 'unsupported_media_type', `Content-Type: ${declared.slice(0, 100)} is not accepted; send the body as application/json`);
  }
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
