/**
 * The order page of one order against a real test bench, in the test's own React root, with the query
 * cache it needs, then settled: what the order-details renderer tests start from.
 */
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { OrderDetails } from '../../renderer/screens/orders/details/OrderDetails.js';
import type { BenchApi } from '../../shared/contract/api.js';
import type { TestBench } from '../core/helpers.js';
import { coreApi, settle } from './dom-helpers.js';

/** `api`: the bench's core unless a test holds or counts its calls; `client`: one the test invalidates itself (as the change stream would). */
export async function renderOrderDetails(
  root: Root,
  bench: TestBench,
  orderId: number,
  { api = coreApi(bench), client = createBenchQueryClient() }: { api?: BenchApi; client?: QueryClient } = {},
): Promise<void> {
  act(() =>
    root.render(
      <QueryClientProvider client={client}>
        <OrderDetails api={api} orderId={orderId} onBack={() => {}} onDispatched={() => {}} />
      </QueryClientProvider>,
    ),
  );
  await settle();
}
