/**
 * A barcode names one product at the hub too (real PostgreSQL, real HTTP on 127.0.0.1): a product
 * upsert giving a product a barcode another product already has is refused, naming the barcode and the
 * other SKU, and changes nothing, as a bench's import refuses it (shared-barcodes.ts). One GTIN written
 * with other leading zeros is the same barcode (shared/gs1/barcode-forms.ts); a product sending its own
 * barcode again, or moving to a free one, goes ahead.
 */
import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { call } from '../../hub/testing/client.js';
import { barcodeAsGtin14 } from '../../shared/gs1/element-string.js';
import type { CatalogueResponse } from '../../shared/sync/protocol.js';
import { integration, useHubFixture, warehouse } from './fixture.js';
import { BARCODE_FORM_INDEX } from '../../hub/db/migrations/0032-barcode-names-one-product.js';

const fx = useHubFixture();

/** A valid GTIN-13 (check digit 0), and the same GTIN as GTIN-14. */
const GTIN13 = '5012345678900';
const GTIN14 = `0${GTIN13}`;
const FREE_GTIN = '4006381333931';

const item = (sku: string, barcode: string | null, title = `Product ${sku}`) => ({ sku, title, barcode, identifierMode: 'none' });

async function barcodes(sql: pg.Client): Promise<Record<string, string | null>> {
  const rows = (await sql.query<{ sku: string; barcode: string | null }>('SELECT sku, barcode FROM products ORDER BY sku')).rows;
  return Object.fromEntries(rows.map((r) => [r.sku, r.barcode]));
}

