// @vitest-environment happy-dom
/**
 * Identifier Lookup against a real core, scanned into its box as a keyboard wedge types (keys a few ms
 * apart, then Enter or Tab), the keys landing in the box as the browser puts them there. A scan stands
 * alone: the identifier the packer had typed and not looked up, the caret after it, is not part of it
 * (it looked up "SN-7SN-78": not found). A scanner set to end with Tab looks up as with Enter and keeps
 * the focus in the box (its Tab went on to "Look up" and nothing was looked up); a person's Tab moves on.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { coreApi, keysInto } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';
import { showLookup } from './lookup-harness.js';

const mounted = mountPointPerTest();

const box = () => document.querySelector<HTMLInputElement>('input[type=search]')!;
const shown = () => [...document.querySelectorAll('.lookup-match h3, .lookup-empty')].map((e) => e.textContent);

/** Keys into the box (see keysInto in dom-helpers). */
const keys = (sequence: string[], gapMs: number, late: number[] = []) => keysInto(box, sequence, gapMs, late);

async function openLookup() {
  const bench = openTestBench();
  bench.product('PHN-1', 'single_use', 2, ['SN-77', 'SN-78']);
  await showLookup(mounted().root, coreApi(bench));
  act(() => box().focus());
}

describe('Identifier Lookup, a scan into its box', () => {
  it('ending in Enter after typed text not looked up: looks up what was scanned alone, and the box shows it', async () => {
    await openLookup();
    await keys([...'SN-7'], 150);
    expect(box().value).toBe('SN-7');
    await keys([...'SN-78', 'Enter'], 5);
    expect(shown()).toEqual(['SN-78 — PHN-1 Title of PHN-1']);
    expect(box().value).toBe('SN-78');
  });

  it('after a click left the last identifier unselected (the caret after it): looks up what was scanned alone', async () => {
    await openLookup();
    await keys([...'SN-77', 'Enter'], 5);
    expect(shown()).toEqual(['SN-77 — PHN-1 Title of PHN-1']);
    act(() => box().setSelectionRange(5, 5));
    await keys([...'SN-78', 'Enter'], 5);
    expect(shown()).toEqual(['SN-78 — PHN-1 Title of PHN-1']);
    expect(box().value).toBe('SN-78');
  });

  it('with a key that came late (a busy PC): the whole scan is looked up, not what came after the late key', async () => {
    await openLookup();
    await keys([...'SN-78', 'Enter'], 5, [1]);
    expect(shown()).toEqual(['SN-78 — PHN-1 Title of PHN-1']);
    expect(box().value).toBe('SN-78');
  });

  it('ending in Tab: looked up as with Enter, the Tab kept from moving the focus on', async () => {
    await openLookup();
    const { tabPrevented } = await keys([...'SN-77', 'Tab'], 5);
    expect(tabPrevented).toBe(true);
    expect(shown()).toEqual(['SN-77 — PHN-1 Title of PHN-1']);
    // The next scan replaces the answer's identifier (the box is selected for it).
    expect([box().selectionStart, box().selectionEnd]).toEqual([0, 5]);
    await keys([...'SN-78', 'Tab'], 5);
    expect(shown()).toEqual(['SN-78 — PHN-1 Title of PHN-1']);
  });

  it("a person's Tab moves on and looks nothing up; a person's Enter looks up the box's text", async () => {
    await openLookup();
    const { tabPrevented } = await keys([...'SN-77', 'Tab'], 150);
    expect(tabPrevented).toBe(false);
    expect(shown()).toEqual([]);
    await keys(['Enter'], 150);
    expect(shown()).toEqual(['SN-77 — PHN-1 Title of PHN-1']);
  });
});
