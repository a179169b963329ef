// @vitest-environment happy-dom
/**
 * The whole app against a real core: leaving the order page while "Complete Order" is on its way, by
 * the other ways than "Back to orders" (a navigation button, a scan routed from a non-text control to
 * another order or to an identifier's lookup, an Electron menu command), left the page and lost the
 * answer: the packer never heard whether the order went. Each is refused now in Back's words (shown,
 * beeped, announced), with nothing changed and the focus kept; once the answer is in, each leaves.
 * Closing the window meanwhile is held back too (in Electron the shell then asks the page, which refuses).
 * The allocation dialog's own "Complete Order" (opened by "Add") is held the same way: leaving while it
 * is on its way (the dialog's Cancel, a menu command, closing the window) is refused in the same words,
 * said in the dialog, where the packer reads.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { BenchApi } from '../../shared/contract/api.js';
import type { BenchEvents } from '../../shared/contract/change-events.js';
import { SHELL_COMMAND_EVENT } from '../../shared/contract/shell-commands.js';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { App } from '../../renderer/app/App.js';
import { CLOSE_KEPT } from '../../renderer/app/unsaved-changes.js';
import { BenchDataProvider } from '../../renderer/app/use-change-stream.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, settle } from './dom-helpers.js';
import { withHeldCall } from './held-call.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';

// The screens left for load in chunks of their own: loaded before, as on a bench that has opened them once.
await Promise.all([
  import('../../renderer/screens/products/ProductsScreen.js'),
  import('../../renderer/screens/lookup/LookupScreen.js'),
  import('../../renderer/screens/orders/details/OrderDetails.js'),
  import('../../renderer/app/route-scan.js'),
]);

const mounted = mountPointPerTest();
const beeps = countBeeps();
const REFUSAL = '⚠ Order SO-7 is still being completed: wait for the answer before leaving this order.';

/** A bench whose changes are not streamed: nothing in these tests is changed behind the page's back. */
const noEvents: BenchEvents = { subscribe: () => () => {} };

const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name);
const navButton = (name: string) => [...document.querySelectorAll('nav[aria-label=Screens] button')].find((b) => b.textContent === name) as HTMLButtonElement;
const headings = () => [...document.querySelectorAll('main h2')].map((h) => h.textContent);
const alerts = () => [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent ?? '').filter((t) => t !== '');
const openDialogs = () => [...document.querySelectorAll('dialog[open]')];

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await settle();
  if (!check()) throw new Error(`never: ${what}`);
}

/** A scan as a keyboard wedge types it, on the scanner's own clock (keys 5 ms apart), at the focused element. */
async function scan(value: string) {
  let at = 1_000_000;
  const target = document.activeElement ?? document.body;
  await act(async () => {
    for (const key of [...value, 'Enter']) {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      Object.defineProperty(event, 'timeStamp', { value: (at += 5) });
      target.dispatchEvent(event);
    }
  });
  await settle();
}

const WAYS: Array<[string, () => Promise<void>, () => boolean]> = [
  ['the "Products" navigation button', async () => {
    await act(async () => navButton('Products').click());
    await settle();
  }, () => headings().includes('Products')],
  ['the "Order Dispatch" navigation button', async () => {
    await act(async () => navButton('Order Dispatch').click());
    await settle();
  }, () => !headings().includes('Order SO-7') && headings().includes('Order Dispatch')],
  ['a scan of another order\'s number', () => scan('SO-8'), () => headings().includes('Order SO-8')],
  ['a scan of an identifier', () => scan('SN-1'), () => headings().includes('Identifier Lookup')],
  ['the menu\'s "Identifier Lookup" command (Electron)', async () => {
    await act(async () => void window.dispatchEvent(new CustomEvent(SHELL_COMMAND_EVENT, { detail: 'identifierLookup' })));
    await settle();
  }, () => headings().includes('Identifier Lookup')],
];

