// @vitest-environment happy-dom
/**
 * Identifier Lookup against a real core whose history read fails while the look-up itself answers:
 * the failure is said (naming the history as what could not be read), beeped and announced, and what is
 * known is shown: a value held shows its product and status, one no product holds says so (it showed
 * nothing at all, the "not found" line waiting for a history that never came).
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { BenchApi } from '../../shared/contract/api.js';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { LookupScreen } from '../../renderer/screens/lookup/LookupScreen.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, settle, typeInto } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();

const NOT_ANSWERING = 'The bench service is not reachable; is it still running?';
const alerts = () => [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent);

async function lookUp(typed: string) {
  const bench = openTestBench();
  bench.product('PHN-1', 'single_use', 2, ['SN-77', 'SN-78']);
  const core = coreApi(bench);
  const historyFails = new Proxy(core, {
    get: (target, method: keyof BenchApi) =>
      method === 'getIdentifierHistory' ? async () => ({ ok: false, error: { code: 'internal', message: NOT_ANSWERING, issues: [] } }) : target[method],
  });
  const { root } = mounted();
  act(() =>
    root.render(
      <QueryClientProvider client={createBenchQueryClient()}>
        <LookupScreen api={historyFails} />
      </QueryClientProvider>,
    ),
  );
  await settle();
  typeInto(document.querySelector<HTMLInputElement>('input[type=search]')!, typed);
  await act(async () => document.querySelector<HTMLFormElement>('form[role=search]')!.requestSubmit());
  await settle();
  await settle();
}

describe('Identifier Lookup, its history not read', () => {
  it('a value held: the failure is said naming the history, beeped and announced; product and status shown', async () => {
    await lookUp('SN-77');
    expect(alerts()).toEqual([`⚠ The history of "SN-77" at this bench could not be read: ${NOT_ANSWERING}`]);
    expect(document.querySelector('.lookup-match h3')?.textContent).toContain('PHN-1');
    expect([...document.querySelectorAll('.lookup-match dt')].find((dt) => dt.textContent === 'Status')?.nextElementSibling?.textContent).toBe('Available');
    await beeps.played();
    expect(beeps.count()).toBe(1);
  });

  it('a value no product holds: said so (not nothing), with the history failure, beeped', async () => {
    await lookUp('NOPE-1');
    expect(alerts()).toEqual([`⚠ The history of "NOPE-1" at this bench could not be read: ${NOT_ANSWERING}`]);
    expect(document.querySelector('.lookup-empty')?.textContent).toBe('No product holds "NOPE-1" now. Identifiers are case sensitive.');
    await beeps.played();
    expect(beeps.count()).toBe(1);
  });
});
