import type pg from 'pg';
import { DatabaseUrlError, describeConnectFailure, describeMigrationFailure, parseDatabaseUrl } from './connect-errors.js';
import { defaultDataDir, startEmbeddedPostgres, type EmbeddedCluster } from './embedded.js';
import { migrate, MigrationFailure } from './migrate.js';
import { createPool } from './pool.js';

/** At shutdown, how long requests in flight may go on using the database. */
const DRAIN_MS = 1_500;

export interface DatabaseOptions {
  /** Any PostgreSQL (13 or later); when absent an embedded cluster in dataDir (default ./.hub-data) is used. */
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
  /**
   * Run on every connection once the migrations are done, before any request uses it (e.g. to plan
   * statements ahead); it must not fail. `keptConnections` of them are opened at once and stay open.
   */
  prepareConnection?: (client: pg.ClientBase) => Promise<void>;
  keptConnections?: number;
  log?: (line: string) => void;
  /** Where a warning for the operator goes (the data folder chosen, a migration's warning, a cluster adopted), unless `log` is given; default stderr. */
  warn?: (line: string) => void;
}

export interface HubDatabase {
  pool: pg.Pool;
  databaseUrl: string;
  close(): Promise<void>;
}

/** A migrated pool over DATABASE_URL or over the embedded cluster (started here if need be). */
export async function openDatabase(options: DatabaseOptions): Promise<HubDatabase> {
  let cluster: EmbeddedCluster | undefined;
  let databaseUrl = options.databaseUrl;
  const warn = options.warn ?? ((line: string) => console.error(line));
  // An operator's URL is checked before use, and a failure to reach it is told in one sentence.
  if (databaseUrl) parseDatabaseUrl(databaseUrl);
  if (!databaseUrl) {
    const dataDir = options.dataDir ?? defaultDataDir(warn);
    cluster = await startEmbeddedPostgres({ dataDir, log: options.log, warn });
    databaseUrl = cluster.url();
  }
  let migrated = false;
  const prepared = new WeakSet<pg.ClientBase>();
  const prepare = async (client: pg.ClientBase) => {
    if (!migrated || !options.prepareConnection || prepared.has(client)) return;
    prepared.add(client);
    await options.prepareConnection(client);
  };
  const kept = options.keptConnections ?? 0;
  const pool = createPool(databaseUrl, { max: options.poolSize, min: kept, onConnect: prepare });
  try {
    if (options.databaseUrl) await probe(pool, options.databaseUrl);
    // PostgreSQL's refusal (e.g. no right to create tables) is told in one sentence, never its password.
    await migrate(pool, undefined, options.log ?? warn).catch((err: unknown) => {
      throw err instanceof MigrationFailure ? new DatabaseUrlError(describeMigrationFailure(databaseUrl, err.cause, err.migration), { cause: err }) : err;
    });
    migrated = true;
    await openKept(pool, kept, prepare);
  } catch (err) {
    await pool.end().catch(() => undefined);
    await cluster?.stop();
    throw err;
  }
  return {
    pool,
    databaseUrl,
    async close() {
      // Requests still in the database get a moment; then their transactions are abandoned (rolled
      // back when the connection or the server goes; a bench sends them again).
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([pool.end(), new Promise((r) => (timer = setTimeout(r, DRAIN_MS)))]);
      clearTimeout(timer);
      await cluster?.stop();
    },
  };
}

/** One connection, to tell a DATABASE_URL that leads nowhere (or is refused) apart from later errors. */
async function probe(pool: pg.Pool, databaseUrl: string): Promise<void> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw new DatabaseUrlError(describeConnectFailure(databaseUrl, err));
  }
  client.release();
}

/** Opens `count` connections (taken at once, so the pool opens new ones beside those it has), prepared. */
async function openKept(pool: pg.Pool, count: number, prepare: (client: pg.ClientBase) => Promise<void>): Promise<void> {
  const clients: pg.PoolClient[] = [];
  try {
    for (let i = 0; i < count; i++) clients.push(await pool.connect());
    // New ones were prepared as they connected; this covers those the pool already had.
    await Promise.all(clients.map(prepare));
  } finally {
    for (const client of clients) client.release();
  }
}
