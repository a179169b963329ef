/**
 * The hub is stateless: two hubs on one PostgreSQL serve benches side by side. Both start at once on a
 * fresh database (the migrations run once, under an advisory lock), then 20 benches, half on each
 * hub, push a packing day at once while each also dispatches the same single-use identifier.
 * (`npm run bench -- hub` runs the same with 100 benches on two hub processes.)
 */
import { describe, expect, it } from 'vitest';
import { migrations } from '../../hub/db/migrations/index.js';
import { startHub } from '../../hub/hub.js';
import { runScaleOut, SHARED_IDENTIFIER } from '../../hub/testing/scale-out.js';
import { useHubFixture } from './fixture.js';

const fx = useHubFixture();

describe('two hubs on one database', () => {
  it('start together on a fresh database, then serve 20 benches at once with 0 errors and single-use kept', async () => {
    const databaseUrl = await fx.postgres().createDatabase();
    const hubs = await Promise.all([0, 1].map(() => startHub({ databaseUrl, log: () => undefined })));
    try {
      const applied = await hubs[0]!.pool.query<{ version: number; n: number }>(
        'SELECT version, count(*)::int AS n FROM schema_migrations GROUP BY version ORDER BY version',
      );
      expect(applied.rows).toEqual(migrations.map((m) => ({ version: m.version, n: 1 })).sort((a, b) => a.version - b.version));

      const result = await runScaleOut({
        hubUrls: hubs.map((h) => h.url),
        admin: hubs[0]!.admin,
        query: (text, values) => hubs[1]!.pool.query(text, values),
        benches: 20,
        opsPerBench: 50,
        batch: 25,
      });
      expect(result.samples).toEqual([]);
      expect(result.errors).toBe(0);
      expect(result.shared).toEqual({ applied: 1, rejected: 19 });

      // The winner's dispatch is what every bench pulls, from either hub.
      const winner = await hubs[1]!.pool.query<{ station_id: string }>(
        `SELECT a.station_id FROM allocations a JOIN identifiers i ON i.id = a.identifier_id WHERE i.value = $1`,
        [SHARED_IDENTIFIER],
      );
      expect(winner.rows).toHaveLength(1);
    } finally {
      await Promise.all(hubs.map((h) => h.stop()));
    }
  }, 180_000);
});
