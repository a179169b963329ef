/**
 * A connection the hub holds for a request, lost between two of its queries (PostgreSQL stopping,
 * restarting, or ending the backend): the hub process keeps running, the request's next query fails
 * (the hub answers 503), and the pool serves a new connection. pg-pool listens for errors only on idle
 * connections, so such a loss ended the whole hub; a bench then found nothing listening (seen once in
 * CI: "not reachable (ECONNREFUSED)" for 20 s after the database was stopped under a push).
 * The hub's pool runs in a child process, as in the hub; the backend is ended from the test.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../../hub/testing/postgres.js';

const POOL_MODULE = fileURLToPath(new URL('../../hub/db/pool.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));

// The request's part in the child: take a connection, query, wait (the test ends the backend meanwhile),
// query again on it, then ask the pool afresh.
const REQUEST = `
const { createPool, databaseUnavailableReason } = await import(${JSON.stringify(POOL_MODULE)});
const pool = createPool(process.env.DATABASE_URL);
const client = await pool.connect();
const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
console.log('PID ' + rows[0].pid);
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.destroy();
const next = await client.query('SELECT 1').then(() => 'answered', (err) => 'refused, ' + (databaseUnavailableReason(err) ? 'unavailable' : err.message));
client.release(true);
const fresh = await pool.query('SELECT 2 AS n');
console.log('NEXT ' + next + '; FRESH ' + fresh.rows[0].n);
await pool.end();
`;

let postgres: TestPostgres;
let url: string;
beforeAll(async () => {
  postgres = await startTestPostgres();
  url = await postgres.createDatabase();
}, 120_000);
afterAll(async () => {
  await postgres?.stop();
});

describe('a hub connection lost while a request holds it', () => {
  it('does not end the hub process: the next query is refused as the database unavailable, and a new connection serves', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', REQUEST], { cwd: REPO, env: { ...process.env, DATABASE_URL: url }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 30_000;
    while (!/PID (\d+)/.test(output) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const pid = Number(/PID (\d+)/.exec(output)?.[1]);
    expect(pid, output).toBeGreaterThan(0);

    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    } finally {
      await admin.end();
    }
    // The loss reaches the child while its request holds the connection between two queries.
    await new Promise((r) => setTimeout(r, 500));
    child.stdin.write('go\n');
    expect(await exited, output).toBe(0);
    expect(output).toContain('NEXT refused, unavailable; FRESH 2');
  });
});
