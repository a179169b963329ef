// @vitest-environment happy-dom
/**
 * The first-run screen opens with its heading focused, so the first keys (F1 and Escape, Tab) start
 * in the screen and a dialog closed there gives the focus back to it, not to the page; a control the
 * person already reached while the screen loaded keeps the focus.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { FirstRunScreen } from '../../renderer/screens/setup/FirstRunScreen.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();

async function renderFirstRun() {
  const { container, root } = mounted();
  const api = coreApi(openTestBench());
  await act(async () =>
    root.render(
      <QueryClientProvider client={createBenchQueryClient()}>
        <FirstRunScreen api={api} empty onContinue={() => {}} />
      </QueryClientProvider>,
    ),
  );
  return container;
}

describe('the first-run screen', () => {
  it('opens with its heading focused, not the page', async () => {
    (document.activeElement as HTMLElement | null)?.blur();
    const container = await renderFirstRun();
    const heading = container.querySelector('h2');
    expect(heading?.textContent).toBe('Welcome to the packing bench');
    expect(document.activeElement).toBe(heading);
  });

  it('says once, politely, that data arrived from elsewhere (the CLI\'s demo), leaving the focus where the manager is', async () => {
    const { container, root } = mounted();
    const bench = openTestBench();
    const api = coreApi(bench);
    const client = createBenchQueryClient();
    const render = (empty: boolean) =>
      act(async () => root.render(<QueryClientProvider client={client}><FirstRunScreen api={api} empty={empty} onContinue={() => {}} /></QueryClientProvider>));
    await render(true);
    const fileBox = container.querySelector<HTMLInputElement>('input[type=file]')!;
    fileBox.focus();
    // The CLI's `demo` loads the demo data meanwhile; the bench's counts (the change stream) say it is no longer empty.
    expect(bench.call('loadDemoData', {}).ok).toBe(true);
    await render(false);
    const said = [...container.querySelectorAll('[role=status], [aria-live]')].filter((region) => region.textContent?.includes('This bench now holds products or orders'));
    expect(said).toHaveLength(1);
    expect(said[0]!.closest('[aria-live=assertive], [role=alert]')).toBeNull();
    expect(said[0]!.textContent).toContain('Go to Order Dispatch');
    expect([...container.querySelectorAll('button')].some((b) => b.textContent === 'Go to Order Dispatch')).toBe(true);
    expect(document.activeElement).toBe(fileBox);
  });

  it('leaves the focus where the person already put it', async () => {
    const elsewhere = document.createElement('button');
    document.body.append(elsewhere);
    elsewhere.focus();
    try {
      await renderFirstRun();
      expect(document.activeElement).toBe(elsewhere);
    } finally {
      elsewhere.remove();
    }
  });
});
