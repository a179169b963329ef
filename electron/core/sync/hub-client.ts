/**
 * The bench's HTTP client for the hub: JSON over fetch with a bearer token and a timeout.
 * Every failure becomes a HubError whose kind tells the engine what to do next:
 *   offline  - network error, timeout or 5xx: the hub may be back later, retry with backoff;
 *   refused  - 401/403/429: the token is wrong or revoked; retrying will not help until settings change
 *              (a 401 for a token the hub revoked says so: reason token_revoked; a 429 says nothing of
 *              why, only how long to wait: retryAfterMs, from Retry-After);
 *   invalid  - another 4xx or an answer that does not match the protocol: at the first request, a
 *              URL that names another server (said so: check the hub URL); later, versions that differ.
 * A hub whose certificate is not trusted is reported in words (self-signed, unknown issuer, expired,
 * another name); `ca` adds a CA (or the hub's own self-signed certificate) to the trusted ones.
 */
import { rootCertificates } from 'node:tls';
import type { z } from 'zod';
import { startDeadline } from './deadline.js';
import {
  errorBodySchema,
  pullEnvelopeSchema,
  pushResponseSchema,
  whoamiSchema,
  type ErrorReason,
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
    /** What the hub said of its refusal, where it says: token_revoked (this token was revoked at the hub). */
    readonly reason?: ErrorReason,
    /** A 429's Retry-After: the hub asks this address to wait this long before sending a token again. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

export interface HubClientOptions {
  /** e.g. http://hub.local:8080 (a trailing slash is ignored). */
  hubUrl: string;
  token: string;
  /** Deadline per request, answer included, before its body's time on the link (requestDeadlineMs); default REQUEST_DEADLINE_MS. */
  timeoutMs?: number;
  /**
   * The signal that aborts a request, asked as each one starts: the engine gives its running cycle's
   * (aborted when it stops, or gives a quiet retry up).
   */
  signal?: () => AbortSignal;
  /** PEM of a CA or of the hub's own certificate to trust, besides the system's (for an https hub). */
  ca?: string;
  /** The hub URL came from the environment (browser mode's BENCH_HUB_URL), not from Settings: the words say where to check it. */
  hubUrlFromEnvironment?: boolean;
}

export interface HubClient {
  whoami(): Promise<Whoami>;
  /**
   * `after`: the push sent just before this one (pipelined): the hub takes one station's pushes in turn,
   * so this one's deadline runs from that one's answer.
   */
  push(stationId: string, entries: ReadonlyArray<{ seq: number; at: string; actor: string; op: unknown }>, after?: Promise<unknown>): Promise<PushResponse>;
  /** A page whose changes are still unchecked: the applier checks each on its own (and quarantines a bad one). */
  pull(cursor: string | null, limit: number): Promise<PullEnvelope>;
}

/**
 * A hub that does not answer within this (frozen, or a network path that drops packets) counts as
 * unreachable: the bench shows it within 10 s and keeps working offline. A full push batch (1000
 * entries) takes well under a second on a working hub.
 */
export const REQUEST_DEADLINE_MS = 8_000;

/**
 * The slowest link a bench is expected to sync over (a busy warehouse Wi-Fi, about 1 Mbit/s): a request's
 * body, and an answer whose length the hub gives (a pull page), get their time over it on top of the
 * deadline. Without it a full push request (2 MB, or one op of up to MAX_PUSH_BODY_BYTES alone) over such
 * a link never finished within the deadline: the bench called a working hub unreachable and sent the same
 * request again and again.
 */
export const SLOWEST_LINK_BYTES_PER_SECOND = 125_000;

/** How long `bytes` take over the slowest link. */
export function linkTimeMs(bytes: number): number {
  return Math.ceil((bytes * 1000) / SLOWEST_LINK_BYTES_PER_SECOND);
}

/** A request's deadline: the hub's time to answer, plus its body's time over the slowest link. */
export function requestDeadlineMs(answerMs: number, bodyBytes: number): number {
  return answerMs + linkTimeMs(bodyBytes);
}

/**
 * How a server that is no hub ends its words (the header's), by where the hub URL was set: Settings
 * (the desktop app always), or BENCH_HUB_URL for this run in browser mode. Test connection, pressed in
 * Settings, says its own.
 */
export const CHECK_HUB_URL = ': check the hub URL in Settings';
export const CHECK_HUB_URL_FROM_ENVIRONMENT = ': check BENCH_HUB_URL, which sets the hub URL for this run';

