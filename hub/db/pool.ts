import pg from 'pg';

export function createPool(databaseUrl: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max });
  // An idle client losing its connection (database restart) must not crash the hub; the pool drops it.
  pool.on('error', () => undefined);
  return pool;
}

/** SQLSTATEs after which the whole transaction can simply run again. */
export function isRetryable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}
