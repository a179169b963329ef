// @vitest-environment happy-dom
/**
 * The identifier format editor against a real core: lengths outside the core's bounds and a check
 * digit no value could carry under the pattern are refused in words naming the box and the range
 * (the shared constants), beeped and announced, and nothing is sent or saved.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { IdentifierFormatEditor } from '../../renderer/screens/products/IdentifierFormatEditor.js';
import { IdentifierModeEditor } from '../../renderer/screens/products/IdentifierModeEditor.js';
import type { BenchApi, BenchMethod, Product } from '../../shared/contract/api.js';
import { IDENTIFIER_MODE_LABELS } from '../../shared/domain/modes.js';
import { describeIdentifierSpec } from '../../shared/identifiers/describe.js';
import { FORMAT_PRESETS, MAX_FORMAT_LENGTH, MIN_FORMAT_LENGTH } from '../../shared/identifiers/kinds.js';
import { openTestBench, type TestBench } from '../core/helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';

const beeps = countBeeps();

const mounted = mountPointPerTest();
function apiOf(bench: TestBench, sent: string[]) {
  return new Proxy({} as BenchApi, {
    get: (_, method: string) => async (args: unknown) => {
      sent.push(method);
      return bench.call(method as BenchMethod, args as never);
    },
  });
}
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
function typeInto(element: HTMLInputElement, text: string) {
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setValue.call(element, text);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
function choose(select: HTMLSelectElement, value: string) {
  const setValue = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!;
  act(() => {
    setValue.call(select, value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
async function saveFormat() {
  await act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Save Format')!.click());
}
const alertText = () => document.querySelector('[role=alert]')?.textContent ?? '';

async function openCustom() {
  const bench = openTestBench();
  const productId = bench.product('TAB-10', 'multiple_use', 0);
  const sent: string[] = [];
  const { root } = mounted();
  await act(async () => root.render(<IdentifierFormatEditor api={apiOf(bench, sent)} product={bench.ok('getProduct', { productId })} onChanged={() => {}} />));
  choose(byId('identifier-format'), 'custom');
  typeInto(byId('format-description'), 'Tablet serial');
  sent.length = 0;
  const unchanged = () => {
    expect(sent).not.toContain('setIdentifierSpec');
    expect(bench.ok('getProduct', { productId }).identifierFormat).toBeNull();
  };
  return { bench, productId, sent, unchanged };
}

describe('identifier format editor: lengths', () => {
  const range = `from ${MIN_FORMAT_LENGTH} to ${MAX_FORMAT_LENGTH}`;
  it.each([
    ['format-minLength', 'Minimum length', String(MIN_FORMAT_LENGTH - 1)],
    ['format-minLength', 'Minimum length', String(MAX_FORMAT_LENGTH + 1)],
    ['format-maxLength', 'Maximum length', String(MIN_FORMAT_LENGTH - 1)],
    ['format-maxLength', 'Maximum length', String(MAX_FORMAT_LENGTH + 1)],
  ])('%s %s refused in words naming the box and the range, beeped, nothing sent', async (id, box, value) => {
    const { unchanged } = await openCustom();
    typeInto(byId(id), value);
    await saveFormat();
    expect(alertText()).toContain(`${box} must be ${range} characters (got ${value})`);
    expect(alertText()).not.toContain('identifierFormat.');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    expect(byId(id).getAttribute('aria-invalid')).toBe('true');
    unchanged();
  });

  it('refuses a minimum length above the maximum length in words', async () => {
    const { unchanged } = await openCustom();
    typeInto(byId('format-minLength'), '12');
    typeInto(byId('format-maxLength'), '10');
    await saveFormat();
    expect(alertText()).toContain('Minimum length (12) is more than Maximum length (10)');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    unchanged();
  });

  it('takes the bounds themselves', async () => {
    const { bench, productId } = await openCustom();
    typeInto(byId('format-minLength'), String(MIN_FORMAT_LENGTH));
    typeInto(byId('format-maxLength'), String(MAX_FORMAT_LENGTH));
    await saveFormat();
    expect(alertText()).toBe('');
    expect(bench.ok('getProduct', { productId }).identifierFormat).toMatchObject({ minLength: MIN_FORMAT_LENGTH, maxLength: MAX_FORMAT_LENGTH });
  });
});

describe('identifier format editor: check digit', () => {
  it('refuses a check digit with a maximum length too short to carry one, in words naming both, nothing sent', async () => {
    const { unchanged } = await openCustom();
    typeInto(byId('format-maxLength'), '1');
    choose(byId('format-checkDigit'), 'luhn');
    await saveFormat();
    expect(alertText()).toContain('Check digit "Luhn" needs values of at least 2 digits, but Maximum length is 1');
    expect(byId('format-maxLength').getAttribute('aria-invalid')).toBe('true');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    unchanged();
  });

  it('takes a check digit with a pattern that lets values of digits only through', async () => {
    const { bench, productId } = await openCustom();
    typeInto(byId('format-pattern'), '[0-9]{15}');
    choose(byId('format-checkDigit'), 'luhn');
    await saveFormat();
    expect(alertText()).toBe('');
    expect(bench.ok('getProduct', { productId }).identifierFormat).toMatchObject({ pattern: '[0-9]{15}', checkDigit: 'luhn' });
  });
});

/** The text of the question "Set Mode" asks before a change with consequences. */
const questionText = () => document.querySelector('[role=alertdialog] p')?.textContent ?? '';
/** Answers that question with its own "Set Mode". */
const confirmQuestion = () => act(async () => document.querySelector<HTMLButtonElement>('[role=alertdialog] button.primary')!.click());

