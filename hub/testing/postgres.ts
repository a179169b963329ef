/**
 * For tests and benchmarks (also the bench's sync tests): one embedded PostgreSQL cluster per test
 * file, in a temporary folder, on a free port; a fresh database per test; everything removed at stop.
 *
 *   const pg = await startTestPostgres();            // beforeAll
 *   const hub = await startHub({ databaseUrl: await pg.createDatabase(), log: () => {} });
 *   ...
 *   await hub.stop(); await pg.stop();               // afterAll
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../db/embedded.js';

export interface TestPostgres {
  /** URL of a new, empty database on the cluster. */
  createDatabase(): Promise<string>;
  /** A folder inside the cluster's temporary folder (removed at stop), e.g. for a hub's own data. */
  tempDir(name: string): string;
  stop(): Promise<void>;
}

/** A temporary folder the `postgres` user can enter when running as root. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

export async function startTestPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  const root = makeTempDir('hub-test-pg-');
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(root, 'cluster'), durable: options.durable ?? false });
  let counter = 0;
  return {
    async createDatabase() {
      const name = `t${process.pid}_${++counter}`;
      const client = new pg.Client({ connectionString: cluster.url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return cluster.url(name);
    },
    tempDir(name) {
      return path.join(root, name);
    },
    async stop() {
      await cluster.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