/** The app on order SO-7 (a tracked line with no identifiers yet: its answer keeps the page), "Complete Order" pressed and held. */
async function completingSo7(): Promise<{ complete: HTMLButtonElement; release: () => void }> {
  const bench = openTestBench();
  bench.product('PHN-1', 'single_use', 2, ['SN-1', 'SN-2']);
  bench.product('CBL-1', 'none', 10);
  bench.order('SO-7', [['PHN-1', 1], ['CBL-1', 1]]);
  bench.order('SO-8', [['CBL-1', 1]]);
  // The real core, its completion answered only when the test lets it go (as a slow bench would).
  const { api, release } = withHeldCall(coreApi(bench), 'completeOrder');
  act(() =>
    mounted().root.render(
      <BenchDataProvider client={createBenchQueryClient()} events={noEvents}>
        <App api={api} />
      </BenchDataProvider>,
    ),
  );
  await until(() => document.querySelector('nav[aria-label=Screens]') !== null && headings().includes('Order Dispatch'), 'the order list');
  (document.activeElement as HTMLElement | null)?.blur();
  await scan('SO-7');
  await until(() => button('Complete Order') !== undefined, 'order SO-7');

  const complete = button('Complete Order') as HTMLButtonElement;
  complete.focus();
  await act(async () => complete.click());
  await settle();
  return { complete, release };
}

describe('leaving the order page while "Complete Order" is on its way', () => {
  it.each(WAYS)('by %s is refused in Back\'s words, beeped, nothing changed and the focus kept; once answered it leaves', async (_, leave, left) => {
    const { complete, release } = await completingSo7();
    const before = beeps.count();
    await leave();
    await beeps.played();
    expect(headings()).toContain('Order SO-7');
    expect(left()).toBe(false);
    expect(alerts()).toEqual([REFUSAL]);
    expect(beeps.count()).toBe(before + 1);
    expect(openDialogs()).toEqual([]);
    expect(document.activeElement).toBe(complete);

    // The answer: identifiers are needed (the page stays, with no dialog over it); the refusal goes with it.
    await act(async () => release());
    await until(() => button('Add') !== undefined, 'Dispatch identifiers needed');
    expect(alerts()).toEqual([]);
    await leave();
    await until(left, 'left the order page');
    expect(headings()).not.toContain('Order SO-7');
  });

  it('by closing the window (or reloading) is held back, so the Electron shell asks the page; once answered it unloads', async () => {
    const { release } = await completingSo7();
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(unload()).toBe(true);
    await act(async () => release());
    await until(() => button('Add') !== undefined, 'Dispatch identifiers needed');
    expect(unload()).toBe(false);
  });

  it('by the Electron shell\'s close (the page refused to unload) is refused in Back\'s words saying the close is kept: the window closes once answered', async () => {
    const { complete, release } = await completingSo7();
    const close = window.close;
    let closed = 0;
    window.close = () => void closed++;
    try {
      const before = beeps.count();
      await act(async () => void window.dispatchEvent(new CustomEvent(SHELL_COMMAND_EVENT, { detail: 'closeRequested' })));
      await settle();
      await beeps.played();
      expect(alerts()).toEqual([`${REFUSAL} ${CLOSE_KEPT}`]);
      expect(beeps.count()).toBe(before + 1);
      expect(document.activeElement).toBe(complete);
      expect(closed).toBe(0);

      // The answer is in: the close the packer asked for happens, without being asked for again.
      await act(async () => release());
      await until(() => button('Add') !== undefined, 'Dispatch identifiers needed');
      await until(() => closed > 0, 'the window closed');
      expect(closed).toBe(1);
      expect(openDialogs()).toEqual([]);
    } finally {
      window.close = close;
    }
  });
});

