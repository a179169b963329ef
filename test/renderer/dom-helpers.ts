/**
 * What the renderer tests in happy-dom share: typing as the browser does, waiting for the core's
 * answers to render, the contract over a real test bench, and a viewport for the box lists.
 */
import { act } from 'react';
import { beforeEach } from 'vitest';
import { isAsyncBenchMethod, type BenchApi, type BenchMethod } from '../../shared/contract/api.js';
import { invokeBenchMethodAsync } from '../../shared/contract/invoke.js';
import type { TestBench } from '../core/helpers.js';

/** Replaces the input's text as the browser does for a controlled input: set the value, fire input. */
export function typeInto(element: HTMLInputElement, text: string): void {
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setValue.call(element, text);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Lets the core's answers (promises, timers) settle and render. */
export const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 30)));

/** The contract over a real test bench's core, as the transports give it to the screens (async calls too: settings, saving an export, printing). */
export function coreApi(bench: TestBench): BenchApi {
  return new Proxy({} as BenchApi, {
    get: (_, method: BenchMethod) => async (args: unknown) =>
      isAsyncBenchMethod(method) ? invokeBenchMethodAsync(bench.core, method, args) : bench.call(method, args as never),
  });
}

/** Before each test: happy-dom lays nothing out, so the box lists' virtual scroller is given a size. */
export function giveBoxListsAViewport(scrollerClass = 'serial-box-scroller'): void {
  beforeEach(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get() { return this.classList.contains(scrollerClass) ? 600 : 0; } });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get() { return this.classList.contains(scrollerClass) ? 800 : 0; } });
  });
}

/** Pastes `text` into the element as the browser does (a cancellable paste event with the clipboard's text); the event, to see whether it was taken. */
export function paste(element: HTMLInputElement, text: string): ClipboardEvent {
  const clipboard = new DataTransfer();
  clipboard.setData('text/plain', text);
  const event = new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true });
  act(() => void element.dispatchEvent(event));
  return event;
}

/** The keys' clock: each key has its own time, so the scan detectors and a box's pauses see the gaps typed. */
let keyClock = 1_000_000;

/**
 * A scan as a keyboard wedge types it (keys 5 ms apart) into the focused element, ending in Enter. A
 * text box gets the characters its handlers leave, as the browser puts them there (see keysInto).
 */
export async function wedgeScan(value: string): Promise<void> {
  const target = document.activeElement!;
  if (target instanceof HTMLInputElement && (target.type === 'search' || target.type === 'text')) {
    await keysInto(() => target, [...value, 'Enter'], 5);
    return;
  }
  await act(async () => {
    for (const key of [...value, 'Enter']) {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      Object.defineProperty(event, 'timeStamp', { value: (keyClock += 5) });
      target.dispatchEvent(event);
    }
  });
  await settle();
}

/**
 * Keys into a text box `gapMs` apart (`late`: the keys at those indexes come 200 ms late, as on a busy
 * PC), as the browser handles them: a character not prevented lands at the caret, an Enter not
 * prevented submits the box's form. Whether a Tab was kept from moving the focus on.
 */
export async function keysInto(box: () => HTMLInputElement, sequence: string[], gapMs: number, late: number[] = []): Promise<{ tabPrevented: boolean | null }> {
  let tabPrevented: boolean | null = null;
  for (const [index, key] of sequence.entries()) {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    Object.defineProperty(event, 'timeStamp', { value: (keyClock += late.includes(index) ? 200 : gapMs) });
    act(() => void box().dispatchEvent(event));
    if (key === 'Tab') tabPrevented = event.defaultPrevented;
    else if (key === 'Enter') {
      if (!event.defaultPrevented) await act(async () => box().form?.requestSubmit());
    } else if (!event.defaultPrevented) {
      const at = box().selectionEnd ?? box().value.length;
      const from = box().selectionStart ?? at;
      typeInto(box(), box().value.slice(0, from) + key + box().value.slice(at));
      box().setSelectionRange(from + 1, from + 1);
    }
  }
  await settle();
  await settle();
  keyClock += 1000;
  return { tabPrevented };
}