describe('shared barcodes at the hub', () => {
  it('refuses a second product with a barcode another product has, in any GTIN form, and stores nothing of it', async () => {
    const hub = await fx.hub();
    await warehouse(hub, 'North', ['A']);
    const system = await integration(hub, 'North');
    const sql = await fx.sql(hub);
    const post = (body: unknown) => call<CatalogueResponse>(hub.url, system.token, 'POST', '/v1/products', body);

    expect((await post({ products: [item('CBL-1', GTIN14, 'Cable')] })).body.results).toEqual([{ sku: 'CBL-1', status: 'applied' }]);

    const same = await post({ products: [item('PHN', GTIN14, 'Phone')] });
    expect(same.status).toBe(200);
    expect(same.body.results).toEqual([
      { sku: 'PHN', status: 'rejected', reason: `products.0: Barcode ${GTIN14} is already product CBL-1's; a barcode names one product` },
    ]);
    // The same GTIN without its leading zero is the same barcode to a scanner.
    expect((await post({ products: [item('PHN', GTIN13, 'Phone')] })).body.results).toEqual([
      { sku: 'PHN', status: 'rejected', reason: `products.0: Barcode ${GTIN13} is already product CBL-1's (as ${GTIN14}, the same GTIN); a barcode names one product` },
    ]);
    // An existing product taking it is refused too, and keeps what it had.
    expect((await post({ products: [item('TAB', null, 'Tablet')] })).body.results).toEqual([{ sku: 'TAB', status: 'applied' }]);
    expect((await post({ products: [item('TAB', GTIN14, 'Tablet, new')] })).body.results).toEqual([
      { sku: 'TAB', status: 'rejected', reason: `products.0: Barcode ${GTIN14} is already product CBL-1's; a barcode names one product` },
    ]);
    expect(await barcodes(sql)).toEqual({ 'CBL-1': GTIN14, TAB: null });
    expect((await sql.query("SELECT title FROM products WHERE sku = 'TAB'")).rows).toEqual([{ title: 'Tablet' }]);
    // Nothing of the refused upserts went to the benches either.
    expect((await sql.query("SELECT payload->>'sku' AS sku, payload->>'barcode' AS barcode FROM changes WHERE payload->>'kind' = 'product' ORDER BY id")).rows).toEqual([
      { sku: 'CBL-1', barcode: GTIN14 },
      { sku: 'TAB', barcode: null },
    ]);
  });

  it('takes the same product sending its own barcode again, and a move to a free barcode (which frees the old one)', async () => {
    const hub = await fx.hub();
    await warehouse(hub, 'North', ['A']);
    const system = await integration(hub, 'North');
    const sql = await fx.sql(hub);
    const post = async (...products: unknown[]) => (await call<CatalogueResponse>(hub.url, system.token, 'POST', '/v1/products', { products })).body.results;

    expect(await post(item('CBL-1', GTIN14, 'Cable'))).toEqual([{ sku: 'CBL-1', status: 'applied' }]);
    // Again, with a new title; then written as GTIN-13: still its own barcode.
    expect(await post(item('CBL-1', GTIN14, 'Cable, 2 m'))).toEqual([{ sku: 'CBL-1', status: 'applied' }]);
    expect(await post(item('CBL-1', GTIN13, 'Cable, 2 m'))).toEqual([{ sku: 'CBL-1', status: 'applied' }]);
    // Moved to a free barcode; the old one is then free for another product, in the same request.
    expect(await post(item('CBL-1', FREE_GTIN, 'Cable, 2 m'), item('PHN', GTIN14, 'Phone'))).toEqual([
      { sku: 'CBL-1', status: 'applied' },
      { sku: 'PHN', status: 'applied' },
    ]);
    expect(await barcodes(sql)).toEqual({ 'CBL-1': FREE_GTIN, PHN: GTIN14 });
    // A barcode that is not a GTIN is compared as itself: "0501" is not "501".
    expect(await post(item('A', '501'), item('B', '0501'), item('C', '501'))).toEqual([
      { sku: 'A', status: 'applied' },
      { sku: 'B', status: 'applied' },
      { sku: 'C', status: 'rejected', reason: `products.2: Barcode 501 is already product A's; a barcode names one product` },
    ]);
    // Products without a barcode share nothing.
    expect(await post(item('N1', null), item('N2', null))).toEqual([
      { sku: 'N1', status: 'applied' },
      { sku: 'N2', status: 'applied' },
    ]);
    // Two products that shared a barcode before the hub refused it can still be sent as they are.
    await sql.query("UPDATE products SET barcode = $1 WHERE sku = 'N1'", [GTIN13]);
    expect(await post(item('N1', GTIN13, 'Renamed'), item('PHN', GTIN14, 'Phone, renamed'))).toEqual([
      { sku: 'N1', status: 'applied' },
      { sku: 'PHN', status: 'applied' },
    ]);
  });

  it("finds a barcode's holders by index, not by reading every product", async () => {
    const hub = await fx.hub();
    const sql = await fx.sql(hub);
    await sql.query('SET enable_seqscan = off');
    const plan = await sql.query<{ 'QUERY PLAN': string }>("EXPLAIN SELECT sku FROM products WHERE warehouse_id = 1 AND barcode_form(barcode) = '05012345678900'");
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain(BARCODE_FORM_INDEX);
    expect(text).not.toMatch(/Seq Scan on products/);
    // The hub's form is the bench's (barcodeAsGtin14, else the barcode itself).
    const samples = [GTIN13, GTIN14, FREE_GTIN, '96385074', '00096385074', '012345678905', '5012345678901', '0501', 'ABC-1', '123456789012345'];
    const forms = await sql.query<{ form: string }>('SELECT barcode_form(b) AS form FROM unnest($1::text[]) WITH ORDINALITY AS s (b, n) ORDER BY n', [samples]);
    expect(forms.rows.map((r) => r.form)).toEqual(samples.map((b) => barcodeAsGtin14(b) ?? b));
  });

  it("refuses a bench's push of a product with another product's barcode, as the order system's", async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'North', ['A']);
    const sql = await fx.sql(hub);
    const answer = await bench!.push(
      { type: 'product.upsert', sku: 'CBL-1', title: 'Cable', barcode: GTIN13, identifierMode: 'none' },
      { type: 'product.upsert', sku: 'PHN', title: 'Phone', barcode: GTIN14, identifierMode: 'none' },
    );
    expect(answer.results.map((r) => [r.status, r.reason])).toEqual([
      ['applied', undefined],
      ['rejected', `Barcode ${GTIN14} is already product CBL-1's (as ${GTIN13}, the same GTIN); a barcode names one product`],
    ]);
    expect(await barcodes(sql)).toEqual({ 'CBL-1': GTIN13 });
  });
});
