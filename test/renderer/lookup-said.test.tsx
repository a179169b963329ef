// @vitest-environment happy-dom
/**
 * What a screen reader hears as Identifier Lookup answers: one sentence naming the products that hold
 * the identifier, their state and how many order units it is in; not the whole answer (the orders table
 * and the history timeline were inside the live region, read out as one run-on string at each look-up).
 * Real core.
 */
import { act } from 'react';
import { expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { coreApi, settle, typeInto } from './dom-helpers.js';
import { showLookup } from './lookup-harness.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();
const live = () => document.querySelector<HTMLElement>('[aria-live="polite"]')!;

async function lookUp(value: string) {
  typeInto(document.querySelector<HTMLInputElement>('input[type=search]')!, value);
  await act(async () => document.querySelector<HTMLFormElement>('form[role=search]')!.requestSubmit());
  await settle();
  await settle();
}

it('says what was found in one sentence; the orders and the history are on the page, outside what is said', async () => {
  const bench = openTestBench();
  const productId = bench.product('PHN-1', 'single_use', 2, ['SN-77', 'SN-78']);
  const order = bench.order('O-1', [['PHN-1', 1]]);
  bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'SN-77' }] });
  await showLookup(mounted().root, coreApi(bench));

  await lookUp('SN-77');
  expect(document.querySelector('.lookup-orders')?.textContent).toContain('O-1');
  expect(live().textContent).toBe('Found "SN-77": PHN-1, allocated to an order (not dispatched yet), in 1 order unit.');
  expect(live().querySelector('table, ol, ul')).toBeNull();

  // The product's kind is shown beside its mode (a lot or a use-by date read as a serial number by the mode alone).
  const fact = (name: string) => [...document.querySelectorAll('.lookup-match dt')].find((dt) => dt.textContent === name)?.nextElementSibling?.textContent;
  expect(fact('Kind')).toBe('Other');
  bench.ok('setIdentifierSpec', { productId, identifierKind: 'serial', identifierFormat: null, minShelfLifeDays: null });

  await lookUp('SN-78');
  expect(fact('Kind')).toBe('Serial number');
  expect(live().textContent).toBe('Found "SN-78": PHN-1, available, in no order.');

  // Nothing found: said as before, with its suggestions.
  await lookUp('sn-78');
  expect(live().textContent).toContain('No identifier "sn-78" was found. Identifiers are case sensitive.');
});
