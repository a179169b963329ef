/**
 * The bench's HTTP client for the hub: JSON over fetch with a bearer token and a timeout.
 * Every failure becomes a HubError whose kind tells the engine what to do next:
 *   offline  - network error, timeout or 5xx: the hub may be back later, retry with backoff;
 *   refused  - 401/403: the token is wrong or revoked; retrying will not help until settings change;
 *   invalid  - another 4xx or an answer that does not match the protocol: a bug on one side.
 */
import type { z } from 'zod';
import {
  errorBodySchema,
  pullEnvelopeSchema,
  pushResponseSchema,
  whoamiSchema,
  type PullEnvelope,
  type PushResponse,
  type Whoami,
} from '../../../shared/sync/protocol.js';

export type HubErrorKind = 'offline' | 'refused' | 'invalid';

export class HubError extends Error {
  constructor(
    readonly kind: HubErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

export interface HubClientOptions {
  /** e.g. http://hub.local:8080 (a trailing slash is ignored). */
  hubUrl: string;
  token: string;
  /** Deadline per request, answer included; default REQUEST_DEADLINE_MS. */
  timeoutMs?: number;
  /** Aborts every request in flight (the engine stopping). */
  signal?: AbortSignal;
}

export interface HubClient {
  whoami(): Promise<Whoami>;
  push(stationId: string, entries: ReadonlyArray<{ seq: number; at: string; actor: string; op: unknown }>): Promise<PushResponse>;
  /** A page whose changes are still unchecked: the applier checks each on its own (and quarantines a bad one). */
  pull(cursor: string | null, limit: number): Promise<PullEnvelope>;
}

/**
 * A hub that does not answer within this (frozen, or a network path that drops packets) counts as
 * unreachable: the bench shows it within 10 s and keeps working offline. A full push batch (1000
 * entries) takes well under a second on a working hub.
 */
export const REQUEST_DEADLINE_MS = 8_000;

export function createHubClient(options: HubClientOptions): HubClient {
  const base = options.hubUrl.trim().replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? REQUEST_DEADLINE_MS;

  async function call<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(base + path, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (err) {
      throw new HubError('offline', `the hub at ${base} is not reachable (${networkCause(err, timeoutMs)})`);
    }
    if (response.status >= 500 || response.status === 429) {
      throw new HubError('offline', `the hub answered ${response.status}: ${errorMessage(text)}`, response.status);
    }
    if (response.status === 401 || response.status === 403) {
      throw new HubError('refused', `the hub refused this bench's token (${response.status}: ${errorMessage(text)})`, response.status);
    }
    if (response.status !== 200) {
      throw new HubError('invalid', `the hub answered ${response.status} to ${method} ${path}: ${errorMessage(text)}`, response.status);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new HubError('invalid', `the hub's answer to ${method} ${path} is not JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new HubError('invalid', `the hub's answer to ${method} ${path} does not match the protocol (${first?.path.join('.')}: ${first?.message})`);
    }
    return parsed.data;
  }

  return {
    whoami: () => call('GET', '/v1/whoami', whoamiSchema),
    push: (stationId, entries) =>
      call('POST', '/v1/push', pushResponseSchema, { stationId, entries: entries.map(({ seq, at, actor, op }) => ({ seq, at, actor, op })) }),
    pull: (cursor, limit) => {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor !== null) query.set('cursor', cursor);
      return call('GET', `/v1/pull?${query}`, pullEnvelopeSchema);
    },
  };
}

/** ECONNREFUSED, "no answer within 30 s", ... */
function networkCause(err: unknown, timeoutMs: number): string {
  const error = err as { name?: string; cause?: { code?: string; message?: string } };
  if (error.name === 'TimeoutError') return `no answer within ${Math.round(timeoutMs / 100) / 10} s`;
  if (error.name === 'AbortError') return 'stopped';
  return error.cause?.code ?? error.cause?.message ?? error.name ?? 'network error';
}

function errorMessage(text: string): string {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data.message;
  } catch {
    // not JSON: show the start of the text
  }
  return text.slice(0, 200) || '(no body)';
}
