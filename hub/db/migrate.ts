import type pg from 'pg';
import { migrations, type Migration } from './migrations/index.js';

// Any constant: serialises migration runs of hub processes starting at the same time.
const MIGRATION_LOCK = 7_240_117;

/** A migration PostgreSQL refused; `migration` is null when the bookkeeping before any migration failed. */
export class MigrationFailure extends Error {
  constructor(
    readonly migration: Migration | null,
    cause: unknown,
  ) {
    super(`migration ${migration ? `${migration.version} (${migration.name})` : 'set-up'} failed: ${(cause as Error | null)?.message ?? String(cause)}`, { cause });
  }
}

/**
 * Applies pending migrations, all in one transaction; returns the versions applied. A query PostgreSQL
 * refuses is thrown as a MigrationFailure. The migrations' warnings (RAISE WARNING) go to `log`.
 */
export async function migrate(pool: pg.Pool, list: readonly Migration[] = migrations, log?: (line: string) => void): Promise<number[]> {
  const client = await pool.connect();
  const onNotice = (notice: { severity?: string; message?: string }) => {
    if (notice.severity === 'WARNING') log?.(`hub: migration: ${notice.message ?? ''}`);
  };
  client.on('notice', onNotice);
  let running: Migration | null = null;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(done.rows.map((r) => r.version));
    const pending = list.filter((m) => !applied.has(m.version)).sort((a, b) => a.version - b.version);
    for (const m of pending) {
      running = m;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    running = null;
    await client.query('COMMIT');
    return pending.map((m) => m.version);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new MigrationFailure(running, err);
  } finally {
    client.off('notice', onNotice);
    client.release();
  }
}
