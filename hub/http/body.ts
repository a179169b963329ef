import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { wholeNamed } from '../../shared/sync/issue-words.js';
import { describeZodError } from '../../shared/sync/protocol.js';
import { HttpError, badRequest } from './errors.js';
import { firstRepeatedKey } from './repeated-keys.js';

export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

/** The one 413 message; `items`: what the route's body lists (entries, orders, products...), to send fewer of. */
const tooLarge = (limit: number, items: string) =>
  new HttpError(413, 'payload_too_large', `the body is larger than ${limit} bytes; send fewer ${items} per request`);

/** The whole body, refusing (without reading on) once it passes `limit` bytes; `items` as tooLarge. */
export function readBody(req: IncomingMessage, limit: number, items: string): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit, items));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done();
        // Stop reading: the server answers, discards a bounded rest (discardBody) and closes the connection.
        req.pause();
        reject(tooLarge(limit, items));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** How long, and how many bytes, the hub reads and throws away of a body it refused before closing. */
const DISCARD_MS = 2_000;
const DISCARD_BYTES = 32 * 1024 * 1024;

/**
 * Reads and drops the rest of a body the hub answered without reading (401, 413...), keeping none of
 * it: closing a connection with unread data makes the kernel reset it, and a client still sending then
 * gets EPIPE or ECONNRESET instead of the answer. Calls `ended` once the body is all in; past
 * DISCARD_MS or DISCARD_BYTES, destroys the socket instead, so a client cannot hold the connection.
 */
export function discardBody(req: IncomingMessage, ended: () => void): void {
  const socket = req.socket;
  if (socket.destroyed) return;
  let size = 0;
  const stop = () => {
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', onEnd);
    socket.off('close', stop);
  };
  const cut = () => {
    stop();
    socket.destroy();
  };
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > DISCARD_BYTES) cut();
  };
  const onEnd = () => {
    stop();
    ended();
  };
  const timer = setTimeout(cut, DISCARD_MS);
  timer.unref();
  req.on('data', onData);
  req.on('end', onEnd);
  socket.on('close', stop);
  req.resume();
}

/**
 * The body parsed as JSON and checked against `schema`; 400 naming the bad field otherwise. `items`:
 * the list the body carries (its key: entries, orders, products, identifiers, counts), named in a 413.
 */
export async function readJson<S extends z.ZodType>(req: IncomingMessage, schema: S, limit: number, items: string): Promise<z.infer<S>> {
  const raw = await readBody(req, limit, items);
  // Decoding would put U+FFFD in place of what is not UTF-8 (a Latin-1 file's "ü"), and store it so.
  if (!isUtf8(raw)) throw badRequest('the body is not valid UTF-8; send the JSON encoded as UTF-8 (not Latin-1 or Windows-1252)');
  // RFC 8259 lets a parser ignore a leading byte order mark; many Windows tools write one.
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest(raw.length === 0 ? 'the body is empty; expected JSON' : 'the body is not valid JSON');
  }
  const repeated = firstRepeatedKey(text);
  if (repeated !== undefined) {
    const path = repeated.map((part) => (part === '' ? '(a field without a name)' : String(part).slice(0, 100))).join('.');
    throw badRequest(`${path}: given twice in one object; send each field once`);
  }
  const parsed = schema.safeParse(value, { error: wholeNamed('the body') });
  if (!parsed.success) throw badRequest(describeZodError(parsed.error));
  return parsed.data;
}