/** The app on order SO-7 with the allocation dialog open (from "Add"), its "Complete Order" pressed and held. */
async function completingSo7InTheDialog(): Promise<{ complete: HTMLButtonElement; release: () => void }> {
  const bench = openTestBench();
  bench.product('PHN-1', 'single_use', 2, ['SN-1', 'SN-2']);
  bench.product('CBL-1', 'none', 10);
  bench.order('SO-7', [['PHN-1', 1], ['CBL-1', 1]]);
  // The real core; once the dialog is open, its completion answered only when the test lets it go.
  const core = coreApi(bench);
  const held = withHeldCall(core, 'completeOrder');
  let holding = false;
  const api = new Proxy(core, { get: (_, method: keyof BenchApi) => (holding ? held.api : core)[method] });
  act(() =>
    mounted().root.render(
      <BenchDataProvider client={createBenchQueryClient()} events={noEvents}>
        <App api={api} />
      </BenchDataProvider>,
    ),
  );
  await until(() => document.querySelector('nav[aria-label=Screens]') !== null && headings().includes('Order Dispatch'), 'the order list');
  (document.activeElement as HTMLElement | null)?.blur();
  await scan('SO-7');
  await until(() => button('Complete Order') !== undefined, 'order SO-7');
  await act(async () => button('Complete Order')!.click());
  await until(() => button('Add') !== undefined, 'Dispatch identifiers needed');
  await act(async () => button('Add')!.click());
  await until(() => dialogButton('Complete Order') !== undefined, 'the allocation dialog');

  holding = true;
  const complete = dialogButton('Complete Order')!;
  complete.focus();
  await act(async () => complete.click());
  await settle();
  return { complete, release: held.release };
}

const dialogButton = (name: string) => [...document.querySelectorAll<HTMLButtonElement>('dialog.allocation-dialog[open] button')].find((b) => b.textContent === name);
const dialogOpen = () => document.querySelector('dialog.allocation-dialog[open]') !== null;
const IN_THE_DIALOG = REFUSAL.replace('⚠ ', ''); // the dialog's alert draws its ⚠ in the stylesheet

const WAYS_FROM_THE_DIALOG: Array<[string, () => Promise<void>, () => boolean]> = [
  ['the dialog\'s "Cancel"', async () => {
    await act(async () => dialogButton('Cancel')!.click());
    await settle();
  }, () => !dialogOpen()],
  ['the menu\'s "Identifier Lookup" command (Electron)', async () => {
    await act(async () => void window.dispatchEvent(new CustomEvent(SHELL_COMMAND_EVENT, { detail: 'identifierLookup' })));
    await settle();
  }, () => headings().includes('Identifier Lookup')],
];

describe('leaving while the allocation dialog\'s "Complete Order" is on its way', () => {
  it.each(WAYS_FROM_THE_DIALOG)('by %s is refused in the page\'s words, in the dialog, beeped, nothing changed and the focus kept; once answered it leaves', async (_, leave, left) => {
    const { complete, release } = await completingSo7InTheDialog();
    const before = beeps.count();
    await leave();
    await beeps.played();
    expect(headings()).toContain('Order SO-7');
    expect(dialogOpen()).toBe(true);
    expect(left()).toBe(false);
    expect(alerts()).toEqual([IN_THE_DIALOG]);
    expect(beeps.count()).toBe(before + 1);
    expect(document.activeElement).toBe(complete);

    // The answer: the phone still needs its identifier (said in the dialog, in place of the refusal).
    await act(async () => release());
    await until(() => alerts().some((a) => a.includes('still needs an identifier')), 'the dialog\'s answer');
    expect(alerts()).not.toContain(IN_THE_DIALOG);
    await leave();
    await until(left, 'left');
  });

  it('by the Electron shell\'s close is refused in the dialog saying the close is kept; the window closes over the answer, once', async () => {
    const { complete, release } = await completingSo7InTheDialog();
    const close = window.close;
    const shownAtClose: string[][] = [];
    window.close = () => void shownAtClose.push(alerts());
    try {
      await act(async () => void window.dispatchEvent(new CustomEvent(SHELL_COMMAND_EVENT, { detail: 'closeRequested' })));
      await settle();
      expect(alerts()).toEqual([`${IN_THE_DIALOG} ${CLOSE_KEPT}`]);
      expect(document.activeElement).toBe(complete);
      expect(shownAtClose).toEqual([]);

      await act(async () => release());
      await until(() => shownAtClose.length > 0, 'the window closed');
      await settle();
      expect(shownAtClose).toHaveLength(1);
      expect(shownAtClose[0]!.some((a) => a.includes('still needs an identifier'))).toBe(true);
    } finally {
      window.close = close;
    }
  });

  it('by closing the window (or reloading) is held back; once answered it unloads', async () => {
    const { release } = await completingSo7InTheDialog();
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(unload()).toBe(true);
    await act(async () => release());
    await until(() => alerts().some((a) => a.includes('still needs an identifier')), 'the dialog\'s answer');
    expect(unload()).toBe(false);
  });
});
