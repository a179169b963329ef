/**
 * The leaving-units picker mounted over a real test bench for one product, as the stock level editor
 * opens it (`from` shown, going to `to`, `mustLeave` to name); `scan` enters a value as a scanner does
 * (typed, then the form submitted by its Enter).
 */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { LeavingUnitsPicker } from '../../renderer/screens/products/LeavingUnitsPicker.js';
import type { TestBench } from '../core/helpers.js';
import { coreApi, typeInto } from './dom-helpers.js';

export async function mountLeavingPicker(root: Root, bench: TestBench, productId: number, { from, to, mustLeave }: { from: number; to: number; mustLeave: number }) {
  const product = bench.ok('getProduct', { productId });
  await act(async () =>
    root.render(<LeavingUnitsPicker api={coreApi(bench)} product={product} shownStockLevel={from} newStockLevel={to} mustLeave={mustLeave} onDone={() => {}} onCancel={() => {}} />),
  );
  const entry = document.getElementById('leaving-entry') as HTMLInputElement;
  const scan = async (value: string) => {
    typeInto(entry, value);
    await act(async () => entry.form!.requestSubmit());
  };
  return { scan };
}
