// @vitest-environment happy-dom
/**
 * The identifier format editor against a real core: a custom format with no description, a pattern
 * that is no regular expression (or one RE2 cannot run), a description too long, or a minimum shelf
 * life above the bound was refused in the core's code words ("Invalid arguments:
 * identifierFormat.description: format description is empty"), no box marked. Each is refused in
 * words naming the box and what is wrong, the box marked, beeped, and nothing is saved.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { IdentifierFormatEditor } from '../../renderer/screens/products/IdentifierFormatEditor.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, typeInto } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';

const beeps = countBeeps();
const mounted = mountPointPerTest();
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
function choose(select: HTMLSelectElement, value: string) {
  const setValue = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!;
  act(() => {
    setValue.call(select, value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
const alertText = () => document.querySelector('[role=alert]')?.textContent ?? '';

async function openEditor(kind: 'custom' | 'lot') {
  const bench = openTestBench();
  const productId = bench.product('TAB-10', 'multiple_use', 0);
  await act(async () => mounted().root.render(<IdentifierFormatEditor api={coreApi(bench)} product={bench.ok('getProduct', { productId })} onChanged={() => {}} />));
  if (kind === 'custom') choose(byId('identifier-format'), 'custom');
  else choose(byId('identifier-kind'), 'lot');
  const before = bench.snapshot();
  const save = () => act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Save Format')!.click());
  const refusedIn = async (box: string, words: string | RegExp) => {
    await save();
    if (typeof words === 'string') expect(alertText()).toBe(`⚠ The format was not changed: ${words}`);
    else expect(alertText()).toMatch(words);
    expect(alertText()).not.toContain('identifierFormat.');
    expect(byId(box).getAttribute('aria-invalid')).toBe('true');
    expect(byId(box).getAttribute('aria-describedby')).toContain('format-refusal');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    expect(bench.snapshot()).toEqual(before);
  };
  return { refusedIn };
}

describe('identifier format editor: what the core would refuse, in words naming the box', () => {
  it('a custom format with no description', async () => {
    const { refusedIn } = await openEditor('custom');
    typeInto(byId('format-pattern'), 'SN-[0-9]{4}');
    await refusedIn('format-description', 'the description packers read is empty: enter what a packer reads when a value does not fit, such as "IMEI: 15 digits".');
  });

  it('a description longer than the bound', async () => {
    const { refusedIn } = await openEditor('custom');
    typeInto(byId('format-description'), 'x'.repeat(101));
    await refusedIn('format-description', 'the description packers read is 101 characters long; at most 100.');
  });

  it('a description with a tab pasted from a spreadsheet', async () => {
    // Was sent, and refused in the core's words: "identifierFormat.description: format description contains a control character".
    const { refusedIn } = await openEditor('custom');
    typeInto(byId('format-description'), 'Tablet\tserial');
    await refusedIn('format-description', 'the description packers read contains a control character (tab): type it on one line, with spaces.');
  });

  it('a pattern that is no regular expression', async () => {
    const { refusedIn } = await openEditor('custom');
    typeInto(byId('format-description'), 'Tablet serial');
    typeInto(byId('format-pattern'), '([0-9]');
    await refusedIn('format-pattern', 'the pattern "([0-9]" cannot be used: pattern is not a valid regular expression (Invalid regular expression: /^(?:([0-9])$/u: Unterminated group).');
  });

  it('a pattern with lookaround', async () => {
    const { refusedIn } = await openEditor('custom');
    typeInto(byId('format-description'), 'Tablet serial');
    typeInto(byId('format-pattern'), '(?=A)[A-Z]+');
    await refusedIn(
      'format-pattern',
      /^⚠ The format was not changed: the pattern "\(\?=A\)\[A-Z\]\+" cannot be used: pattern cannot be matched in linear time: .*\(lookaround and backreferences are not supported\)\.$/,
    );
  });

  it('a minimum shelf life above the bound', async () => {
    const { refusedIn } = await openEditor('lot');
    typeInto(byId('min-shelf-life'), '99999');
    await refusedIn('min-shelf-life', 'the minimum shelf life must be at most 3,650 days (got 99999).');
  });
});
