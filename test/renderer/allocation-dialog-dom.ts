/**
 * The allocation dialog in happy-dom, as its renderer tests read and drive it: the dialog, its buttons,
 * alert and unit boxes, and a press or an Enter followed by the settles the core's answers need.
 */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import type { TestBench } from '../core/helpers.js';
import { settle, typeInto } from './dom-helpers.js';
import { renderOrderDetails } from './order-details-mount.js';

export const allocationDialog = () => document.querySelector<HTMLDialogElement>('.allocation-dialog');

/** The button whose text is exactly `name` (the test fails on the undefined when there is none). */
export const buttonIn = (within: ParentNode, name: string) => [...within.querySelectorAll('button')].find((b) => b.textContent === name)!;

/** What the dialog's alert says ('' when it says nothing). */
export const dialogAlertText = () => allocationDialog()?.querySelector('[role=alert]')?.textContent ?? '';

/** The dialog's box for unit `unit` of the order's `sku` line, by its label ("SO-1 PHN-1 unit 2 …"). */
export const unitBox = (sku: string, unit: number, order = 'SO-1') =>
  document.querySelector<HTMLInputElement>(`.allocation-dialog [role=combobox][aria-label^="${order} ${sku} unit ${unit}"]`);

/** Clicks the button, then lets what it asked of the core (a save, a read, the next dialog) render. */
export async function press(button: HTMLButtonElement): Promise<void> {
  await act(async () => button.click());
  for (let i = 0; i < 5; i++) await settle();
}

/** Types `value` into the box and presses Enter, as a scan ending in Enter does, and lets it settle. */
export async function enter(element: HTMLInputElement, value: string): Promise<void> {
  typeInto(element, value);
  act(() => void element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })));
  for (let i = 0; i < 3; i++) await settle();
}

/** The order page of `orderId`, "Complete Order" pressed, then "Add": the dialog open once `ready` (its boxes read). */
export async function openFromOrderPage(root: Root, bench: TestBench, orderId: number, ready: () => boolean): Promise<void> {
  await renderOrderDetails(root, bench, orderId);
  await press(buttonIn(document, 'Complete Order'));
  await press(buttonIn(document, 'Add'));
  for (let i = 0; i < 20 && !ready(); i++) await settle();
}
