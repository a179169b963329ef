// @vitest-environment happy-dom
/**
 * How often the allocation dialog reads its sheet, counted on the wire: the real core service (worker
 * thread, bench file) behind the real browser-mode host, the renderer's HTTP transport and its SSE
 * change stream. The sheet is read once on opening; a change to a product on none of its orders reads
 * nothing, while one to a product of its orders (here a None line made single-use) still reads it
 * again and is said.
 */
import { act } from 'react';
import { fetch as nodeFetch } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCoreService, type BenchCoreService } from '../../electron/core/service/core-service.js';
import { sourceWorker } from '../../electron/core/service/worker-source.js';
import { startHost, type RunningHost } from '../../electron/web/host.js';
import { sseEvents } from '../../renderer/api/event-stream.js';
import { createHttpBenchApi } from '../../renderer/api/http-transport.js';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { BenchDataProvider } from '../../renderer/app/use-change-stream.js';
import { AllocationDialog } from '../../renderer/screens/orders/allocation/AllocationDialog.js';
import type { BenchEvent, BenchEvents } from '../../shared/contract/change-events.js';
import { csv, HEADERS, tempDir } from '../core/helpers.js';
import { settle } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';

// happy-dom's fetch keeps to a page's origin rules; the transport is given Node's, as a browser page on the host would have.
const fetchOnWire = nodeFetch as unknown as typeof fetch;

let service: BenchCoreService;
let host: RunningHost;
const mounted = mountPointPerTest();
let stopListening: (() => void) | null = null;
afterEach(() => {
  stopListening?.();
  stopListening = null;
});

beforeAll(async () => {
  const dir = tempDir('allocation-reads-', 'file');
  service = await startCoreService({ worker: sourceWorker(), config: { file: `${dir}/bench.db`, stationName: 'Reads bench' }, log: () => {} });
  host = await startHost({ call: service.call, events: service, log: () => {} });
});
afterAll(async () => {
  await host?.close();
  await service?.close();
});

/** A fresh set of products and one order on the shared bench: a tracked line, a None line, and a product on no order. */
async function seed(tag: string) {
  const sku = (name: string) => `${name}-${tag}`;
  const imported = await service.api.importCsv({
    files: [
      {
        name: 'products.csv',
        content: csv([[...HEADERS.products], [sku('PHN'), 'Phone', '', 'single_use', 2], [sku('BOX'), 'Gift box', '', 'none', 5], [sku('OTHER'), 'Cable', '', 'none', 5]]),
      },
      { name: 'identifiers.csv', content: csv([['sku', 'identifier'], [sku('PHN'), `SN-${tag}-1`], [sku('PHN'), `SN-${tag}-2`]]) },
      { name: 'orders.csv', content: csv([[...HEADERS.orders], [`SO-${tag}`, 'Ada', sku('PHN'), 2], [`SO-${tag}`, 'Ada', sku('BOX'), 1]]) },
    ],
  });
  expect(imported.ok).toBe(true);
  const found = await service.api.findOrderByNumber({ orderNumber: `SO-${tag}` });
  if (!found.ok || !found.value.order) throw new Error(`SO-${tag} was not imported`);
  const orderId = found.value.order.id;
  const order = await service.api.getOrder({ orderId });
  if (!order.ok) throw new Error(order.error.message);
  const productOf = (name: string) => order.value.lines.find((l) => l.sku === sku(name))?.productId;
  const other = await service.api.findProducts({ query: sku('OTHER'), offset: 0, limit: 1 });
  if (!other.ok || !other.value.items[0]) throw new Error(`${sku('OTHER')} was not imported`);
  return { orderId, sku, box: productOf('BOX')!, other: other.value.items[0].id };
}

/** The dialog over the wire, with the getAllocationSheet calls it makes counted. */
function openDialog(orderId: number) {
  let sheetReads = 0;
  const countingFetch: typeof fetch = (input, init) => {
    if (String(input instanceof Request ? input.url : input).endsWith('/api/getAllocationSheet')) sheetReads++;
    return fetchOnWire(input, init);
  };
  const api = createHttpBenchApi(`${host.origin}/`, host.secret, countingFetch);
  const events = sseEvents(`${host.origin}/`, host.secret, fetchOnWire);
  const seen: BenchEvent[] = [];
  stopListening = events.subscribe((event) => seen.push(event));
  const orderIds = [orderId];
  const { root } = mounted();
  act(() =>
    root.render(
      <BenchDataProvider client={createBenchQueryClient()} events={events as BenchEvents}>
        <AllocationDialog api={api} orderIds={orderIds} onSaved={() => {}} onCancel={() => {}} />
      </BenchDataProvider>,
    ),
  );
  return { sheetReads: () => sheetReads, seen };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await settle();
  }
  throw new Error(`gave up waiting for ${what}; the dialog says: ${summary()} ${status()}`);
}

const status = () => document.querySelector('.dialog-status')?.textContent ?? '';
/** The dialog's summary line, spaces as typed ("1 order, 2 identifier boxes."). */
const summary = () => (document.querySelector('header')?.textContent ?? '').replace(/\s+/g, ' ');
/** A data event naming this product arrived on the change stream. */
const namesProduct = (seen: BenchEvent[], productId: number) => seen.some((e) => e.kind === 'data' && (e.products === 'all' || e.products.includes(productId)));

describe('the allocation dialog reading its sheet', () => {
  it('reads it once on opening', async () => {
    const { orderId } = await seed('ONCE');
    const dialog = openDialog(orderId);
    await until(() => summary().includes('2 identifier boxes'), 'the sheet');
    // Long enough for a second read, had one been asked for once the sheet showed.
    for (let i = 0; i < 10; i++) await settle();
    expect(dialog.sheetReads()).toBe(1);
  });

  it('does not read it again when a product on none of its orders changes, but does for one of its own', async () => {
    const { orderId, sku, box, other } = await seed('ELSE');
    const dialog = openDialog(orderId);
    await until(() => summary().includes('2 identifier boxes'), 'the sheet');
    for (let i = 0; i < 10; i++) await settle();
    const opened = dialog.sheetReads();

    expect((await service.api.setIdentifierMode({ productId: other, mode: 'single_use' })).ok).toBe(true);
    await until(() => namesProduct(dialog.seen, other), 'the change event for the other product');
    for (let i = 0; i < 10; i++) await settle();
    expect(dialog.sheetReads()).toBe(opened);

    // The dialog's own None line made single-use elsewhere: read again, and said.
    expect((await service.api.setIdentifierMode({ productId: box, mode: 'single_use' })).ok).toBe(true);
    await until(() => status().includes(`${sku('BOX')}'s identifier mode was changed elsewhere to single-use`), 'the mode change said');
    expect(dialog.sheetReads()).toBe(opened + 1);
    expect(summary()).toContain('3 identifier boxes');
  });
});
