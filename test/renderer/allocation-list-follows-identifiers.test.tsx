// @vitest-environment happy-dom
/**
 * An open list of the allocation dialog follows the identifiers of its product changed elsewhere
 * (imported, added or removed on the product screen, by the CLI, by a sync pull) while it is open:
 * the real core service behind the browser-mode host, the renderer's HTTP transport and its SSE
 * change stream, so the list is told by the change event, not by a timer.
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
import type { BenchEvents } from '../../shared/contract/change-events.js';
import { csv, HEADERS, tempDir } from '../core/helpers.js';
import { giveBoxListsAViewport, settle } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';

const fetchOnWire = nodeFetch as unknown as typeof fetch;

let service: BenchCoreService;
let host: RunningHost;
const mounted = mountPointPerTest();
let stopListening: (() => void) | null = null;
afterEach(() => {
  stopListening?.();
  stopListening = null;
});

giveBoxListsAViewport('allocation-list');

beforeAll(async () => {
  const dir = tempDir('allocation-list-', 'file');
  service = await startCoreService({ worker: sourceWorker(), config: { file: `${dir}/bench.db`, stationName: 'List bench' }, log: () => {} });
  host = await startHost({ call: service.call, events: service, log: () => {} });
});
afterAll(async () => {
  await host?.close();
  await service?.close();
});

/** A product with two identifiers and an order for one unit of it. */
async function seed(tag: string, mode: 'single_use' | 'multiple_use') {
  const sku = `PHN-${tag}`;
  const imported = await service.api.importCsv({
    files: [
      { name: 'products.csv', content: csv([[...HEADERS.products], [sku, 'Phone', '', mode, 5]]) },
      { name: 'identifiers.csv', content: csv([['sku', 'identifier'], [sku, `SN-${tag}-1`], [sku, `SN-${tag}-2`]]) },
      { name: 'orders.csv', content: csv([[...HEADERS.orders], [`SO-${tag}`, 'Ada', sku, 1]]) },
    ],
  });
  expect(imported.ok).toBe(true);
  const found = await service.api.findOrderByNumber({ orderNumber: `SO-${tag}` });
  if (!found.ok || !found.value.order) throw new Error(`SO-${tag} was not imported`);
  const orderId = found.value.order.id;
  const order = await service.api.getOrder({ orderId });
  if (!order.ok) throw new Error(order.error.message);
  return { orderId, sku, productId: order.value.lines[0]!.productId };
}

function openDialog(orderId: number) {
  const api = createHttpBenchApi(`${host.origin}/`, host.secret, fetchOnWire);
  const events = sseEvents(`${host.origin}/`, host.secret, fetchOnWire);
  stopListening = events.subscribe(() => {});
  const orderIds = [orderId];
  act(() =>
    mounted().root.render(
      <BenchDataProvider client={createBenchQueryClient()} events={events as BenchEvents}>
        <AllocationDialog api={api} orderIds={orderIds} onSaved={() => {}} onCancel={() => {}} />
      </BenchDataProvider>,
    ),
  );
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await settle();
  }
  throw new Error(`gave up waiting for ${what}; the list shows: ${options().join(', ')}`);
}

const box = (tag: string) => document.querySelector<HTMLInputElement>(`[role=combobox][aria-label="SO-${tag} PHN-${tag} unit 1"]`);
const options = () => [...document.querySelectorAll<HTMLElement>('[role=option]')].map((o) => o.textContent ?? '');
const press = (element: HTMLElement, key: string) => act(() => void element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })));

/** The dialog open on the order, its box's list open and showing the product's two identifiers. */
async function openList(tag: string, mode: 'single_use' | 'multiple_use') {
  const seeded = await seed(tag, mode);
  openDialog(seeded.orderId);
  await until(() => box(tag) !== null && document.activeElement === box(tag), 'the box focused');
  press(box(tag)!, 'ArrowDown');
  await until(() => options().length === 2, 'the list of two');
  expect(box(tag)!.getAttribute('aria-expanded')).toBe('true');
  return seeded;
}

describe('an open list of the allocation dialog', () => {
  it('shows an identifier imported for its product meanwhile, and stays open with the focus', async () => {
    const { sku } = await openList('IMP', 'single_use');
    const imported = await service.api.importCsv({ files: [{ name: 'identifiers.csv', content: csv([['sku', 'identifier'], [sku, 'SN-IMP-3']]) }] });
    expect(imported.ok).toBe(true);
    await until(() => options().includes('SN-IMP-3'), 'the imported identifier listed');
    expect(options()).toEqual(['SN-IMP-1', 'SN-IMP-2', 'SN-IMP-3']);
    expect(box('IMP')!.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(box('IMP'));
  });

  it('drops an identifier removed from its product meanwhile, and lists one added on its grid', async () => {
    const { productId } = await openList('DEL', 'multiple_use');
    const found = await service.api.searchCandidates({ productId, query: 'SN-DEL-1', limit: 5, lookahead: 0 });
    const first = found.ok ? found.value.items[0] : undefined;
    const saved = await service.api.saveSerialGrid({ productId, edits: [{ box: 0, identifierId: first!.identifierId, value: '' }, { box: 2, identifierId: null, value: 'SN-DEL-9' }] });
    expect(saved.ok).toBe(true);
    await until(() => !options().includes('SN-DEL-1') && options().includes('SN-DEL-9'), 'the list following the grid');
    expect(options()).toEqual(['SN-DEL-2', 'SN-DEL-9']);
    expect(box('DEL')!.getAttribute('aria-expanded')).toBe('true');
  });
});
