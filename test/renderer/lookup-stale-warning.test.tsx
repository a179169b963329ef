// @vitest-environment happy-dom
/**
 * Identifier Lookup against a real core: the warning that a scanned GTIN is no product's barcode
 * belongs to that scan. A later look-up, refused or not, takes it away, so the packer reads only what
 * the latest scan said, never a refusal beside an older scan's warning.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { coreApi, settle, typeInto } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';
import { showLookup } from './lookup-harness.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();

const UNKNOWN_GTIN_SCAN = '(01)09506000134376(21)SN-77';
const UNKNOWN_GTIN_WARNING = "⚠ The scanned GTIN 09506000134376 is no product's barcode on this bench. Every product's identifier of that value is shown.";
const alerts = () => [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent);

async function openLookup() {
  const bench = openTestBench();
  bench.product('PHN-1', 'single_use', 2, ['SN-77', 'SN-78']);
  await showLookup(mounted().root, coreApi(bench));
  const lookUp = async (typed: string) => {
    typeInto(document.querySelector<HTMLInputElement>('input[type=search]')!, typed);
    await act(async () => document.querySelector<HTMLFormElement>('form[role=search]')!.requestSubmit());
    await settle();
  };
  await lookUp(UNKNOWN_GTIN_SCAN);
  expect(alerts()).toEqual([UNKNOWN_GTIN_WARNING]);
  await beeps.played();
  expect(beeps.count()).toBe(1);
  return { lookUp };
}

const matchShown = (name: string) => document.querySelector(`article[aria-label="${name}"]`) !== null;

describe('Identifier Lookup, a GTIN no product has, then another look-up', () => {
  it.each([
    ['a code that looks like GS1 but cannot be read', '(01)09506000134353(21)SN-1', '⚠ "(01)09506000134353(21)SN-1" was refused: the GTIN (AI 01) 09506000134353 has a wrong check digit (GS1 mod-10).'],
    ['nothing typed', '   ', '⚠ Type or scan an identifier to look up.'],
  ])('refused (%s): only the refusal is shown, beeped; the answer shown stays', async (_, typed, refusal) => {
    const { lookUp } = await openLookup();
    await lookUp(typed);
    expect(alerts()).toEqual([refusal]);
    await beeps.played();
    expect(beeps.count()).toBe(2);
    expect(matchShown('PHN-1: SN-77')).toBe(true);
  });

  it('answered (a plain identifier): the warning goes with the scan it was about', async () => {
    const { lookUp } = await openLookup();
    await lookUp('SN-78');
    expect(alerts()).toEqual([]);
    expect(matchShown('PHN-1: SN-78')).toBe(true);
    await beeps.played();
    expect(beeps.count()).toBe(1);
  });
});
