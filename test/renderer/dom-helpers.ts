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
export function giveBoxListsAViewport(): void {
  beforeEach(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get() { return this.classList.contains('serial-box-scroller') ? 600 : 0; } });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get() { return this.classList.contains('serial-box-scroller') ? 800 : 0; } });
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

let wedgeClock = 1_000_000;

/** A scan as a keyboard wedge types it (keys 5 ms apart) into the focused element, ending in Enter. */
export async function wedgeScan(value: string): Promise<void> {
  const target = document.activeElement!;
  await act(async () => {
    for (const key of [...value, 'Enter']) {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      Object.defineProperty(event, 'timeStamp', { value: (wedgeClock += 5) });
      target.dispatchEvent(event);
    }
  });
  await settle();
}
