/**
 * The hub keeps PUSH_IN_FLIGHT database connections open, each warmed for push before any request
 * (hub/push/warm.ts): its scratch tables made and push_set's statements planned. Seen from the
 * database: that many sessions hold push_set's scratch tables right after the hub starts.
 */
import { describe, expect, it } from 'vitest';
import { PUSH_IN_FLIGHT } from '../../shared/sync/protocol.js';
import { useHubFixture } from './fixture.js';

const fx = useHubFixture();

describe('connections warmed for push', () => {
  it('opens PUSH_IN_FLIGHT connections with push_set ready before the first push', async () => {
    const hub = await fx.hub();
    const sql = await fx.sql(hub);
    const sessions = await sql.query<{ n: number }>(
      `SELECT count(DISTINCT relnamespace)::int AS n FROM pg_class WHERE relname = 'set_ops' AND relpersistence = 't'`,
    );
    expect(sessions.rows[0]!.n).toBeGreaterThanOrEqual(PUSH_IN_FLIGHT);
  });
});
