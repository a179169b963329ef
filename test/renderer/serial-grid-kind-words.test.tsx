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
import type { IdentifierKind } from '../../shared/identifiers/kinds.js';
import { openTestBench } from '../core/helpers.js';
import { mountPointPerTest } from './mount.js';
import { coreApi, giveBoxListsAViewport, settle, typeInto } from './dom-helpers.js';

const mounted = mountPointPerTest();
giveBoxListsAViewport();

const box = (i: number) => document.getElementById(`serial-box-${i}`) as HTMLInputElement;
const press = (label: string) => act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent === label)!.click());

/** The grid of a multiple-use product of the given kind with 3 empty boxes, on a real core. */
async function openGridOf(kind: IdentifierKind, sku: string) {
  const bench = openTestBench();
  const productId = bench.product(sku, 'multiple_use', 3);
  bench.ok('setIdentifierSpec', { productId, identifierKind: kind, identifierFormat: null, minShelfLifeDays: null });
  const { root } = mounted();
  act(() =>
    root.render(
      <QueryClientProvider client={createBenchQueryClient()}>
        <UnsavedChangesProvider>
          <SerialGridScreen api={coreApi(bench)} productId={productId} onBack={() => {}} />
        </UnsavedChangesProvider>
      </QueryClientProvider>,
    ),
  );
  await settle();
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
});
