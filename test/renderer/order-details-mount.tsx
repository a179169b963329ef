/**
 * The order page of one order against a real test bench, in the test's own React root, with the query
 * cache it needs, then settled: what the order-details renderer tests start from.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { OrderDetails } from '../../renderer/screens/orders/details/OrderDetails.js';
import type { TestBench } from '../core/helpers.js';
import { coreApi, settle } from './dom-helpers.js';

export async function renderOrderDetails(root: Root, bench: TestBench, orderId: number): Promise<void> {
  act(() =>
    root.render(
      <QueryClientProvider client={createBenchQueryClient()}>
        <OrderDetails api={coreApi(bench)} orderId={orderId} onBack={() => {}} onDispatched={() => {}} />
      </QueryClientProvider>,
    ),
  );
  await settle();
}
