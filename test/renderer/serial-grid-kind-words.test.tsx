// @vitest-environment happy-dom
/**
 * The serial grid's sentences name what the product holds: a lot product's grid speaks of lot
 * numbers and a use-by product's of use-by dates, from its hints to the save's confirmation; products
 * of kind Serial number or Other keep the users' word, serial numbers. Against a real core.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { UnsavedChangesProvider } from '../../renderer/app/unsaved-changes.js';
import { SerialGridScreen } from '../../renderer/screens/products/SerialGridScreen.js';
import type { IdentifierFormat, IdentifierKind } from '../../shared/identifiers/kinds.js';
import { openTestBench } from '../core/helpers.js';
import { mountPointPerTest } from './mount.js';
import { coreApi, giveBoxListsAViewport, settle, typeInto } from './dom-helpers.js';

const mounted = mountPointPerTest();
giveBoxListsAViewport();

const box = (i: number) => document.getElementById(`serial-box-${i}`) as HTMLInputElement;
const press = (label: string) => act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent === label)!.click());

/** The grid of a multiple-use product of the given kind with 3 empty boxes, on a real core; `opening`: what it said before the core answered. */
async function openGridOf(kind: IdentifierKind, sku: string, openerKnowsKind = true, identifierFormat: IdentifierFormat | null = null) {
  const bench = openTestBench();
  const productId = bench.product(sku, 'multiple_use', 3);
  bench.ok('setIdentifierSpec', { productId, identifierKind: kind, identifierFormat, minShelfLifeDays: null });
  const { root } = mounted();
  act(() =>
    root.render(
      <QueryClientProvider client={createBenchQueryClient()}>
        <UnsavedChangesProvider>
          <SerialGridScreen api={coreApi(bench)} productId={productId} identifierKind={openerKnowsKind ? kind : undefined} onBack={() => {}} />
        </UnsavedChangesProvider>
      </QueryClientProvider>,
    ),
  );
  const opening = document.querySelector('[role="status"]')?.textContent;
  await settle();
  return { opening };
}

/** The grid's boxes and their group as a screen reader names them (their labels' text). */
function boxNames(): { group: string | null; boxes: string[] } {
  const group = document.querySelector('[role="group"]')?.getAttribute('aria-label') ?? null;
  const boxes = [...document.querySelectorAll<HTMLInputElement>('input.serial-box-input')].map((input) =>
    (document.querySelector(`label[for="${input.id}"]`)?.textContent ?? '').replace(/\s+/g, ' ').trim(),
  );
  return { group, boxes };
}

/** The grid's hint, then one value typed and saved: the confirmation's title and words. */
async function saveOneIn(kind: IdentifierKind, sku: string, value: string) {
  await openGridOf(kind, sku);
  const hint = document.querySelector('.hint')?.textContent ?? '';
  typeInto(box(0), value);
  await press('Save Changes');
  await settle();
  await settle();
  const dialog = document.querySelector('dialog[open]');
  return { hint, title: dialog?.querySelector('h2')?.textContent, dialog: dialog?.textContent ?? '' };
}

