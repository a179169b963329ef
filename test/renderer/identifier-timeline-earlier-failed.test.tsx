// @vitest-environment happy-dom
/**
 * "Show earlier steps" whose read fails (the bench not answering): shown in an alert and beeped, as
 * every failed read the packer asked for is (the lookup's own, the conflicts list), and beeped again
 * when pressed again and it fails again.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { expect, it } from 'vitest';
import type { BenchApi } from '../../shared/contract/api.js';
import type { IdentifierEvent } from '../../shared/contract/trace-schemas.js';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { IdentifierTimeline } from '../../renderer/screens/lookup/IdentifierTimeline.js';
import { settle } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();

const step = (n: number): IdentifierEvent => ({
  at: '2026-01-01T00:00:00.000Z',
  kind: 'allocated',
  sku: 'CTN-1',
  value: 'LOT-1',
  stationId: 's',
  stationName: 'Test bench',
  actor: 'tester',
  orderNumber: 'SO-1',
  lineNo: 1,
  unit: n,
  detail: null,
  step: n,
});

it('beeps when the earlier steps cannot be read; pressed again, it reads (the alert gone) and beeps again when that fails too', async () => {
  let answer = () => {};
  let held = false;
  const failed = { ok: false, error: { code: 'internal', message: 'The bench is not answering.', issues: [] } };
  const api = {
    getIdentifierHistory: async () => (held ? new Promise((resolve) => (answer = () => resolve(failed))) : failed),
  } as unknown as BenchApi;
  const client = createBenchQueryClient();
  const { root } = mounted();
  act(() =>
    root.render(
      <QueryClientProvider client={client}>
        <IdentifierTimeline api={api} value="LOT-1" sku="CTN-1" label="History" events={[step(1001), step(1002)]} truncated />
      </QueryClientProvider>,
    ),
  );
  await settle();
  const button = () => [...document.querySelectorAll<HTMLButtonElement>('.timeline button')].find((b) => b.textContent === 'Show earlier steps');
  act(() => button()!.click());
  await settle();
  await settle();
  expect(document.querySelector('[role=alert]')?.textContent).toContain('The earlier steps could not be read');
  await beeps.played();
  expect(beeps.count()).toBe(1);

  held = true;
  await act(async () => button()!.click());
  await settle();
  const reading = [...document.querySelectorAll<HTMLButtonElement>('.timeline button')].find((b) => b.textContent === 'Reading earlier steps…');
  expect(reading?.getAttribute('aria-disabled')).toBe('true');
  expect(document.querySelector('[role=alert]')).toBeNull();
  await act(async () => answer());
  await settle();
  await settle();
  expect(document.querySelector('[role=alert]')?.textContent).toContain('The earlier steps could not be read');
  await beeps.played();
  expect(beeps.count()).toBe(2);
});
