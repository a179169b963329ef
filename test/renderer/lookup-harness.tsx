/**
 * Identifier Lookup on a root of mount.ts, with the bench's query cache, for renderer tests: shown
 * (settled) against `api`; the cache is returned for tests that say a change elsewhere to it.
 */
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { act } from 'react';
import type { Root } from 'react-dom/client';
import type { BenchApi } from '../../shared/contract/api.js';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { LookupScreen } from '../../renderer/screens/lookup/LookupScreen.js';
import { settle } from './dom-helpers.js';

export async function showLookup(root: Root, api: BenchApi, client: QueryClient = createBenchQueryClient()): Promise<QueryClient> {
  act(() =>
    root.render(
      <QueryClientProvider client={client}>
        <LookupScreen api={api} />
      </QueryClientProvider>,
    ),
  );
  await settle();
  return client;
}