describe('the serial grid names the values by the product kind', () => {
  it('a lot product: lot numbers in the hint and the save confirmation', async () => {
    const { hint, title, dialog } = await saveOneIn('lot', 'CHEESE', 'L-1');
    expect(hint).toContain('Boxes may stay empty; each lot number may appear only once.');
    expect(hint).not.toContain('serial number');
    expect(title).toBe('Lot numbers saved');
    expect(dialog).toContain('The lot numbers of CHEESE have been saved (1 added, 0 changed, 0 removed; 0 use-by dates set or changed).');
  });

  it('a use-by product: use-by dates', async () => {
    const { hint, title, dialog } = await saveOneIn('use_by', 'MILK', '2031-01-31');
    expect(hint).toContain('Boxes may stay empty; each use-by date may appear only once.');
    expect(hint).toContain('a GS1 code fills in its use-by date.');
    expect(title).toBe('Use-by dates saved');
    expect(dialog).toContain('The use-by dates of MILK have been saved (1 added, 0 changed, 0 removed).');
  });

  it.each([
    ['serial', 'PHONE'],
    ['other', 'PART'],
  ] as const)('a product of kind %s keeps "serial numbers", the users\' word', async (kind, sku) => {
    const { hint, title, dialog } = await saveOneIn(kind, sku, 'SN-1');
    expect(hint).toContain('Boxes may stay empty; each serial number may appear only once.');
    expect(title).toBe('Serial numbers saved');
    expect(dialog).toContain(`The serial numbers of ${sku} have been saved (1 added, 0 changed, 0 removed).`);
  });

  it('asks about unsaved lot numbers, not serial numbers, when the packer leaves', async () => {
    await openGridOf('lot', 'CHEESE');
    typeInto(box(0), 'L-1');
    await press('Back to product');
    await settle();
    expect(document.querySelector('dialog[open]')?.textContent).toContain('The lot numbers of CHEESE have 1 unsaved change.');
  });

  it.each([
    ['lot', 'CHEESE', 'lot numbers', 'Lot numbers of CHEESE', 'Lot number 1', '"LOT-0001..LOT-0100" or "LOT-0001 +100"'],
    ['use_by', 'MILK', 'use-by dates', 'Use-by dates of MILK', 'Use-by date 1', null],
    ['serial', 'PHONE', 'serial numbers', 'Serial numbers of PHONE', 'Serial number 1', '"SN-0001..SN-0100" or "SN-0001 +100"'],
    ['other', 'PART', 'serial numbers', 'Serial numbers of PART', 'Serial number 1', '"SN-0001..SN-0100" or "SN-0001 +100"'],
  ] as const)('a product of kind %s: the grid opens, names its boxes and gives a range as its values are written', async (kind, sku, many, group, firstBox, range) => {
    const { opening } = await openGridOf(kind, sku);
    expect(opening).toBe(`Opening the ${many}…`);
    const names = boxNames();
    expect(names.group).toBe(group);
    expect(names.boxes[0]).toBe(firstBox);
    expect(names.boxes).toHaveLength(3);
    const hint = document.querySelector('.hint')?.textContent ?? '';
    expect(hint).toContain('Paste a column from a spreadsheet to fill boxes from the focused one down');
    if (range) expect(hint).toContain(`or enter a range such as ${range} to fill the next empty boxes.`);
    else expect(hint).not.toContain('range');
  });

  it('gives no range example a product\'s format would refuse, and none at all for a format with a check digit', async () => {
    const hint = () => document.querySelector('.hint')?.textContent ?? '';
    await openGridOf('serial', 'PHONE', true, { pattern: '[0-9]{15}', description: 'IMEI: 15 digits', minLength: null, maxLength: null, checkDigit: 'luhn' });
    expect(hint()).toContain('Paste a column from a spreadsheet to fill boxes from the focused one down.');
    expect(hint()).not.toContain('range');
  });

  it('gives the range words without an example for a format with no check digit', async () => {
    const hint = () => document.querySelector('.hint')?.textContent ?? '';
    await openGridOf('serial', 'TAG', true, { pattern: '[0-9]{8}', description: 'Tag: 8 digits', minLength: null, maxLength: null, checkDigit: 'none' });
    expect(hint()).toContain('or enter a range (the first value..the last, or the first +a count) to fill the next empty boxes.');
    expect(hint()).not.toContain('SN-0001');
  });

  it('opened by a screen that does not know the kind, it says serial numbers (the users\' word) until it reads the kind', async () => {
    const { opening } = await openGridOf('lot', 'CHEESE', false);
    expect(opening).toBe('Opening the serial numbers…');
    expect(boxNames().boxes[0]).toBe('Lot number 1');
  });
});
