/**
 * The hub as a library: `startHub()` for `npm run hub` and for tests (the bench's sync tests too).
 *
 *   const hub = await startHub({ databaseUrl, port: 0 });
 *   await hub.admin.addWarehouse('North');
 *   const { token, stationId } = await hub.admin.addBench({ warehouse: 'North' });
 *   ... fetch(`${hub.url}/v1/push`, { headers: { authorization: `Bearer ${token}` }, ... })
 *   await hub.stop();
 */
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { createAdmin, type Admin } from './admin/admin.js';
import { openDatabase, type DatabaseOptions } from './db/open.js';
import { DEFAULT_BODY_LIMIT } from './http/body.js';
import { createFailedTokenLimiter, type FailedTokenLimits } from './http/rate-limit.js';
import { createHubServer } from './http/server.js';
import { warmPushConnection } from './push/warm.js';
import { PUSH_IN_FLIGHT } from '../shared/sync/protocol.js';
import type { HubTls } from './http/tls.js';

export interface StartHubOptions extends DatabaseOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1; `npm run hub` listens on 0.0.0.0 unless HUB_HOST says otherwise. */
  host?: string;
  /** Largest request body in bytes (default 5 MB); push takes at least MAX_PUSH_BODY_BYTES. */
  bodyLimit?: number;
  /** The push route's limit instead (tests of a hub that takes less than a bench sends). */
  pushBodyLimit?: number;
  /** Serve HTTPS with this certificate and key (PEM); plain HTTP without. */
  tls?: HubTls;
  /** Failed-token throttle per address (default: 10 failures a minute, then 429 for a minute). */
  failedTokens?: FailedTokenLimits;
  /** Rows an .xlsx download's sheet holds, the header included (default Excel's, XLSX_MAX_ROWS; lower in tests). */
  xlsxMaxRows?: number;
}

/** The hub could not listen on `host`:`port` (port in use, a host that is not this machine's, ...). */
export class ListenError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
    /** The system's code: EADDRINUSE, EACCES, EADDRNOTAVAIL, ENOTFOUND, ... */
    readonly code: string,
  ) {
    super(`cannot listen on ${host}:${port} (${code})`);
  }
}

export interface Hub {
  /** e.g. http://127.0.0.1:41234, or https://... with TLS (no trailing slash). */
  url: string;
  port: number;
  databaseUrl: string;
  admin: Admin;
  pool: pg.Pool;
  /** Closes the HTTP server and the pool, and stops the embedded cluster if this hub started it. */
  stop(): Promise<void>;
}

export async function startHub(options: StartHubOptions = {}): Promise<Hub> {
  const log = options.log ?? ((line: string) => console.error(line));
  // A bench pushes over PUSH_IN_FLIGHT connections at once: that many stay open, all warmed for push.
  const database = await openDatabase({ ...options, log: options.log, prepareConnection: warmPushConnection, keptConnections: PUSH_IN_FLIGHT });
  let server: ReturnType<typeof createHubServer>;
  try {
    server = createHubServer({
      db: database.pool,
      bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
      pushBodyLimit: options.pushBodyLimit,
      log,
      tls: options.tls,
      xlsxMaxRows: options.xlsxMaxRows,
      failedTokens: createFailedTokenLimiter({
        ...options.failedTokens,
        onThrottle: (address, wait) => log(`hub: too many failed tokens from ${address}; answering its failures 429 for ${wait} s`),
      }),
    });
  } catch (err) {
    await database.close();
    throw err;
  }
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (err) {
    await database.close();
    const code = (err as NodeJS.ErrnoException | null)?.code;
    throw typeof code === 'string' ? new ListenError(host, options.port ?? 0, code) : err;
  }
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  let stopping: Promise<void> | undefined;
  return {
    url: `${options.tls ? 'https' : 'http'}://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    port,
    databaseUrl: database.databaseUrl,
    admin: createAdmin(database.pool),
    pool: database.pool,
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await database.close();
      })();
      return stopping;
    },
  };
}
