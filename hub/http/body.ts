import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { describeZodError } from '../../shared/sync/protocol.js';
import { HttpError, badRequest } from './errors.js';

export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

const tooLarge = (limit: number) =>
  new HttpError(413, 'payload_too_large', `the body is larger than ${limit} bytes; send fewer entries per request`);

/** The whole body, refusing (without reading on) once it passes `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));
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
        // Stop reading; the server answers with Connection: close so the rest is never drained.
        req.pause();
        reject(tooLarge(limit));
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

/** The body parsed as JSON and checked against `schema`; 400 naming the bad field otherwise. */
export async function readJson<S extends z.ZodType>(req: IncomingMessage, schema: S, limit: number): Promise<z.infer<S>> {
  const raw = await readBody(req, limit);
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest(raw.length === 0 ? 'the body is empty; expected JSON' : 'the body is not valid JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(describeZodError(parsed.error));
  return parsed.data;
}
