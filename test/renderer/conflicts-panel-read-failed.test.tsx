// @vitest-environment happy-dom
/**
 * The conflicts panel whose list cannot be read (the bench refusing or not answering the read): the
 * failure is shown in an alert and beeped once, as every failed read a screen asked for is (not left
 * silent for a packer looking at the product), and a read that works again takes it away.
 */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { beforeEach, expect, it } from 'vitest';
import type { BenchApi } from '../../shared/contract/api.js';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { ConflictsPanel } from '../../renderer/components/sync/ConflictsPanel.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';

const beeps = countBeeps();
const mounted = mountPointPerTest();
let root: Root;
beforeEach(() => ({ root } = mounted()));

const tick = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
const FAILED = 'The bench hit an unexpected error; nothing was changed.';

it('a conflicts list that cannot be read is shown in an alert and beeped once', async () => {
  const api = {
    listConflicts: async () => ({ ok: false as const, error: { code: 'internal' as const, message: FAILED, issues: [] } }),
  } satisfies Partial<BenchApi>;
  const client = createBenchQueryClient();
  await act(async () =>
    root.render(
      <QueryClientProvider client={client}>
        <ConflictsPanel api={api as unknown as BenchApi} onClose={() => {}} />
      </QueryClientProvider>,
    ),
  );
  await tick();
  await tick();
  expect(document.querySelector('[role=alert]')?.textContent).toContain(FAILED);
  await beeps.played();
  expect(beeps.count()).toBe(1);
  // Shown again on later renders: not a new beep per render.
  await tick();
  await beeps.played();
  expect(beeps.count()).toBe(1);
});