export function createHubClient(options: HubClientOptions): HubClient {
  const base = options.hubUrl.trim().replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? REQUEST_DEADLINE_MS;
  const send = fetcher(options.ca);

  async function call<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body?: unknown, after?: Promise<unknown>): Promise<T> {
    let response: FetchResponse;
    let text: string;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const deadline = startDeadline(requestDeadlineMs(timeoutMs, payload === undefined ? 0 : Buffer.byteLength(payload)), options.signal?.(), after);
    try {
      response = await send(base + path, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: payload,
        signal: deadline.signal,
      });
      // A large answer (a pull page) gets its time over the slow link too, as a request's body does.
      const answerBytes = Number(response.headers?.get('content-length') ?? 0);
      if (Number.isSafeInteger(answerBytes) && answerBytes > 0) deadline.extend(linkTimeMs(answerBytes));
      text = await response.text();
    } catch (err) {
      const untrusted = tlsProblem(err);
      if (untrusted) throw new HubError('offline', `cannot connect securely to the hub at ${base}: ${untrusted}`);
      const cause = networkCause(err, deadline.ms);
      // An https hub asked in plain http closes the connection without a word.
      const hint = cause === 'UND_ERR_SOCKET' && base.startsWith('http:') ? '; if the hub serves HTTPS, use an https:// URL' : '';
      throw new HubError('offline', `the hub at ${base} is not reachable (${cause === 'UND_ERR_SOCKET' ? 'the connection closed without an answer' : cause}${hint})`);
    } finally {
      deadline.clear();
    }
    if (response.status >= 500) {
      // The hub (or a proxy before it) is there but failing: retried like an unreachable hub, and said so.
      throw new HubError('offline', `the hub answered ${response.status} (${errorMessage(text)}): it has a problem of its own; if this lasts, tell the hub's administrator`, response.status);
    }
    // 429: this address sent too many failed tokens; a valid token is never throttled.
    if (response.status === TOO_MANY_REQUESTS) {
      throw new HubError('refused', `the hub asked this bench to wait (${response.status}: ${errorMessage(text)})`, response.status, undefined, retryAfterMs(response.headers?.get('retry-after')));
    }
    if (response.status === 401 || response.status === 403) {
      const reason = response.status === 401 ? errorBody(text)?.reason : undefined;
      throw new HubError('refused', `the hub refused this bench's token (${response.status}: ${errorMessage(text)})`, response.status, reason);
    }
    // Not a hub's answer: at the first request (whoami) the URL most likely names another server (a web
    // page, another service); later, the hub and this bench speak different versions. Either way the
    // words say what came back (a page's title, never its markup) and what to do about it.
    const notAHub = (what: string) =>
      path === '/v1/whoami'
        ? `the server at ${base} did not answer as a packing hub (${method} ${path}: ${what})${options.hubUrlFromEnvironment ? CHECK_HUB_URL_FROM_ENVIRONMENT : CHECK_HUB_URL}`
        : `the hub's answer to ${method} ${path} is not one this bench understands (${what}): the hub and this bench may be different versions; tell the hub's administrator`;
    if (response.status !== 200) {
      throw new HubError('invalid', notAHub(`answered ${response.status}, ${errorMessage(text)}`), response.status);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new HubError('invalid', notAHub(`the answer is ${nonJsonInWords(text)}, not JSON`));
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new HubError('invalid', notAHub(`the answer does not match the protocol at ${first?.path.join('.') || 'its top'}: ${first?.message}`));
    }
    return parsed.data;
  }

  return {
    whoami: () => call('GET', '/v1/whoami', whoamiSchema),
    push: (stationId, entries, after) =>
      call('POST', '/v1/push', pushResponseSchema, { stationId, entries: entries.map(({ seq, at, actor, op }) => ({ seq, at, actor, op })) }, after),
    pull: (cursor, limit) => {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor !== null) query.set('cursor', cursor);
      return call('GET', `/v1/pull?${query}`, pullEnvelopeSchema);
    },
  };
}

export const TOO_MANY_REQUESTS = 429;

/** Retry-After in seconds (the hub's form), in ms; undefined when absent or in another form. */
function retryAfterMs(header: string | null | undefined): number | undefined {
  const seconds = header ? Number(header) : Number.NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

interface FetchResponse {
  status: number;
  headers?: { get(name: string): string | null };
  text(): Promise<string>;
}
type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal }) => Promise<FetchResponse>;

