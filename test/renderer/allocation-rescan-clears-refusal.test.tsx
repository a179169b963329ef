// @vitest-environment happy-dom
/**
 * A scan refused in a box leaves it holding its identifier (one chosen earlier, or the first-expiring
 * one filled in); the packer then scans that same identifier, the right one on the unit: it is taken as
 * the box's, and the refusal of the other value goes from the box and the dialog's alert. Real core.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { giveBoxListsAViewport, settle, wedgeScan } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';
import { dialogAlertText as alertText, enter, openFromOrderPage, unitBox as box } from './allocation-dialog-dom.js';

const mounted = mountPointPerTest();
giveBoxListsAViewport('allocation-list');

/** The order page of SO-1 (two phones), Complete Order pressed, then Add: the dialog open on unit 1. */
async function openDialog() {
  const bench = openTestBench();
  bench.product('PHN-1', 'single_use', 3, ['SN-1', 'SN-2', 'SN-3']);
  const order = bench.order('SO-1', [['PHN-1', 2]]);
  await openFromOrderPage(mounted().root, bench, order.id, () => box('PHN-1', 2) !== null);
}

/** Unit 1 given SN-1, then NOPE-9 scanned into it and refused: the box keeps SN-1, marked, the focus in it. */
async function unitOneRefusedOverSn1() {
  await openDialog();
  await enter(box('PHN-1', 1)!, 'SN-1');
  box('PHN-1', 1)!.focus();
  await enter(box('PHN-1', 1)!, 'NOPE-9');
  expect(alertText()).toContain('"NOPE-9" is not a pre-entered identifier of PHN-1');
  expect(box('PHN-1', 1)!.value).toBe('SN-1');
  expect(box('PHN-1', 1)!.getAttribute('aria-invalid')).toBe('true');
}

/** The words under a box about it ('' for none): what aria-describedby points at. */
const wordsUnder = (input: HTMLInputElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('allocation dialog, the right identifier scanned after a refused one', () => {
  it('clears the refusal from the box and the alert, and moves on', async () => {
    await unitOneRefusedOverSn1();
    expect(wordsUnder(box('PHN-1', 1)!)).toContain('NOPE-9');

    // Scanned as a wedge scanner types it: the box selects its text on focus, so the keys replace it.
    expect(document.activeElement).toBe(box('PHN-1', 1));
    await wedgeScan('SN-1');
    for (let i = 0; i < 3; i++) await settle();
    expect(box('PHN-1', 1)!.value).toBe('SN-1');
    expect(alertText()).toBe('');
    expect(box('PHN-1', 1)!.getAttribute('aria-invalid')).toBeNull();
    expect(wordsUnder(box('PHN-1', 1)!)).not.toContain('NOPE-9');
    expect(document.activeElement).toBe(box('PHN-1', 2));
  });

  it('Enter alone on the box (nothing typed) moves on and leaves the refusal for the packer to read', async () => {
    await unitOneRefusedOverSn1();
    await act(async () => void box('PHN-1', 1)!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })));
    await settle();
    expect(box('PHN-1', 1)!.value).toBe('SN-1');
    expect(document.activeElement).toBe(box('PHN-1', 2));
    expect(box('PHN-1', 1)!.getAttribute('aria-invalid')).toBe('true');
  });
});