describe('identifier mode editor', () => {
  it('a refused mode change is shown, announced and beeped at once, naming the allocations, and changes nothing', async () => {
    const bench = openTestBench();
    const productId = bench.product('PHN-A', 'single_use', 2, ['S1', 'S2']);
    const order = bench.order('SO-5', [['PHN-A', 1]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'S1' }] });
    const sent: string[] = [];
    const { root } = mounted();
    await act(async () => root.render(<IdentifierModeEditor api={apiOf(bench, sent)} product={bench.ok('getProduct', { productId })} onChanged={() => {}} />));
    const before = bench.snapshot();
    choose(byId('identifier-mode'), 'none');
    await act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Set Mode')!.click());
    // Refused at once, in the core's words read with the counts: no question it could only refuse.
    expect(questionText()).toBe('');
    expect(alertText()).toBe(
      '⚠ The mode was not changed: PHN-A has 1 identifier allocation on an order awaiting dispatch (SO-5); clear it before turning identifiers off.',
    );
    await beeps.played();
    expect(beeps.count()).toBe(1);
    expect(bench.snapshot()).toEqual(before);
  });

  it('a refused mode change keeps the chosen mode in the select beside the refusal, so once its cause is fixed one press sets it', async () => {
    const bench = openTestBench();
    const productId = bench.product('PHN-B', 'single_use', 2, ['S1', 'S2']);
    const order = bench.order('SO-6', [['PHN-B', 1]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'S1' }] });
    let changed: Product | null = null;
    const { root } = mounted();
    await act(async () => root.render(<IdentifierModeEditor api={apiOf(bench, [])} product={bench.ok('getProduct', { productId })} onChanged={(p) => (changed = p)} />));
    choose(byId('identifier-mode'), 'none');
    // Pressed, and the question answered when one is asked (a refusal asks none).
    const setMode = async () => {
      await act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Set Mode')!.click());
      if (questionText() !== '') await confirmQuestion();
    };
    await setMode();
    expect(alertText()).toContain('The mode was not changed: PHN-B has 1 identifier allocation on an order awaiting dispatch (SO-6)');
    // The manager's choice stays shown (the current mode is said above it), not put back to single use.
    expect(byId<HTMLSelectElement>('identifier-mode').value).toBe('none');
    expect(document.querySelector('.mode-editor strong')?.textContent).toBe(IDENTIFIER_MODE_LABELS.single_use);
    expect(changed).toBeNull();

    // The cause fixed (the order dispatched): pressed again, nothing chosen anew, the mode is set.
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
    await setMode();
    expect(alertText()).toBe('');
    expect(changed).toMatchObject({ identifierMode: 'none' });
    expect(bench.ok('getProduct', { productId }).identifierMode).toBe('none');
  });
});

describe('identifier mode editor: the mode changed elsewhere while the question is open', () => {
  it('a question answered after another window changed the mode changes nothing and says so: its words were about the old mode', async () => {
    const bench = openTestBench();
    const productId = bench.product('PHN-R', 'multiple_use', 2, ['S1', 'S2']);
    bench.order('SO-8', [['PHN-R', 1]]);
    const { root } = mounted();
    await act(async () => root.render(<IdentifierModeEditor api={apiOf(bench, [])} product={bench.ok('getProduct', { productId })} onChanged={() => {}} />));
    choose(byId('identifier-mode'), 'none');
    await act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Set Mode')!.click());
    expect(questionText()).toContain('PHN-R becomes None');
    // Meanwhile another window (or a sync) makes it single use: the question said nothing about that mode.
    bench.ok('setIdentifierMode', { productId, mode: 'single_use' });
    await confirmQuestion();
    expect(bench.ok('getProduct', { productId }).identifierMode).toBe('single_use');
    expect(alertText()).toContain('The mode was not changed: the mode of PHN-R was changed from Multiple Use to Single Use elsewhere');
    await beeps.played();
    expect(beeps.count()).toBe(1);
  });
});

describe('identifier format editor: refusals from the core', () => {
  it('a format the core would refuse (a pattern that is no regular expression) is shown, announced and beeped, and nothing is saved', async () => {
    const { bench, productId, sent } = await openCustom();
    typeInto(byId('format-pattern'), '([0-9]');
    await saveFormat();
    // Refused here, in words naming the box (format-editor-words.test.tsx), before the core is asked.
    expect(sent).not.toContain('setIdentifierSpec');
    expect(alertText()).toContain('The format was not changed:');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    expect(bench.ok('getProduct', { productId }).identifierFormat).toBeNull();
  });
});

