import pg from 'pg';

/**
 * A request waiting this long for a connection gets a 503 rather than hanging. It also covers
 * waiting for a free pool slot, and a burst of benches queues there for seconds: only a database
 * that gives no connection for this long counts as unavailable. A stopped or restarting database
 * answers at once (refused, or "starting up") and is reported without waiting.
 */
export const CONNECT_TIMEOUT_MS = 20_000;

export interface PoolOptions {
  max?: number;
  /** Connections kept open however long they are idle (the others close after 10 s idle). */
  min?: number;
  /** Run on each new connection before anyone uses it; it must not fail. */
  onConnect?: (client: pg.ClientBase) => Promise<void>;
}

export function createPool(databaseUrl: string, { max = 10, min = 0, onConnect }: PoolOptions = {}): pg.Pool {
  // pg-pool awaits onConnect before handing the connection out (a promise it returns is waited for);
  // @types/pg declares it as returning void.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  const pool = new pg.Pool({ connectionString: databaseUrl, max, min, onConnect, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle client losing its connection (database restart) must not crash the hub; the pool drops it.
  pool.on('error', () => undefined);
  // Nor one a request holds between two queries (pg-pool listens only while a client is idle): without a
  // listener its 'error' event ended the hub. The request's next query fails instead ("not queryable",
  // a 503), and the client is released as broken.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** SQLSTATEs after which the whole transaction can simply run again. */
export function isRetryable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down), too_many_connections. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** node-postgres's own wording when a connection ends or never comes. */
const CLIENT_MESSAGES = [/connection terminated/i, /timeout exceeded when trying to connect/i, /not queryable/i, /connection ended/i];

/**
 * Why the database cannot be used right now (stopped, restarting, unreachable), or null when the
 * error is something else. Such a failure is temporary: the hub answers 503 and the pool reconnects
 * by itself once the database is back.
 */
export function databaseUnavailableReason(err: unknown): string | null {
  const error = err as { code?: unknown; message?: unknown; errors?: unknown } | null;
  if (error === null || typeof error !== 'object') return null;
  const code = typeof error.code === 'string' ? error.code : '';
  const message = typeof error.message === 'string' ? error.message : '';
  if (NETWORK_CODES.has(code)) return `the database is not reachable (${code})`;
  if (code.startsWith('08')) return `the database connection failed (${code}: ${message})`;
  if (UNAVAILABLE_SQLSTATES.has(code)) return `the database is ${code === '53300' ? 'out of connections' : 'shutting down or starting up'} (${code})`;
  if (CLIENT_MESSAGES.some((pattern) => pattern.test(message))) return `the database connection was lost (${message})`;
  // Node's AggregateError (one error per address tried, e.g. ::1 and 127.0.0.1).
  if (Array.isArray(error.errors)) {
    for (const inner of error.errors) {
      const reason = databaseUnavailableReason(inner);
      if (reason) return reason;
    }
  }
  return null;
}