/** The platform's fetch, or undici's with a connection pool that also trusts `ca`. */
function fetcher(ca: string | undefined): Fetch {
  if (!ca) return (url, init) => fetch(url, init);
  let trusting: Promise<Fetch> | null = null;
  const load = () =>
    fetchTrusting(ca).catch((error: unknown) => {
      trusting = null; // tried again at the next request, not remembered as failed
      throw error;
    });
  return async (url, init) => (await (trusting ??= load()))(url, init);
}

/** Loaded only for a hub with a CA of its own: undici is a megabyte every core start would otherwise evaluate. */
async function fetchTrusting(ca: string): Promise<Fetch> {
  const { Agent, fetch: undiciFetch } = await import('undici');
  const dispatcher = new Agent({ connect: { ca: [...rootCertificates, ca] } });
  return (url, init) => undiciFetch(url, { ...init, dispatcher });
}

const HINT = "give this bench the hub's CA certificate (BENCH_HUB_CA: a PEM file)";

/** The hub's certificate problem in words, or null when the failure was not about trust. */
function tlsProblem(err: unknown): string | null {
  const code = (err as { cause?: { code?: unknown } }).cause?.code;
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return `the hub's certificate is not trusted (self-signed); ${HINT}`;
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return `the hub's certificate is not trusted (issued by a self-signed CA this bench does not know); ${HINT}`;
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return `the hub's certificate is not trusted (issued by a CA this bench does not know); ${HINT}`;
    case 'CERT_HAS_EXPIRED':
      return "the hub's certificate has expired; renew it on the hub";
    case 'CERT_NOT_YET_VALID':
      return "the hub's certificate is not valid yet (check the clocks of the hub and this bench)";
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return "the hub's certificate is for another host name than the one in the hub URL";
    case 'CERT_REVOKED':
      return "the hub's certificate has been revoked";
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'EPROTO':
      return 'the hub does not speak https at this address (is its URL http://?)';
    default:
      return null;
  }
}

/** ECONNREFUSED, "no answer within 30 s", ... */
function networkCause(err: unknown, timeoutMs: number): string {
  const error = err as { name?: string; cause?: { code?: string; message?: string } };
  if (error.name === 'TimeoutError') return `no answer within ${Math.round(timeoutMs / 100) / 10} s`;
  if (error.name === 'AbortError') return 'stopped';
  const code = error.cause?.code ?? error.cause?.message ?? error.name ?? 'network error';
  const words = NETWORK_CAUSE_WORDS[code];
  return words ? `${words}; ${code}` : code;
}

/** What a network error code means for whoever set the hub URL; the code stays beside it for whoever looks further. */
const NETWORK_CAUSE_WORDS: Record<string, string> = {
  ECONNREFUSED: 'nothing answers at that address and port: is the hub running?',
  ENOTFOUND: 'no server has that name: check the address',
  EAI_AGAIN: 'the server name could not be looked up: check the network',
  EHOSTUNREACH: 'no route to that address: check the network',
  ENETUNREACH: 'no route to that address: check the network',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  ECONNRESET: 'the connection was cut',
  // fetch never connects to ports of other services (9, 22, 25, …), whatever answers there.
  'bad port': 'the bench never connects to that port, which belongs to another kind of service: give the hub another port',
};

function errorBody(text: string): z.infer<typeof errorBodySchema> | null {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // not JSON
  }
}

/** What an error answer said: the hub's own message, or what else came back (never a page's markup). */
function errorMessage(text: string): string {
  return errorBody(text)?.message ?? (text.trim() === '' ? 'no message' : nonJsonInWords(text));
}

/**
 * A body that is not the hub's JSON, in words for the header: a web page by its title ("an HTML page
 * titled "Welcome to nginx!""), else the start of the text on one line.
 */
function nonJsonInWords(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return 'empty';
  if (/^<(!doctype|html|head|body|\?xml)\b/i.test(trimmed) || /<\/(html|body|h1|title)>/i.test(trimmed)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(trimmed)?.[1] ?? /<h1[^>]*>([^<]*)<\/h1>/i.exec(trimmed)?.[1];
    const named = title?.replace(/\s+/g, ' ').trim().slice(0, 80);
    return named ? `an HTML page titled "${named}"` : 'an HTML page';
  }
  const line = trimmed.replace(/\s+/g, ' ');
  return `"${line.length > 120 ? `${line.slice(0, 120)}…` : line}"`;
}
