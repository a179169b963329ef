import type pg from 'pg';
import { defaultDataDir, startEmbeddedPostgres, type EmbeddedCluster } from './embedded.js';
import { migrate } from './migrate.js';
import { createPool } from './pool.js';

/** At shutdown, how long requests in flight may go on using the database. */
const DRAIN_MS = 1_500;

export interface DatabaseOptions {
  /** Any PostgreSQL (13 or later); when absent an embedded cluster in dataDir (default ./.hub-data) is used. */
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
  log?: (line: string) => void;
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
  if (!databaseUrl) {
    const dataDir = options.dataDir ?? defaultDataDir((line) => console.error(line));
    cluster = await startEmbeddedPostgres({ dataDir, log: options.log });
    databaseUrl = cluster.url();
  }
  const pool = createPool(databaseUrl, options.poolSize);
  try {
    await migrate(pool);
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
