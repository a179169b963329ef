/**
 * For tests and benchmarks (also the bench's sync tests): an embedded PostgreSQL cluster in a
 * temporary folder, on a free port; a fresh database per test; everything removed at stop.
 *
 *   const pg = await startTestPostgres();            // beforeAll
 *   const hub = await startHub({ databaseUrl: await pg.createDatabase(), log: () => {} });
 *   ...
 *   await hub.stop(); await pg.stop();               // afterAll
 *
 * Under a runner that shares clusters (vitest: test/support/shared-postgres.ts sets
 * TEST_POSTGRES_BROKER), a non-durable TestPostgres asks its worker's cluster for its databases instead
 * of starting its own: initdb and start-up (seconds each) happen once per worker, not once per file.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedCluster } from '../db/embedded.js';

export interface TestPostgres {
  /** URL of a new, empty database on the cluster. */
  createDatabase(): Promise<string>;
  /** A folder inside the cluster's temporary folder (removed at stop), e.g. for a hub's own data. */
  tempDir(name: string): string;
  stop(): Promise<void>;
}

/** The environment variable naming a shared cluster's broker (http://127.0.0.1:port/). */
export const TEST_POSTGRES_BROKER = 'TEST_POSTGRES_BROKER';

/** A temporary folder the `postgres` user can enter when running as root. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

export async function startTestPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  const durable = options.durable ?? false;
  const broker = process.env[TEST_POSTGRES_BROKER];
  if (broker && !durable) return brokeredTestPostgres(broker);
  const root = makeTempDir('hub-test-pg-');
  const cluster = await startTestCluster(path.join(root, 'cluster'), durable);
  const databases = databaseMaker(cluster, `t${process.pid}_`);
  return {
    createDatabase: databases.create,
    tempDir(name) {
      return path.join(root, name);
    },
    async stop() {
      await databases.close();
      await cluster.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A cluster for tests: crash safety traded for speed unless `durable`, room for many hubs' pools. */
export function startTestCluster(dataDir: string, durable: boolean): Promise<EmbeddedCluster> {
  return startEmbeddedPostgres({ dataDir, durable, settings: { max_connections: '300' } });
}

/** Creates databases named prefix1, prefix2… over one admin connection, opened at first use. */
export function databaseMaker(cluster: EmbeddedCluster, prefix: string): { create(): Promise<string>; close(): Promise<void> } {
  let counter = 0;
  let admin: Promise<pg.Client> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const connect = async () => {
    const client = new pg.Client({ connectionString: cluster.url('postgres') });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  return {
    create() {
      const name = `${prefix}${++counter}`;
      // One CREATE DATABASE at a time: PostgreSQL copies the template and refuses concurrent copies of it.
      const created = queue.then(async () => {
        admin ??= connect();
        await (await admin).query(`CREATE DATABASE ${name}`);
        return cluster.url(name);
      });
      queue = created.catch(() => undefined);
      return created;
    },
    async close() {
      await queue;
      if (admin) await (await admin).end().catch(() => undefined);
    },
  };
}

function brokeredTestPostgres(broker: string): TestPostgres {
  const root = makeTempDir('hub-test-pg-');
  return {
    async createDatabase() {
      // One cluster per runner worker: files running at once never share one (see the broker).
      const pool = process.env.VITEST_POOL_ID ?? String(process.pid);
      const response = await fetch(new URL(`database?pool=${encodeURIComponent(pool)}`, broker), { method: 'POST' });
      const body = (await response.json()) as { url?: string; error?: string };
      if (!response.ok || !body.url) throw new Error(`the shared test PostgreSQL gave no database: ${body.error ?? response.status}`);
      return body.url;
    },
    tempDir(name) {
      return path.join(root, name);
    },
    async stop() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
