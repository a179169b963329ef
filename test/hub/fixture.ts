/** One embedded PostgreSQL per test file; a fresh database and hub per test. */
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { startHub, type Hub, type StartHubOptions } from '../../hub/hub.js';
import { BenchClient, IntegrationClient } from '../../hub/testing/client.js';
import { startTestPostgres, type TestPostgres } from '../../hub/testing/postgres.js';
import type { SyncOp } from '../../shared/sync/ops.js';

export interface HubFixture {
  postgres(): TestPostgres;
  /** A hub on a new database; stopped after the file. */
  hub(options?: StartHubOptions): Promise<Hub>;
  /** A direct connection to a hub's database, closed after the file. */
  sql(hub: Hub): Promise<pg.Client>;
}

export function useHubFixture(): HubFixture {
  let postgres: TestPostgres | undefined;
  const cleanups: (() => Promise<unknown>)[] = [];
  beforeAll(async () => {
    postgres = await startTestPostgres();
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await postgres?.stop();
  });
  return {
    postgres: () => postgres!,
    async hub(options = {}) {
      const hub = await startHub({ databaseUrl: await postgres!.createDatabase(), log: () => undefined, ...options });
      cleanups.push(() => hub.stop());
      return hub;
    },
    async sql(hub) {
      const client = new pg.Client({ connectionString: hub.databaseUrl });
      await client.connect();
      cleanups.push(() => client.end());
      return client;
    },
  };
}

/** A warehouse with benches (station ids as given) on a hub. */
export async function warehouse(hub: Hub, name: string, stations: string[]): Promise<BenchClient[]> {
  await hub.admin.addWarehouse(name);
  const benches: BenchClient[] = [];
  for (const station of stations) {
    const { token } = await hub.admin.addBench({ warehouse: name, station });
    benches.push(new BenchClient(hub.url, token, station));
  }
  return benches;
}

export async function integration(hub: Hub, warehouseName: string): Promise<IntegrationClient> {
  const { token } = await hub.admin.addIntegration({ warehouse: warehouseName });
  return new IntegrationClient(hub.url, token);
}

export const product = (sku: string, identifierMode: 'none' | 'single_use' | 'multiple_use' = 'single_use'): SyncOp => ({
  type: 'product.upsert',
  sku,
  title: `Product ${sku}`,
  barcode: null,
  identifierMode,
});

export const order = (orderNumber: string, ...lines: [sku: string, quantity: number][]): SyncOp => ({
  type: 'order.upsert',
  orderNumber,
  customer: 'Customer',
  lines: lines.map(([sku, quantity], i) => ({ lineNo: i + 1, sku, quantity })),
});

/** A product's stock level at the hub, read straight from PostgreSQL. */
export async function stockOf(sql: pg.Client, sku: string): Promise<number> {
  const found = await sql.query<{ stock_level: string }>('SELECT stock_level FROM products WHERE sku = $1', [sku]);
  return Number(found.rows[0]?.stock_level);
}
