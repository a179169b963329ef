/**
 * Whatever a bench accepted, it can push: a batch is measured in the bytes it carries (a CJK character
 * is three), the hub's push route takes the largest op the shared bounds allow, and an op too large for
 * a hub that takes less becomes a conflict of its own instead of holding up every change after it.
 * Real hub (PostgreSQL) and real bench stores.
 */
import { describe, expect, it } from 'vitest';
import { MAX_IDENTIFIER_LENGTH } from '../../shared/sync/bounds.js';
import { MAX_VALUES_PER_OP, syncOpSchema } from '../../shared/sync/ops.js';
import { MAX_PUSHED_OP_BYTES } from '../../electron/core/sync/outbox.js';
import { useSyncFixture, type SyncBench } from './harness.js';

const fx = useSyncFixture();

/** Identifier values of MAX_IDENTIFIER_LENGTH characters, nearly all three bytes in UTF-8. */
const wideValues = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${'漢'.repeat(MAX_IDENTIFIER_LENGTH - prefix.length - 6)}${prefix}${String(i).padStart(6, '0')}`);

function importIdentifiers(bench: SyncBench, sku: string, values: string[]): void {
  bench.ok('importCsv', {
    files: [
      { name: 'products.csv', content: `sku,title,barcode,identifier_mode,stock_level\n${sku},Wide,,multiple_use,10\n` },
      { name: 'identifiers.csv', content: `sku,identifier\n${values.map((v) => `${sku},${v}`).join('\n')}\n` },
    ],
  });
}

async function hubIdentifierCount(hub: Awaited<ReturnType<typeof fx.hub>>, sku: string): Promise<number> {
  const rows = await hub.sql<{ n: string }>(
    `SELECT count(*) AS n FROM identifiers i JOIN products p ON p.id = i.product_id WHERE p.sku = $1 AND i.status <> 'removed'`,
    [sku],
  );
  return Number(rows[0]!.n);
}

describe('ops of many bytes', () => {
  it('the largest identifier ops the shared bounds allow fit one push request', () => {
    const values = wideValues('z', MAX_VALUES_PER_OP);
    const largest = [
      { type: 'identifier.add', sku: 'S'.repeat(100), values },
      { type: 'identifier.use_by', sku: 'S'.repeat(100), dates: values.map((value) => ({ value, useBy: '2027-12-31' })) },
    ];
    for (const op of largest) {
      expect(syncOpSchema.safeParse(op).success).toBe(true);
      expect(Buffer.byteLength(JSON.stringify(op))).toBeLessThanOrEqual(MAX_PUSHED_OP_BYTES);
    }
  });

  it('pushes the largest identifier op the bounds allow (values of three-byte characters), and what follows it', { timeout: 120_000 }, async () => {
    const hub = await fx.hub();
    const bench = await fx.bench(hub, 'B');
    // Two full ops of about 6 MB each: together more than any one request.
    importIdentifiers(bench, 'K1', wideValues('a', MAX_VALUES_PER_OP));
    importIdentifiers(bench, 'K2', wideValues('b', MAX_VALUES_PER_OP));
    bench.ok('changeStockLevel', { productId: bench.count('SELECT id FROM products WHERE sku = ?', 'K2'), newStockLevel: 12 });
    await bench.syncOk();
    expect(bench.pending()).toBe(0);
    expect(bench.conflicts()).toEqual([]);
    expect(await hubIdentifierCount(hub, 'K1')).toBe(MAX_VALUES_PER_OP);
    expect(await hubIdentifierCount(hub, 'K2')).toBe(MAX_VALUES_PER_OP);
    // Byte for byte at another bench.
    const other = await fx.bench(hub, 'C');
    await other.syncOk();
    const values = other.reader.prepare(`SELECT i.value FROM identifiers i JOIN products p ON p.id = i.product_id WHERE p.sku = 'K2' ORDER BY i.value`).pluck().all();
    expect(values).toEqual(wideValues('b', MAX_VALUES_PER_OP));
    expect(other.count(`SELECT stock_level FROM products WHERE sku = 'K2'`)).toBe(12);
  });

  it('a hub that takes less than the protocol promises gets smaller requests, then a clear error for the one op it still refuses', async () => {
    const hub = await fx.hub({ pushBodyLimit: 256 * 1024 });
    const bench = await fx.bench(hub, 'B');
    importIdentifiers(bench, 'BIG', wideValues('c', 1_000)); // a product op, then one identifier op of about 600 KB
    const result = await bench.sync.syncNow();
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/refused a change of 0\.\d MB as too large \(413\).* push requests of 8\.0 MB/) });
    // Nothing dropped: the product went (its own, smaller request), the identifier op waits for a fixed hub.
    expect(bench.pending()).toBe(1);
    expect(bench.conflicts()).toEqual([]);
    expect((await hub.view()).products.map((p) => p.sku)).toEqual(['BIG']);
  });

  it('an entry larger than any push request (left by an older version) becomes a conflict saying so; the changes after it go through', async () => {
    const hub = await fx.hub();
    const bench = await fx.bench(hub, 'B');
    bench.importRows({ 'products.csv': [['SMALL', 'Small', '', 'multiple_use', 1]] });
    await bench.syncOk();
    const oversized = { type: 'identifier.add', sku: 'SMALL', values: wideValues('d', 15_000) }; // about 8.9 MB: more than a push request carries
    bench.writer.prepare('INSERT INTO outbox (at, actor, op) VALUES (?, ?, ?)').run(new Date().toISOString(), 'old', JSON.stringify(oversized));
    bench.ok('changeStockLevel', { productId: bench.count(`SELECT id FROM products WHERE sku = 'SMALL'`), newStockLevel: 7 });
    await bench.syncOk();
    expect(bench.pending()).toBe(0);
    const conflicts = bench.conflicts();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.whatHappened).toMatch(/The hub refused it: the change is 8\.\d MB, more than one push request to the hub can carry/);
    expect(await hubIdentifierCount(hub, 'SMALL')).toBe(0);
    expect((await hub.view()).products).toEqual([{ sku: 'SMALL', mode: 'multiple_use', stock: 7 }]);
  });
});
