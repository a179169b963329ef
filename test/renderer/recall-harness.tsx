/**
 * The Recall screen on a root of mount.ts, with the bench's query cache, for renderer tests: shown
 * (settled) against `api`, and `search()` submitting its form as Enter or the Search button does.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import type { Root } from 'react-dom/client';
import type { BenchApi } from '../../shared/contract/api.js';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { RecallScreen } from '../../renderer/screens/recall/RecallScreen.js';
import { settle } from './dom-helpers.js';

export async function showRecall(root: Root, api: BenchApi): Promise<{ search: () => Promise<void> }> {
  act(() =>
    root.render(
      <QueryClientProvider client={createBenchQueryClient()}>
        <RecallScreen api={api} />
      </QueryClientProvider>,
    ),
  );
  await settle();
  const search = async () => {
    await act(async () => document.querySelector<HTMLFormElement>('form[role=search]')!.requestSubmit());
    // The search's read, then what it shows.
    await settle();
    await settle();
  };
  return { search };
}
