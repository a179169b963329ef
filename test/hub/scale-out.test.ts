/**
 * The hub is stateless: two hub processes on one PostgreSQL serve benches side by side. Both start at
 * once on a fresh database (the migrations run once, under an advisory lock), then 100 benches, half
 * on each hub, push a packing day at once while each also dispatches the same single-use identifier.
 * (`npm run bench -- hub` times the same with 100 ops per bench.)
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createAdmin } from '../../hub/admin/admin.js';
import { migrations } from '../../hub/db/migrations/index.js';
import { runScaleOut, SHARED_IDENTIFIER } from '../../hub/testing/scale-out.js';
import { startHubProcess, type HubProcess } from '../bench/hub-processes.js';
import { useHubFixture } from './fixture.js';

const BENCHES = 100;

const fx = useHubFixture();

describe('two hubs on one database', () => {
  it(`start together on a fresh database, then serve ${BENCHES} benches at once with 0 errors and single-use kept`, async () => {
    const databaseUrl = await fx.postgres().createDatabase();
    // 50 benches on each: room for them all at once, so a loaded machine queues no request past its timeout.
    const env = { HUB_DB_POOL_SIZE: '20' };
    const starting = await Promise.allSettled([startHubProcess(databaseUrl, env), startHubProcess(databaseUrl, env)]);
    const hubs = starting.flatMap((h) => (h.status === 'fulfilled' ? [h.value] : [])) as HubProcess[];
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    try {
      for (const h of starting) if (h.status === 'rejected') throw h.reason;
      expect(new Set(hubs.map((h) => h.pid)).size).toBe(2);
      const applied = await pool.query<{ version: number; n: number }>(
        'SELECT version, count(*)::int AS n FROM schema_migrations GROUP BY version ORDER BY version',
      );
      expect(applied.rows).toEqual(migrations.map((m) => ({ version: m.version, n: 1 })).sort((a, b) => a.version - b.version));

      const result = await runScaleOut({
        hubUrls: hubs.map((h) => h.url),
        admin: createAdmin(pool),
        query: (text, values) => pool.query(text, values),
        benches: BENCHES,
        opsPerBench: 20,
        batch: 10,
      });
      expect(result.samples).toEqual([]);
      expect(result.errors).toBe(0);
      expect(result.shared).toEqual({ applied: 1, rejected: BENCHES - 1 });

      // The winner's dispatch is what every bench pulls, from either hub.
      const winner = await pool.query<{ station_id: string }>(
        `SELECT a.station_id FROM allocations a JOIN identifiers i ON i.id = a.identifier_id WHERE i.value = $1`,
        [SHARED_IDENTIFIER],
      );
      expect(winner.rows).toHaveLength(1);
    } finally {
      await Promise.all(hubs.map((h) => h.stop()));
      await pool.end();
    }
  }, 180_000);
});
