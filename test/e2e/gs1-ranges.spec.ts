/**
 * GS1 scans and ranges in the serial grid (issue 12), as a packer meets them: a GS1 DataMatrix code
 * typed at scanner speed (GS as Ctrl+]) fills the serial; another product's code is refused naming
 * that product; a range fills 100 boxes after a preview, and a colliding one says which value.
 */
import type { Page } from '@playwright/test';
import type { BenchHandlers } from '../../shared/contract/api.js';
import { expect, test } from './fixtures.js';

const serialBox = (page: Page, n: number) => page.getByRole('textbox', { name: `Serial number ${n}`, exact: true });

function seed(handlers: BenchHandlers, products: Array<[sku: string, barcode: string, stock: number]>, identifiers: Array<[string, string]> = []): void {
  const files = [
    {
      name: 'products.csv',
      content: ['sku,title,barcode,identifier_mode,stock_level', ...products.map(([sku, barcode, stock]) => `${sku},${sku} test product,${barcode},multiple_use,${stock}`)].join('\n') + '\n',
    },
  ];
  if (identifiers.length) files.push({ name: 'identifiers.csv', content: ['sku,identifier', ...identifiers.map((r) => r.join(','))].join('\n') + '\n' });
  handlers.importCsv({ files });
}

function coreValues(handlers: BenchHandlers, sku: string): string[] {
  const productId = handlers.findProducts({ query: sku, offset: 0, limit: 1 }).items[0]!.id;
  return handlers.getSerialGrid({ productId, offset: 0, limit: 1000 }).boxes.map((b) => b.value).filter((v) => v !== '');
}

async function openGrid(page: Page, sku: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Products' }).click();
  await page.getByLabel('SKU, title or barcode').fill(sku);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('list', { name: 'Products found' }).getByRole('button', { name: new RegExp(`^${sku} `) }).click();
  await page.getByRole('button', { name: 'Manually Update Serial Numbers' }).click();
  await expect(page.getByRole('heading', { name: `Product Serial Numbers: ${sku}` })).toBeVisible();
}

/** A GS1 code as a wedge scanner types it: characters 5 ms apart, GS as Ctrl+], then Enter. */
async function scanGs1(page: Page, parts: string[]): Promise<void> {
  for (const [i, part] of parts.entries()) {
    if (i > 0) await page.keyboard.press('Control+BracketRight');
    await page.keyboard.type(part, { delay: 5 });
  }
  await page.keyboard.press('Enter');
}

test('a GS1 DataMatrix scan fills the serial; another product’s code is refused, naming that product', async ({ page, bench }) => {
  // EAN-13 barcodes: GTIN-14 09506000134352 and 09501101530003.
  seed(bench.handlers, [
    ['MED-1', '9506000134352', 3],
    ['MED-2', '9501101530003', 1],
  ]);
  await bench.open(page);
  await openGrid(page, 'MED-1');
  await expect(serialBox(page, 1)).toBeFocused();

  // Use-by (fixed length) and lot (variable, ended by GS) before the serial.
  await scanGs1(page, [']d2010950600013435217271231' + '10LOT-42', '21SN0001']);
  await expect(serialBox(page, 1)).toHaveValue('SN0001');
  await expect(serialBox(page, 2)).toBeFocused();

  await scanGs1(page, [']d20109501101530003' + '21SN0002']);
  const refusal = page.getByRole('alert').filter({ hasText: 'Refused' });
  await expect(refusal).toContainText('This is product MED-2 (MED-2 test product), not MED-1 (MED-1 test product)');
  await expect(serialBox(page, 2)).toHaveValue('');
  await expect(serialBox(page, 2)).toBeFocused();

  // The bracketed form, typed or pasted, reads the same way.
  await page.keyboard.type('(01)09506000134352(21)SN0003');
  await page.keyboard.press('Enter');
  await expect(serialBox(page, 2)).toHaveValue('SN0003');

  await page.getByRole('button', { name: 'Save Changes' }).click();
  await page.getByRole('dialog', { name: 'Serial numbers saved' }).getByRole('button', { name: 'OK' }).click();
  expect(coreValues(bench.handlers, 'MED-1')).toEqual(['SN0001', 'SN0003']);
});

test('a range fills 100 boxes after a preview; a colliding range says which value', async ({ page, bench }) => {
  seed(bench.handlers, [['CARTON', '', 101]], [['CARTON', 'SN-0050']]);
  await bench.open(page);
  await openGrid(page, 'CARTON');
  await expect(serialBox(page, 2)).toBeFocused();

  await page.keyboard.type('SN-0001..SN-0100');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'was refused' })).toContainText('The range "SN-0001..SN-0100" was refused: "SN-0050" (box 1) is already entered.');
  await expect(serialBox(page, 2)).toBeFocused();

  await page.keyboard.type('SN-0101 +100');
  await page.keyboard.press('Enter');
  const preview = page.getByRole('dialog', { name: 'Fill boxes from a range' });
  await expect(preview).toContainText('First valueSN-0101Last valueSN-0200Count100');
  await expect(preview).toContainText('Fills 100 empty boxes from box 2 to box 101.');
  expect(coreValues(bench.handlers, 'CARTON')).toEqual(['SN-0050']); // nothing written yet
  await preview.getByRole('button', { name: 'Fill boxes' }).click();
  await expect(preview).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Filled boxes' })).toHaveText('Filled boxes 2 to 101 with 100 values from the range.');
  await expect(serialBox(page, 2)).toHaveValue('SN-0101');
  // Every box is full: focus moves on to "Save Changes".
  await expect(page.getByRole('button', { name: 'Save Changes' })).toBeFocused();

  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'Serial numbers saved' }).getByRole('button', { name: 'OK' }).click();
  const values = coreValues(bench.handlers, 'CARTON');
  expect(values).toHaveLength(101);
  expect(values.slice(1)).toEqual(Array.from({ length: 100 }, (_, i) => `SN-${String(i + 101).padStart(4, '0')}`));
});
