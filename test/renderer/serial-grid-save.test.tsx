// @vitest-environment happy-dom
/**
 * The serial grid against a real core: serial numbers typed or scanned into empty boxes while "Save
 * Changes" is on its way (the boxes stay open) are not lost: the grid read after the save has them in
 * its empty boxes, unsaved, and the saved message says so.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { SerialGridScreen } from '../../renderer/screens/products/SerialGridScreen.js';
import type { BenchApi, BenchMethod } from '../../shared/contract/api.js';
import { openTestBench, type TestBench } from '../core/helpers.js';
import { mountPointPerTest } from './mount.js';
import { giveBoxListsAViewport, settle, typeInto } from './dom-helpers.js';

const mounted = mountPointPerTest();
giveBoxListsAViewport();

/** The contract over the bench's core; saveSerialGrid answers once `release()` is called. */
function heldSaveApi(bench: TestBench) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const api = new Proxy({} as BenchApi, {
    get: (_, method: string) => async (args: unknown) => {
      if (method === 'saveSerialGrid') await released;
      return bench.call(method as BenchMethod, args as never);
    },
  });
  return { api, release };
}

const box = (i: number) => document.getElementById(`serial-box-${i}`) as HTMLInputElement;

/**
 * A grid of 5 empty boxes (multiple use): "A-1" typed into box 1 and saved, `meanwhile` done while the
 * core has not answered, then the answer; returns the bench and the product.
 */
async function saveWhileTyping(meanwhile: () => void) {
  const bench = openTestBench();
  const productId = bench.product('MU', 'multiple_use', 5);
  const { api, release } = heldSaveApi(bench);
  const { root } = mounted();
  act(() => root.render(<QueryClientProvider client={createBenchQueryClient()}><SerialGridScreen api={api} productId={productId} onBack={() => {}} /></QueryClientProvider>));
  await settle();
  typeInto(box(0), 'A-1');
  await act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Save Changes')!.click());
  meanwhile();
  release();
  await settle();
  await settle();
  return { bench, productId };
}

describe('typing while the serial numbers are being saved', () => {
  it('keeps what was typed meanwhile in the grid, unsaved, and says so', async () => {
    const { bench, productId } = await saveWhileTyping(() => typeInto(box(1), 'A-2'));
    expect(bench.ok('getSerialGrid', { productId }).boxes.map((b) => b.value)).toEqual(['A-1', '', '', '', '']);
    expect([0, 1].map((i) => box(i).value)).toEqual(['A-1', 'A-2']);
    expect(document.querySelector('.unsaved-count')?.textContent).toBe('1 unsaved change');
    expect(document.body.textContent).toContain('Typed while saving, not saved yet: 1 new serial number kept.');
  });

  it('does not add a second copy of a box the save carried when it was changed meanwhile, and says the change was not applied', async () => {
    const { bench, productId } = await saveWhileTyping(() => typeInto(box(0), 'A-1x'));
    expect(bench.ok('getSerialGrid', { productId }).boxes.map((b) => b.value)).toEqual(['A-1', '', '', '', '']);
    expect([0, 1].map((i) => box(i).value)).toEqual(['A-1', '']);
    expect(document.body.textContent).toContain('Typed while saving, not saved yet: 0 new serial numbers kept; 1 change to saved serial numbers dropped.');
  });
});

describe('the saved message', () => {
  it('gives the focus back, on OK, to the box the packer was typing into while the save ran', async () => {
    await saveWhileTyping(() => {
      act(() => box(1).focus());
      typeInto(box(1), 'A-2');
    });
    const ok = [...document.querySelectorAll('dialog button')].find((b) => b.textContent === 'OK') as HTMLButtonElement;
    expect(ok).toBeDefined();
    await act(async () => ok.click());
    await settle();
    expect(document.activeElement?.id).toBe('serial-box-1');
  });
});
