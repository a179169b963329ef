// @vitest-environment happy-dom
/**
 * Keys kept while the serial grid is on its way (keys-kept-for-box.ts): they go into the box the opener
 * names as it takes the focus, never into another box (the stock level box, had the packer left), nor
 * into a box that takes no typing; what reaches no such box, and a second value typed before the box
 * came, is beeped, not lost unheard.
 */
import { afterEach, expect, it } from 'vitest';
import { keepKeysForTheNextBox, keysKeptForABox, stopKeepingKeys } from '../../renderer/scanner/keys-kept-for-box.js';
import { countBeeps } from './fake-audio.js';

const beeps = countBeeps();
afterEach(() => {
  stopKeepingKeys();
  document.body.replaceChildren();
});

const gridBox = (id = 'serial-box-0') => Object.assign(document.createElement('input'), { id });
function type(text: string) {
  for (const key of text) document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

it('types what was kept into the grid box that takes the focus', async () => {
  keepKeysForTheNextBox((box) => box.id.startsWith('serial-box-'));
  type('SN-1');
  const box = gridBox();
  document.body.append(box);
  box.focus();
  await tick();
  expect(box.value).toBe('SN-1');
  expect(keysKeptForABox()).toBe(false);
  await beeps.played();
  expect(beeps.count()).toBe(0);
});

it('gives nothing to another box, or to one that takes no typing: beeped', async () => {
  for (const box of [gridBox('stock-level'), Object.assign(gridBox(), { readOnly: true })]) {
    const before = beeps.count();
    keepKeysForTheNextBox((b) => b.id.startsWith('serial-box-'));
    type('SN-1');
    document.body.append(box);
    box.focus();
    await tick();
    expect(box.value).toBe('');
    await beeps.played();
    expect(beeps.count()).toBe(before + 1);
    box.remove();
  }
});

it('beeps a second value typed before the box came, and keys kept when the screen stops keeping them', async () => {
  keepKeysForTheNextBox((b) => b.id.startsWith('serial-box-'));
  type('SN-1');
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  type('SN-2');
  const box = gridBox();
  document.body.append(box);
  box.focus();
  await tick();
  expect(box.value).toBe('SN-1');
  await beeps.played();
  expect(beeps.count()).toBe(1);

  keepKeysForTheNextBox((b) => b.id.startsWith('serial-box-'));
  type('SN-3');
  stopKeepingKeys();
  await beeps.played();
  expect(beeps.count()).toBe(2);
});
