// @vitest-environment happy-dom
/**
 * The serial grid against a real core, for what a packer met: "Save" in the leave question while a
 * save runs, a paste of one empty cell, spaces typed into an empty box, "Save Changes" with nothing
 * changed, and Tab after a refused scan.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { UnsavedChangesProvider, useConfirmLeave } from '../../renderer/app/unsaved-changes.js';
import { SerialGridScreen } from '../../renderer/screens/products/SerialGridScreen.js';
import type { BenchApi, BenchMethod } from '../../shared/contract/api.js';
import { openTestBench, type TestBench } from '../core/helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';
import { giveBoxListsAViewport, settle, typeInto } from './dom-helpers.js';

// happy-dom has no audio device: the real beep sounds through a stand-in AudioContext that counts it.
const beeps = countBeeps();

const mounted = mountPointPerTest();
giveBoxListsAViewport();
/** The contract over the bench's core; saveSerialGrid waits for `release()` while `hold` is set. */
function apiOf(bench: TestBench) {
  let release: () => void = () => {};
  let held: Promise<void> | null = null;
  const api = new Proxy({} as BenchApi, {
    get: (_, method: string) => async (args: unknown) => {
      if (method === 'saveSerialGrid' && held) await held;
      return bench.call(method as BenchMethod, args as never);
    },
  });
  return {
    api,
    hold: () => void (held = new Promise<void>((resolve) => (release = resolve))),
    release: () => {
      held = null;
      release();
    },
  };
}

const box = (i: number) => document.getElementById(`serial-box-${i}`) as HTMLInputElement;
const button = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === text)!;
const unsavedCount = () => document.querySelector('.unsaved-count')?.textContent;
function press(element: HTMLElement, key: string) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  act(() => void element.dispatchEvent(event));
  return event;
}

/** A button that leaves through the leave question, as the app's navigation does. */
function LeaveButton({ onLeft }: { onLeft: () => void }) {
  const confirmLeave = useConfirmLeave();
  return <button type="button" onClick={() => confirmLeave(onLeft)}>Leave</button>;
}

async function openGrid(mode: 'single_use' | 'multiple_use', stock: number, identifiers: string[] = []) {
  const bench = openTestBench();
  const productId = bench.product('SKU-V', mode, stock, identifiers);
  const held = apiOf(bench);
  const left = { count: 0 };
  const { root } = mounted();
  act(() =>
    root.render(
      <QueryClientProvider client={createBenchQueryClient()}>
        <UnsavedChangesProvider>
          <LeaveButton onLeft={() => void (left.count += 1)} />
          <SerialGridScreen api={held.api} productId={productId} onBack={() => {}} />
        </UnsavedChangesProvider>
      </QueryClientProvider>,
    ),
  );
  await settle();
  return { bench, productId, left, ...held };
}

describe('"Save" in the leave question while a save is running', () => {
  it('waits for the running save, then saves what was typed meanwhile and leaves', async () => {
    const { bench, productId, left, hold, release } = await openGrid('multiple_use', 3);
    typeInto(box(0), 'A-1');
    hold();
    await act(async () => button('Save Changes').click());
    typeInto(box(1), 'A-2');
    await act(async () => button('Leave').click());
    await act(async () => button('Save').click());
    release();
    for (let i = 0; i < 4; i++) await settle();
    expect(bench.ok('getSerialGrid', { productId }).boxes.map((b) => b.value)).toEqual(['A-1', 'A-2', '']);
    expect(left.count).toBe(1);
  });
});

describe('a paste of one empty spreadsheet cell', () => {
  it('changes no box and says why, beeped', async () => {
    await openGrid('multiple_use', 2, ['S-1']);
    box(0).focus();
    const clipboard = new DataTransfer();
    clipboard.setData('text/plain', '\r\n');
    const paste = new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true });
    await act(async () => void box(0).dispatchEvent(paste));
    await settle();
    expect(box(0).value).toBe('S-1');
    expect(unsavedCount()).toBe('No unsaved changes');
    expect(document.querySelector('.scan-refusal')?.textContent).toContain('nothing to paste');
    await beeps.played();
    expect(beeps.count()).toBe(1);
  });
});

describe('spaces typed into an empty box', () => {
  it('are no unsaved change', async () => {
    await openGrid('multiple_use', 2);
    typeInto(box(0), '   ');
    expect(unsavedCount()).toBe('No unsaved changes');
  });
});

describe('"Save Changes" with nothing changed', () => {
  it('says there was nothing to save, and reports no counts', async () => {
    await openGrid('multiple_use', 2, ['S-1']);
    await act(async () => button('Save Changes').click());
    await settle();
    expect(document.body.textContent).not.toContain('0 added, 0 changed, 0 removed');
    expect(document.body.textContent).toContain('Nothing to save: no box has been changed.');
  });
});

describe('Tab after a refused scan', () => {
  it('follows the usual tab order (the refused box is not "just typed into")', async () => {
    await openGrid('multiple_use', 3, ['S-1']);
    box(1).focus();
    typeInto(box(1), 'S-1');
    press(box(1), 'Enter');
    expect(document.querySelector('.scan-refusal')?.textContent).not.toBe('');
    expect(document.activeElement).toBe(box(1));
    expect(press(box(1), 'Tab').defaultPrevented).toBe(false);
  });
});
