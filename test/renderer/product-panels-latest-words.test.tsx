// @vitest-environment happy-dom
/**
 * The product screen's panels against a real core: each says what its last action did, but only the
 * latest of those words stays. "Stock level changed from 2 to 5." beside a later "Dispatch Identifier Mode
 * set to …" read as if both had just happened.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { ProductDetails } from '../../renderer/screens/products/ProductDetails.js';
import type { BenchApi, Product } from '../../shared/contract/api.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, settle, typeInto } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();
const press = (name: string) => act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!.click());
const statusWords = () => [...document.querySelectorAll('.product-panels [role=status]')].map((s) => s.textContent?.trim()).filter(Boolean);

function Screen({ api, first }: { api: BenchApi; first: Product }) {
  const [product, setProduct] = useState(first);
  return <ProductDetails api={api} product={product} onProductChanged={setProduct} onOpenGrid={() => {}} onBack={() => {}} initialFocus="heading" />;
}

describe('the product screen\'s panels', () => {
  it('show only the latest panel\'s words of what was done', async () => {
    const bench = openTestBench();
    const productId = bench.product('MILK', 'none', 2);
    await act(async () => mounted().root.render(<QueryClientProvider client={createBenchQueryClient()}><Screen api={coreApi(bench)} first={bench.ok('getProduct', { productId })} /></QueryClientProvider>));
    await settle();

    typeInto(document.getElementById('new-stock-level') as HTMLInputElement, '5');
    await press('Change Stock Level');
    await settle();
    expect(statusWords()).toEqual(['Stock level changed from 2 to 5.']);

    const setValue = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!;
    act(() => {
      const select = document.getElementById('identifier-mode') as HTMLSelectElement;
      setValue.call(select, 'multiple_use');
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await press('Set Mode');
    await settle();
    expect(statusWords()).toEqual([expect.stringMatching(/^Dispatch Identifier Mode set to /)]);
  });
});
