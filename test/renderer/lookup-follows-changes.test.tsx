// @vitest-environment happy-dom
/**
 * Identifier Lookup against a real core, its answer changed elsewhere while shown (the change stream
 * reads it again): the answer shown follows, and the box is left as the packer has it. Only a look-up's
 * own answer selects the box for the next scan: an allocation made at another bench selected it, so the
 * identifier being typed was replaced by the next key (and, in Chromium, select() took the focus from
 * wherever it was; happy-dom's does not focus, so that is not seen here).
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { LookupScreen } from '../../renderer/screens/lookup/LookupScreen.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, settle, typeInto } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();

const box = () => document.querySelector<HTMLInputElement>('input[type=search]')!;
const status = () => [...document.querySelectorAll('.lookup-match dt')].find((dt) => dt.textContent === 'Status')?.nextElementSibling?.textContent;

async function lookedUp() {
  const bench = openTestBench();
  bench.product('PHN-1', 'single_use', 2, ['SN-77', 'SN-78']);
  const order = bench.order('O-1', [['PHN-1', 1]]);
  const client = createBenchQueryClient();
  const { root } = mounted();
  act(() =>
    root.render(
      <QueryClientProvider client={client}>
        <LookupScreen api={coreApi(bench)} />
      </QueryClientProvider>,
    ),
  );
  await settle();
  typeInto(box(), 'SN-77');
  await act(async () => document.querySelector<HTMLFormElement>('form[role=search]')!.requestSubmit());
  await settle();
  expect(status()).toBe('Available');
  expect([box().selectionStart, box().selectionEnd]).toEqual([0, 5]);
  /** SN-77 allocated at another bench, and the change stream's word that the traced data changed. */
  const allocatedElsewhere = async () => {
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'SN-77' }] });
    await act(() => client.invalidateQueries({ queryKey: ['trace'] }));
    await settle();
    expect(status()).toBe('Allocated to an order (not dispatched yet)');
  };
  return { allocatedElsewhere };
}

describe('Identifier Lookup, its answer changed elsewhere while shown', () => {
  it('the identifier being typed next stays as typed, not selected for the next key to replace', async () => {
    const { allocatedElsewhere } = await lookedUp();
    act(() => box().focus());
    typeInto(box(), 'SN-7');
    box().setSelectionRange(4, 4);
    await allocatedElsewhere();
    expect(box().value).toBe('SN-7');
    expect([box().selectionStart, box().selectionEnd]).toEqual([4, 4]);
  });
});
