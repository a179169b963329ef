import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { hashToken } from '../../hub/auth/tokens.js';
import { isAlive, startEmbeddedPostgres } from '../../hub/db/embedded.js';
import { runCommand } from '../../hub/cli.js';
import { startHub } from '../../hub/hub.js';
import { BenchClient } from '../../hub/testing/client.js';
import { order, product, stockOf, useHubFixture, warehouse } from './fixture.js';
import { runHubCommand, serveHub } from './hub-process.js';

const fx = useHubFixture();

function postmasterPid(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

describe('hub processes', () => {
  it('keeps its data across a hub restart (the embedded PostgreSQL restart is in the CLI test)', async () => {
    const first = await fx.hub();
    const [a] = await warehouse(first, 'North', ['A']);
    const entries = a!.entries([product('P1'), { type: 'stock.delta', sku: 'P1', delta: 3 }]);
    await a!.pushEntries(entries);
    await first.stop();

    const second = await startHub({ databaseUrl: first.databaseUrl, log: () => undefined });
    try {
      const again = new BenchClient(second.url, a!.token, 'A');
      expect((await again.pushEntries(entries)).body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
      const { changes } = await again.pullAll();
      expect(changes.at(-1)).toMatchObject({ kind: 'product', sku: 'P1', stockLevel: 3 });
    } finally {
      await second.stop();
    }
  });

  it('serves one database from two hub processes without doubling or losing anything', async () => {
    const hubA = await fx.hub();
    const hubB = await startHub({ databaseUrl: hubA.databaseUrl, log: () => undefined });
    try {
      const [a] = await warehouse(hubA, 'North', ['A']);
      const { token } = await hubB.admin.addBench({ warehouse: 'North', station: 'B' });
      const b = new BenchClient(hubB.url, token, 'B');
      await a!.push(product('P1'), { type: 'identifier.add', sku: 'P1', values: ['SN'] }, order('O1', ['P1', 1]), order('O2', ['P1', 1]));

      // The same request delivered to both hubs at once (a retry racing the original): each op once.
      const entries = a!.entries(Array.from({ length: 50 }, () => ({ type: 'stock.delta' as const, sku: 'P1', delta: 1 })));
      const viaB = new BenchClient(hubB.url, a!.token, 'A');
      const [answerA, answerB] = await Promise.all([a!.pushEntries(entries), viaB.pushEntries(entries)]);
      for (let i = 0; i < entries.length; i++) {
        expect([answerA.body.results[i]!.status, answerB.body.results[i]!.status].sort()).toEqual(['applied', 'duplicate']);
      }
      expect(await stockOf(await fx.sql(hubA), 'P1')).toBe(50);

      // The single-use rule holds across processes.
      const [ra, rb] = await Promise.all([
        a!.push({ type: 'allocation.set', orderNumber: 'O1', lineNo: 1, unit: 1, sku: 'P1', value: 'SN' }),
        b.push({ type: 'allocation.set', orderNumber: 'O2', lineNo: 1, unit: 1, sku: 'P1', value: 'SN' }),
      ]);
      expect([ra.results[0]!.status, rb.results[0]!.status].sort()).toEqual(['applied', 'rejected']);

      // What one hub took, the other hands out.
      const viaHubB = (await b.pullAll()).changes;
      expect(viaHubB.filter((c) => c.kind === 'allocation')).toHaveLength(1);
      expect(viaHubB.filter((c) => c.kind === 'product').at(-1)).toMatchObject({ stockLevel: 50 });
    } finally {
      await hubB.stop();
    }
  });

  it('runs the set-up commands', async () => {
    const hub = await fx.hub();
    const env = { DATABASE_URL: hub.databaseUrl };
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    const error = vi.spyOn(console, 'error').mockImplementation((line: string) => void out.push(line));
    try {
      expect(await runCommand('add-warehouse', ['--name', 'North'], env)).toBe(0);
      expect(await runCommand('add-warehouse', ['--name=North'], env)).toBe(1);
      expect(await runCommand('add-bench', [], env)).toBe(1);
      expect(await runCommand('add-bench', ['--warehouse', 'Nowhere'], env)).toBe(1);
      expect(await runCommand('add-bench', ['--warehouse', 'North', '--station', 'A'], env)).toBe(0);
      expect(await runCommand('add-bench', ['--warehouse', 'North', '--station', 'A'], env)).toBe(1);
      expect(await runCommand('revoke-bench', ['--warehouse', 'North', '--station', 'A'], env)).toBe(0);
      expect(await runCommand('add-integration', ['--warehouse', 'North'], env)).toBe(0);
      expect(await runCommand('launch', [], env)).toBe(2);
      // A misspelt flag is refused before anything is done (no bench added under a made-up name).
      expect(await runCommand('add-bench', ['--warehouse', 'North', '--nmae', 'Packing 9'], env)).toBe(2);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
    const text = out.join('\n');
    expect(text).toContain('warehouse "North" added');
    expect(text).toContain('warehouse "North" already exists');
    expect(text).toContain('--warehouse is required');
    expect(text).toContain('no warehouse named "Nowhere"');
    expect(text).toContain('bench added to warehouse "North" as station A');
    expect(text).toContain('station "A" already has a live token; revoke it first');
    expect(text).toContain('token of station A revoked');
    expect(text).toContain('integration "orders" added');
    expect(text).toContain('unknown command "launch"');
    expect(text).toContain('unknown flag --nmae; add-bench takes --warehouse, --station, --name');
    // Tokens are printed once and stored only as hashes.
    const printed = text.match(/pbh_[A-Za-z0-9_-]{43}/g) ?? [];
    expect(printed).toHaveLength(2);
    const sql = await fx.sql(hub);
    const stored = await sql.query<{ token_hash: Buffer }>('SELECT token_hash FROM tokens ORDER BY id');
    expect(stored.rows.map((r) => r.token_hash.toString('hex'))).toEqual(printed.map((t) => hashToken(t).toString('hex')));
  });

  it('runs as `npm run hub` on its embedded PostgreSQL: serve, stop, kill -9, serve again', async () => {
    const env = { HUB_DATA_DIR: fx.postgres().tempDir('cli'), DATABASE_URL: '' };
    // Created here with the fast (unsynced) initdb, which is all the spawned hubs then skip.
    await (await startEmbeddedPostgres({ dataDir: env.HUB_DATA_DIR, durable: false })).stop();
    const served = await serveHub(env);
    // A set-up command while the hub runs shares its PostgreSQL.
    expect(await runCommand('add-warehouse', ['--name', 'North'], env)).toBe(0);
    const bench = await runHubCommand(['add-bench', '--warehouse', 'North', '--station', 'A'], env);
    expect(bench.code).toBe(0);
    const token = bench.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^pbh_[A-Za-z0-9_-]{43}$/);

    const a = new BenchClient(served.url, token, 'A');
    expect((await a.push(product('P1'), { type: 'stock.delta', sku: 'P1', delta: 2 })).lastSeq).toBe(2);
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);

    const again = await serveHub(env);
    const b = new BenchClient(again.url, token, 'A');
    expect((await b.pullAll()).changes.at(-1)).toMatchObject({ kind: 'product', stockLevel: 2 });
    // Killed outright (the hub process itself, not a wrapper): it no longer answers, its PostgreSQL
    // lives on, and the next hub adopts it rather than failing.
    const postmaster = postmasterPid(env.HUB_DATA_DIR);
    again.child.kill('SIGKILL');
    await again.exited;
    await expect(fetch(`${again.url}/healthz`)).rejects.toThrow();
    expect(isAlive(postmaster)).toBe(true);
    const third = await serveHub(env);
    try {
      const c = new BenchClient(third.url, token, 'A');
      c.entries([product('P1'), { type: 'stock.delta', sku: 'P1', delta: 2 }]);
      expect((await c.push({ type: 'stock.delta', sku: 'P1', delta: 1 })).results).toEqual([{ seq: 3, status: 'applied' }]);
      expect(postmasterPid(env.HUB_DATA_DIR)).toBe(postmaster);
    } finally {
      third.child.kill('SIGTERM');
      // It adopted the orphaned cluster, so it stops it too.
      expect(await third.exited).toBe(0);
    }
    expect(isAlive(postmaster)).toBe(false);
  });
});
