/**
 * One PostgreSQL cluster per fault-test file that the test itself can stop and start again on the
 * same port (a database restart under a running hub), a fresh database per test, and set-up of a
 * warehouse and bench tokens straight through the hub's admin module.
 */
import path from 'node:path';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { createAdmin } from '../../hub/admin/admin.js';
import { startEmbeddedPostgres, stopPostmaster, type EmbeddedCluster } from '../../hub/db/embedded.js';
import { migrate } from '../../hub/db/migrate.js';
import { makeTempDir } from '../../hub/testing/postgres.js';

export const WAREHOUSE = 'North';

export interface FaultCluster {
  readonly port: number;
  /** A new database, migrated, with the warehouse; its URL. */
  createDatabase(): Promise<string>;
  /** A bench token for `station` in the warehouse of the database at `url`. */
  addBench(url: string, station: string): Promise<string>;
  query<T extends pg.QueryResultRow>(url: string, text: string, values?: unknown[]): Promise<T[]>;
  /** PostgreSQL stops (fast shutdown, as `pg_ctl stop -m fast`): every connection ends. */
  stopServer(): Promise<void>;
  /** It starts again on the same port. */
  startServer(): Promise<void>;
  stop(): Promise<void>;
}

/** durable: fsync on (benchmarks); off by default (tests). */
export async function startFaultCluster(options: { durable?: boolean } = {}): Promise<FaultCluster> {
  const durable = options.durable ?? false;
  const root = makeTempDir('fault-pg-');
  const dataDir = path.join(root, 'cluster');
  let cluster: EmbeddedCluster = await startEmbeddedPostgres({ dataDir, durable });
  const port = cluster.port;
  const pools = new Map<string, pg.Pool>();
  const poolFor = (url: string) => {
    let pool = pools.get(url);
    if (!pool) {
      pool = new pg.Pool({ connectionString: url, max: 2 });
      pool.on('error', () => undefined);
      pools.set(url, pool);
    }
    return pool;
  };
  let counter = 0;
  return {
    port,
    async createDatabase() {
      const name = `fault_${process.pid}_${++counter}`;
      await poolFor(cluster.url('postgres')).query(`CREATE DATABASE ${name}`);
      const url = cluster.url(name);
      await migrate(poolFor(url));
      await createAdmin(poolFor(url)).addWarehouse(WAREHOUSE);
      return url;
    },
    async addBench(url, station) {
      return (await createAdmin(poolFor(url)).addBench({ warehouse: WAREHOUSE, station })).token;
    },
    async query(url, text, values) {
      return (await poolFor(url).query(text, values)).rows;
    },
    async stopServer() {
      await stopPostmaster(path.join(dataDir, 'pg'));
    },
    async startServer() {
      cluster = await startEmbeddedPostgres({ dataDir, port, durable });
    },
    async stop() {
      await Promise.all([...pools.values()].map((pool) => pool.end().catch(() => undefined)));
      await cluster.stop();
      await stopPostmaster(path.join(dataDir, 'pg'));
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Polls until check() is truthy; fails naming `what` after timeoutMs. */
export async function waitUntil<T>(check: () => T | Promise<T>, what: string, timeoutMs = 20_000, everyMs = 25): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