describe('identifier format editor: identifiers that do not fit', () => {
  it('the list of identifiers that no longer fit counts in words: "1 identifier does not fit"', async () => {
    const bench = openTestBench();
    const productId = bench.product('PHN-1', 'multiple_use', 1, ['NOT-AN-IMEI']);
    const { root } = mounted();
    await act(async () => root.render(<IdentifierFormatEditor api={apiOf(bench, [])} product={bench.ok('getProduct', { productId })} onChanged={() => {}} />));
    choose(byId('identifier-format'), 'IMEI');
    await saveFormat();
    expect(document.getElementById('unfit-heading')?.textContent).toBe('1 identifier does not fit (kept, not removed)');
  });
});

describe('identifier format editor: the format saved elsewhere meanwhile', () => {
  it('keeps the custom input typed here and says the format saved elsewhere, naming it', async () => {
    const bench = openTestBench();
    const productId = bench.product('TAB-11', 'multiple_use', 0);
    const { root } = mounted();
    const render = () =>
      act(async () => root.render(<IdentifierFormatEditor api={apiOf(bench, [])} product={bench.ok('getProduct', { productId })} onChanged={() => {}} />));
    await render();
    choose(byId('identifier-format'), 'custom');
    typeInto(byId('format-description'), 'Tablet serial');
    typeInto(byId('format-pattern'), 'TB[0-9]{6}');
    // Another window saves the IMEI format; the product is read afresh (the change stream).
    const other = bench.ok('setIdentifierSpec', { productId, identifierKind: 'serial', identifierFormat: FORMAT_PRESETS[0]!.format, minShelfLifeDays: null });
    await render();
    expect(byId<HTMLSelectElement>('identifier-format').value).toBe('custom');
    expect(byId<HTMLInputElement>('format-description').value).toBe('Tablet serial');
    expect(byId<HTMLInputElement>('format-pattern').value).toBe('TB[0-9]{6}');
    const status = document.querySelector('.format-editor [role=status]')?.textContent ?? '';
    expect(status).toContain('changed elsewhere');
    expect(status).toContain(describeIdentifierSpec(other.product));
    // Saving writes the manager's format over it, as the note says it would.
    await saveFormat();
    expect(bench.ok('getProduct', { productId }).identifierFormat).toMatchObject({ description: 'Tablet serial', pattern: 'TB[0-9]{6}' });
  });

  it('without unsaved input shows the format saved elsewhere', async () => {
    const bench = openTestBench();
    const productId = bench.product('TAB-12', 'multiple_use', 0);
    const { root } = mounted();
    const render = () =>
      act(async () => root.render(<IdentifierFormatEditor api={apiOf(bench, [])} product={bench.ok('getProduct', { productId })} onChanged={() => {}} />));
    await render();
    bench.ok('setIdentifierSpec', { productId, identifierKind: 'serial', identifierFormat: FORMAT_PRESETS[0]!.format, minShelfLifeDays: null });
    await render();
    expect(byId<HTMLSelectElement>('identifier-format').value).toBe('IMEI');
  });
});

describe('identifier format editor: the format saved elsewhere while a save of its own runs', () => {
  it('a save refused after the format was changed elsewhere meanwhile keeps the custom input typed here and says the change', async () => {
    const bench = openTestBench();
    const productId = bench.product('TAB-13', 'multiple_use', 0);
    let answer: (refused: unknown) => void = () => {};
    const api = new Proxy({} as BenchApi, {
      get: (_, method: string) => async (args: unknown) => {
        // The bench answers this save late, refusing it (it did not answer in time, say): nothing of it was saved.
        if (method === 'setIdentifierSpec') return new Promise((resolve) => (answer = resolve));
        return bench.call(method as BenchMethod, args as never);
      },
    });
    const { root } = mounted();
    const render = () => act(async () => root.render(<IdentifierFormatEditor api={api} product={bench.ok('getProduct', { productId })} onChanged={() => {}} />));
    await render();
    choose(byId('identifier-format'), 'custom');
    typeInto(byId('format-description'), 'Tablet serial');
    typeInto(byId('format-pattern'), 'TB[0-9]{6}');
    await saveFormat();
    // Meanwhile another window saves the IMEI format; the product is read afresh (the change stream).
    const other = bench.ok('setIdentifierSpec', { productId, identifierKind: 'serial', identifierFormat: FORMAT_PRESETS[0]!.format, minShelfLifeDays: null });
    await render();
    await act(async () => answer({ ok: false, error: { code: 'unavailable', message: 'The bench did not answer in time.', issues: [] } }));
    expect(alertText()).toContain('The bench did not answer in time.');
    // Nothing of this save was saved: the reading that came meanwhile was the other window's, and the input typed here is kept.
    expect(byId<HTMLSelectElement>('identifier-format').value).toBe('custom');
    expect(byId<HTMLInputElement>('format-description').value).toBe('Tablet serial');
    expect(byId<HTMLInputElement>('format-pattern').value).toBe('TB[0-9]{6}');
    const status = document.querySelector('.format-editor [role=status]')?.textContent ?? '';
    expect(status).toContain('changed elsewhere');
    expect(status).toContain(describeIdentifierSpec(other.product));
  });
});
