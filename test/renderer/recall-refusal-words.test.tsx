// @vitest-environment happy-dom
/**
 * Recall's refusals in the packer's words, against a real core: a lot too long is named as the Lot box
 * the packer typed in (it read "identifier is longer than 200 characters" beside a box labelled "Lot"),
 * and a GS1 code that cannot be read is quoted shortened with "…" (it was cut at 60 characters with no
 * mark, reading as the whole code scanned).
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { MAX_IDENTIFIER_LENGTH } from '../../shared/sync/bounds.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, typeInto } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';
import { showRecall } from './recall-harness.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();

const alerts = () => [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent);
const identifierBox = () => document.querySelector<HTMLInputElement>('input[type=search]')!;

async function openRecall() {
  const bench = openTestBench();
  bench.product('PHN-1', 'single_use', 1, ['SN-77']);
  return showRecall(mounted().root, coreApi(bench));
}

describe('Recall refusals, in the words of what was typed', () => {
  it('a lot longer than any identifier is refused naming the lot, beeped', async () => {
    const { search } = await openRecall();
    act(() => document.querySelectorAll<HTMLInputElement>('input[type=radio]')[2]!.click());
    typeInto(identifierBox(), 'L'.repeat(MAX_IDENTIFIER_LENGTH + 1));
    await search();
    expect(alerts()).toEqual([`⚠ Lot is longer than ${MAX_IDENTIFIER_LENGTH} characters.`]);
    await beeps.played();
    expect(beeps.count()).toBe(1);
  });

  it('a GS1 code that cannot be read, longer than what is quoted: shortened with "…"', async () => {
    const { search } = await openRecall();
    const scanned = `(01)09506000134352(21)${'A'.repeat(60)}`;
    typeInto(identifierBox(), scanned);
    await search();
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]).toMatch(/^⚠ "(.*)" was refused: /);
    const quoted = /^⚠ "(.*?)" was refused: /.exec(alerts()[0]!)![1]!;
    expect(quoted.endsWith('…')).toBe(true);
    expect(scanned.startsWith(quoted.slice(0, -1))).toBe(true);
  });
});
