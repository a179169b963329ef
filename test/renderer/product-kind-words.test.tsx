// @vitest-environment happy-dom
/**
 * The product screen names a product's values as its serial grid does: a lot product's counts and panel
 * speak of lot numbers, a use-by product's of use-by dates; kinds Serial number and Other keep serial
 * numbers. The grid's button keeps the design's "Manually Update Serial Numbers". Real core.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { IdentifierMode } from '../../shared/domain/modes.js';
import type { IdentifierKind } from '../../shared/identifiers/kinds.js';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { ProductDetails } from '../../renderer/screens/products/ProductDetails.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, settle } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();

async function productScreenOf(kind: IdentifierKind, mode: IdentifierMode) {
  const bench = openTestBench();
  const productId = bench.product('P-1', mode, 3);
  bench.ok('setIdentifierSpec', { productId, identifierKind: kind, identifierFormat: null, minShelfLifeDays: null });
  const product = bench.ok('getProduct', { productId });
  const { root } = mounted();
  act(() =>
    root.render(
      <QueryClientProvider client={createBenchQueryClient()}>
        <ProductDetails api={coreApi(bench)} product={product} onProductChanged={() => {}} onOpenGrid={() => {}} onBack={() => {}} initialFocus="heading" />
      </QueryClientProvider>,
    ),
  );
  await settle();
  const facts = Object.fromEntries([...document.querySelectorAll('.product-facts > div')].map((row) => [row.querySelector('dt')?.textContent, row.querySelector('dd')?.textContent]));
  const panel = document.querySelector('.serials-panel');
  return { facts, heading: panel?.querySelector('h3')?.textContent, panel: panel?.textContent ?? '' };
}

describe('the product screen names the values by the product kind', () => {
  it.each([
    ['lot', 'Lot numbers', 'Lot Numbers'],
    ['use_by', 'Use-by dates', 'Use-by Dates'],
    ['serial', 'Serial numbers', 'Serial Numbers'],
    ['other', 'Serial numbers', 'Serial Numbers'],
  ] as const)('kind %s: its counts and its panel', async (kind, counts, heading) => {
    const screen = await productScreenOf(kind, 'multiple_use');
    expect(screen.facts[counts]).toBe('0 available, 0 allocated, 0 dispatched');
    expect(screen.heading).toBe(heading);
    expect(screen.panel).toContain('Manually Update Serial Numbers');
  });

  it('a lot product without identifiers: choosing a mode enters lot numbers', async () => {
    const screen = await productScreenOf('lot', 'none');
    expect(screen.panel).toContain('This product has no dispatch identifiers. Choose a mode above to enter lot numbers.');
  });
});
