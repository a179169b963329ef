// @vitest-environment happy-dom
/**
 * Identifier Lookup against a real core, the same look-up pressed again: a value no identifier can be
 * (too long) is refused in the packer's words, beeped and announced each time; and after the bench did
 * not answer, "Look up" reads again (it did nothing: the failure stood, unheard).
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
const alerts = () => [...document.querySelectorAll('[role=alert]')];

/** The bench's contract, as a transport gives it while the bench does not answer (`down`) and after. */
function openLookup() {
  const bench = openTestBench();
  bench.product('PHN-1', 'single_use', 2, ['SN-77', 'SN-78']);
  const link = { down: false };
  const api = coreApi(bench);
  const flaky = new Proxy(api, {
    get: (target, method: keyof BenchApi) =>
      link.down ? async () => ({ ok: false, error: { code: 'internal', message: NOT_ANSWERING, issues: [] } }) : target[method],
  });
  const { root } = mounted();
  act(() =>
    root.render(
      <QueryClientProvider client={createBenchQueryClient()}>
        <LookupScreen api={flaky} />
      </QueryClientProvider>,
    ),
  );
  const lookUp = async (typed: string) => {
    typeInto(document.querySelector<HTMLInputElement>('input[type=search]')!, typed);
    await act(async () => document.querySelector<HTMLFormElement>('form[role=search]')!.requestSubmit());
    await settle();
  };
  return { link, lookUp };
}

describe('Identifier Lookup, the same look-up again', () => {
  it('too long for any identifier: refused naming the bound, beeped and announced each time', async () => {
    const { lookUp } = openLookup();
    await settle();
    await lookUp('x'.repeat(10_001));
    const first = alerts();
    expect(first.map((a) => a.textContent)).toEqual(['⚠ identifier is longer than 200 characters.']);
    await beeps.played();
    expect(beeps.count()).toBe(1);
    await lookUp('x'.repeat(10_001));
    expect(alerts().map((a) => a.textContent)).toEqual(['⚠ identifier is longer than 200 characters.']);
    expect(alerts()[0]).not.toBe(first[0]);
    await beeps.played();
    expect(beeps.count()).toBe(2);
  });

  it('the bench did not answer: looking up again reads again, and a second failure is beeped and announced again', async () => {
    const { link, lookUp } = openLookup();
    await settle();
    link.down = true;
    await lookUp('SN-77');
    const first = alerts();
    expect(first.map((a) => a.textContent)).toEqual([`⚠ ${NOT_ANSWERING}`]);
    await beeps.played();
    expect(beeps.count()).toBe(1);
    await lookUp('SN-77');
    expect(alerts()[0]).not.toBe(first[0]);
    await beeps.played();
    expect(beeps.count()).toBe(2);
    link.down = false;
    await lookUp('SN-77');
    expect(alerts()).toEqual([]);
    expect(document.querySelector('article[aria-label="PHN-1: SN-77"]')).not.toBeNull();
  });
});
