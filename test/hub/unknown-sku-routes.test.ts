/**
 * Every hub route refusing a SKU the warehouse does not have names the SKU probably meant, as the
 * order intake does (real HTTP, real PostgreSQL): an integrator sending "cable-2m" to
 * POST /v1/identifiers or /v1/stock-counts was told only "unknown SKU cable-2m".
 */
import { describe, expect, it } from 'vitest';
import type { Hub } from '../../hub/hub.js';
import { call } from '../../hub/testing/client.js';
import type { CatalogueResponse } from '../../shared/sync/protocol.js';
import { integration, product, useHubFixture, warehouse } from './fixture.js';

const fx = useHubFixture();

/** Counts the hub's looks for a SKU meant, on its own pool with the database answering. */
function countLooks(hub: Hub): () => number {
  let looks = 0;
  const query = hub.pool.query.bind(hub.pool) as (...args: unknown[]) => unknown;
  (hub.pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    if ((args[0] as { name?: string } | undefined)?.name === 'hub_meant_sku_case') looks++;
    return query(...args);
  };
  return () => looks;
}

const COUNTED_AT = '2026-03-01T10:00:00Z';

describe('unknown SKUs at the catalogue routes', () => {
  it('POST /v1/identifiers and /v1/stock-counts name the SKU meant (case, else a typo away), none when unclear, and change nothing', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    await a!.push(product('CABLE-2M'), product('SKU-10'), product('SKU-11'));
    const oms = await integration(hub, 'North');
    const sql = await fx.sql(hub);

    const skus = ['cable-2m', 'CALBE-2M', 'SKU-1', 'NOPE'];
    const identifiers = await call<CatalogueResponse>(hub.url, oms.token, 'POST', '/v1/identifiers', {
      identifiers: skus.map((sku, i) => ({ sku, values: [`SN-${i}`], ...(i === 0 ? { useBy: '2026-09-01' } : {}) })),
    });
    expect(identifiers.status).toBe(200);
    expect(identifiers.body.results).toEqual([
      { sku: 'cable-2m', status: 'rejected', reason: 'identifiers.0: unknown SKU cable-2m (did you mean "CABLE-2M"? SKUs are case-sensitive)' },
      { sku: 'CALBE-2M', status: 'rejected', reason: 'identifiers.1: unknown SKU CALBE-2M (did you mean "CABLE-2M"?)' },
      { sku: 'SKU-1', status: 'rejected', reason: 'identifiers.2: unknown SKU SKU-1' }, // SKU-10 and SKU-11 are as near
      { sku: 'NOPE', status: 'rejected', reason: 'identifiers.3: unknown SKU NOPE' },
    ]);

    const counts = await call<CatalogueResponse>(hub.url, oms.token, 'POST', '/v1/stock-counts', {
      counts: skus.map((sku) => ({ sku, level: 5, countedAt: COUNTED_AT })),
    });
    expect(counts.status).toBe(200);
    expect(counts.body.results).toEqual([
      { sku: 'cable-2m', status: 'rejected', reason: 'counts.0: unknown SKU cable-2m (did you mean "CABLE-2M"? SKUs are case-sensitive)' },
      { sku: 'CALBE-2M', status: 'rejected', reason: 'counts.1: unknown SKU CALBE-2M (did you mean "CABLE-2M"?)' },
      { sku: 'SKU-1', status: 'rejected', reason: 'counts.2: unknown SKU SKU-1' },
      { sku: 'NOPE', status: 'rejected', reason: 'counts.3: unknown SKU NOPE' },
    ]);
    expect((await sql.query('SELECT 1 FROM identifiers')).rowCount).toBe(0);
    expect((await sql.query<{ sku: string }>('SELECT sku FROM products ORDER BY sku')).rows.map((r) => r.sku)).toEqual(['CABLE-2M', 'SKU-10', 'SKU-11']);
  });

  it('looks an unknown SKU up once per request however many items name it, each item told', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    await a!.push(product('CABLE-2M'));
    const oms = await integration(hub, 'North');
    const looks = countLooks(hub);
    const meant = '(did you mean "CABLE-2M"? SKUs are case-sensitive)';

    const items = Array.from({ length: 30 }, (_, i) => ({ sku: i % 2 ? 'cable-2m' : 'Cable-2m', values: [`SN-${i}`] }));
    const identifiers = await call<CatalogueResponse>(hub.url, oms.token, 'POST', '/v1/identifiers', { identifiers: items });
    expect(identifiers.body.results.map((r) => r.reason)).toEqual(items.map((item, i) => `identifiers.${i}: unknown SKU ${item.sku} ${meant}`));
    expect(looks()).toBe(2);

    const counts = Array.from({ length: 30 }, (_, i) => ({ sku: 'cable-2m', level: i, countedAt: `2026-03-01T10:${String(i).padStart(2, '0')}:00Z` }));
    const answer = await call<CatalogueResponse>(hub.url, oms.token, 'POST', '/v1/stock-counts', { counts });
    expect(answer.body.results.map((r) => r.reason)).toEqual(counts.map((_, i) => `counts.${i}: unknown SKU cable-2m ${meant}`));
    // A new request looks again: the warehouse's SKUs may have changed meanwhile.
    expect(looks()).toBe(3);
  });
});
