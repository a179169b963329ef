// @vitest-environment happy-dom
/**
 * An identifier's history in Identifier Lookup, against a real core, for a lot in use for long (more
 * steps than one answer carries, MAX_HISTORY_EVENTS). The timeline shows the product's latest steps,
 * so a step taken while it is open shows at its end (the first 1,000 were shown, and a lot allocated a
 * thousand times never showed a new step: "which order got it today" had no answer); it says how many
 * of how many are shown, with the thousands separated; "Show earlier steps" reads the page before,
 * puts the focus on the first step it loaded, and goes when there is none left (the focus on a step,
 * not the page); a change read again while earlier steps are shown keeps them, with no step left out,
 * and keeps the focus on the step the packer is on.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { LookupScreen } from '../../renderer/screens/lookup/LookupScreen.js';
import { MAX_HISTORY_EVENTS } from '../../shared/contract/trace-schemas.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, settle, typeInto } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();

const steps = () => [...document.querySelectorAll<HTMLLIElement>('.timeline li')];
const stepText = (li: HTMLElement | undefined) => li?.textContent?.replace(/^.*UTC /, '').replace(/ at Test bench by tester$/, '');
const note = () => document.querySelector('.timeline-earlier')?.textContent ?? null;
const showEarlier = () => [...document.querySelectorAll<HTMLButtonElement>('.timeline button')].find((b) => b.textContent === 'Show earlier steps');

/** LOT-1 added, then allocated to units 1..`units` of SO-1 (one step each); looked up. */
async function lookedUp(units: number) {
  const bench = openTestBench();
  bench.product('CTN-1', 'multiple_use', 1, ['LOT-1']);
  const order = bench.order('SO-1', [['CTN-1', 5000]]);
  const allocate = (from: number, to: number) =>
    bench.ok('saveAllocations', { allocations: Array.from({ length: to - from + 1 }, (_, i) => ({ lineId: order.lineIds[0]!, unit: from + i, value: 'LOT-1' })) });
  allocate(1, units);
  const client = createBenchQueryClient();
  const { root } = mounted();
  act(() =>
    root.render(
      <QueryClientProvider client={client}>
        <LookupScreen api={coreApi(bench)} />
      </QueryClientProvider>,
    ),
  );
  await settle();
  typeInto(document.querySelector<HTMLInputElement>('input[type=search]')!, 'LOT-1');
  await act(async () => document.querySelector<HTMLFormElement>('form[role=search]')!.requestSubmit());
  await settle();
  /** Units allocated elsewhere (another bench, the CLI), and the change stream's word. */
  const allocatedElsewhere = async (from: number, to: number) => {
    allocate(from, to);
    await act(() => client.invalidateQueries({ queryKey: ['trace'] }));
    await settle();
  };
  return { allocatedElsewhere };
}

describe('the identifier history of a lot with more steps than one answer carries', () => {
  it('shows the latest steps, says how many of how many, and a step taken while open shows at the end', async () => {
    expect(MAX_HISTORY_EVENTS).toBe(1000);
    const { allocatedElsewhere } = await lookedUp(1001);
    expect(steps()).toHaveLength(1000);
    expect(stepText(steps()[0])).toBe('Allocated — order SO-1, line 1, unit 2');
    expect(stepText(steps().at(-1))).toBe('Allocated — order SO-1, line 1, unit 1001');
    expect(note()).toBe('The latest 1,000 of 1,002 steps are shown. Show earlier steps');

    await allocatedElsewhere(1002, 1002);
    expect(steps()).toHaveLength(1000);
    expect(stepText(steps().at(-1))).toBe('Allocated — order SO-1, line 1, unit 1002');
    expect(note()).toBe('The latest 1,000 of 1,003 steps are shown. Show earlier steps');
  });

  it('"Show earlier steps" reads the page before and focuses its first step; with none left it goes, the focus staying on a step', async () => {
    await lookedUp(1001);
    act(() => showEarlier()!.focus());
    await act(async () => showEarlier()!.click());
    await settle();
    expect(steps()).toHaveLength(1002);
    expect(stepText(steps()[0])).toBe('Added');
    expect(document.activeElement).toBe(steps()[0]);
    expect(showEarlier()).toBeUndefined();
    expect(note()).toBeNull();
    // Numbered from the first step, each row once.
    expect(document.querySelector('.timeline ol')!.getAttribute('start')).toBe('1');
    expect(new Set(steps().map((li) => li.dataset.step)).size).toBe(1002);
  });

  it('pages back a page at a time; a change read again keeps every step shown, none left out, and the focus where it was', async () => {
    const { allocatedElsewhere } = await lookedUp(2100);
    expect(note()).toBe('The latest 1,000 of 2,101 steps are shown. Show earlier steps');
    act(() => showEarlier()!.focus());
    await act(async () => showEarlier()!.click());
    await settle();
    expect(steps()).toHaveLength(2000);
    expect(note()).toBe('The latest 2,000 of 2,101 steps are shown. Show earlier steps');
    const focused = steps()[0]!;
    expect(document.activeElement).toBe(focused);
    expect(stepText(focused)).toBe('Allocated — order SO-1, line 1, unit 101');

    // Three more steps elsewhere: they show at the end, every step shown stays (from the same first one,
    // none left out), and the step the packer is on keeps the focus (its row is the same element).
    await allocatedElsewhere(2101, 2103);
    expect(stepText(steps().at(-1))).toBe('Allocated — order SO-1, line 1, unit 2103');
    const numbers = steps().map((li) => Number(li.dataset.step));
    expect(numbers).toEqual(Array.from({ length: 2003 }, (_, i) => 102 + i));
    expect(note()).toBe('The latest 2,003 of 2,104 steps are shown. Show earlier steps');
    expect(document.activeElement).toBe(focused);

    await act(async () => showEarlier()!.click());
    await settle();
    expect(stepText(steps()[0])).toBe('Added');
    expect(steps()).toHaveLength(2104);
  });
});
