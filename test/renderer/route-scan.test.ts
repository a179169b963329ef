/**
 * Where a scan made outside any box goes (renderer/app/route-scan.ts), against the real core over the
 * real loopback host: GS1 codes open the lookup of the identifier they carry, or else the product
 * whose barcode their GTIN is; malformed ones are reported with the reason.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../electron/web/host.js';
import { routeScan } from '../../renderer/app/route-scan.js';
import { createHttpBenchApi } from '../../renderer/api/http-transport.js';
import type { BenchApi } from '../../shared/contract/api.js';
import { openTestBench, tempDir, type TestBench } from '../core/helpers.js';

const GS = '\u001d';
let bench: TestBench;
let host: RunningHost;
let api: BenchApi;

beforeAll(async () => {
  const root = tempDir('route-scan-', 'file');
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>bench</title>');
  bench = openTestBench({ dir: root, scope: 'file' });
  bench.ok('importCsv', {
    files: [
      { name: 'products.csv', content: 'sku,title,barcode,identifier_mode,stock_level\nMED-1,Insulin pen,9506000134352,multiple_use,2\nMED-2,Saline,09501101530003,multiple_use,1\n' },
      { name: 'identifiers.csv', content: 'sku,identifier\nMED-1,SN0001\n' },
    ],
  });
  host = await startHost({ handlers: bench.core, rendererDir, log: () => {} });
  api = createHttpBenchApi(`http://127.0.0.1:${host.port}/`, host.secret);
});

afterAll(async () => {
  await host?.close();
});

describe('routeScan with a plain product barcode', () => {
  it("opens the product whose barcode was scanned (EAN-13, or GTIN-14 with its zeros), and says so when none has it", async () => {
    expect(await routeScan(api, '9506000134352')).toMatchObject({ kind: 'product', product: { sku: 'MED-1' } });
    expect(await routeScan(api, '9501101530003')).toMatchObject({ kind: 'product', product: { sku: 'MED-2' } });
    expect(await routeScan(api, '09506000134352')).toMatchObject({ kind: 'product', product: { sku: 'MED-1' } });
    expect(await routeScan(api, '5012345678900')).toEqual({ kind: 'unknown', message: 'Scanned "5012345678900": no order, identifier or product barcode has that value.' });
    // An identifier of that value wins: the lookup is what a scan of a held identifier opens.
    expect(await routeScan(api, 'SN0001')).toEqual({ kind: 'identifier', value: 'SN0001' });
  });
});

describe('routeScan with GS1 codes', () => {
  it('opens the lookup of the serial a GS1 code carries, when the bench holds it', async () => {
    const code = `]d201095060001343521727123110LOT${GS}21SN0001`;
    // With the code itself: the lookup reads it again and shows the GTIN's product only.
    expect(await routeScan(api, code)).toEqual({ kind: 'identifier', value: 'SN0001', gs1Code: code });
  });

  it('opens the product whose barcode is the GTIN, when the identifier is not on this bench', async () => {
    const route = await routeScan(api, `]d20109501101530003` + `21NEW-1`);
    expect(route).toMatchObject({ kind: 'product', product: { sku: 'MED-2' } });
    // The substitute character the scanner settings name stands for GS.
    expect(await routeScan(api, `]d20109506000134352` + `10L1~21SN0001`, '~')).toEqual({ kind: 'identifier', value: 'SN0001', gs1Code: `]d20109506000134352` + `10L1~21SN0001` });
  });

  it('says when no product has the GTIN, and why a malformed code was refused', async () => {
    expect(await routeScan(api, '(01)05012345678900(21)X')).toEqual({
      kind: 'unknown',
      message: 'Scanned a GS1 code with GTIN 05012345678900: no product on this bench has that barcode.',
    });
    expect(await routeScan(api, ']d20109506000134353')).toEqual({
      kind: 'unknown',
      message: 'Scanned a GS1 code that was refused: the GTIN (AI 01) 09506000134353 has a wrong check digit (GS1 mod-10).',
    });
  });
});

describe('routeScan with an identifier no product holds now', () => {
  it('opens the lookup of a value renamed away, which shows where it went', async () => {
    const productId = bench.product('REN-1', 'multiple_use', 1, ['OLD-9']);
    const box = bench.ok('getSerialGrid', { productId }).boxes.find((b) => b.value === 'OLD-9')!;
    bench.ok('saveSerialGrid', { productId, edits: [{ box: box.box, identifierId: box.identifierId, value: 'NEW-9' }] });
    expect(await routeScan(api, 'OLD-9')).toEqual({ kind: 'identifier', value: 'OLD-9' });
    // A value this bench never knew is still reported.
    expect(await routeScan(api, 'NEVER-9')).toEqual({ kind: 'unknown', message: 'Scanned "NEVER-9": no order or identifier has that value.' });
  });
});

describe('routeScan with a code longer than any order number or identifier', () => {
  it("says no order or identifier has it, quoting its start, not the contract's refusal of an order number that long", async () => {
    // A QR code's web address, 320 characters: no order number (100 at most) nor identifier (200) is that long.
    const url = `https://example.com/track?id=${'a'.repeat(291)}`;
    expect(await routeScan(api, url)).toEqual({ kind: 'unknown', message: `Scanned "${url.slice(0, 59)}…": no order or identifier has that value.` });
    // Long enough for an identifier, not for an order number: still looked up as an identifier.
    const productId = bench.product('LONG-1', 'multiple_use', 1, ['L'.repeat(150)]);
    expect(productId).toBeGreaterThan(0);
    expect(await routeScan(api, 'L'.repeat(150))).toEqual({ kind: 'identifier', value: 'L'.repeat(150) });
    expect((await routeScan(api, 'M'.repeat(150))).kind).toBe('unknown');
  });
});
