/**
 * A scan into the last box of the allocation dialog, then Enter on "Save Changes" at once (the scan's
 * Enter put focus there): the save waits for that box's check, also when it is a GS1 code (read for the
 * product first, then checked as a value), and the scanned value is saved. The core answers the box's
 * check a little slowly, as a busy bench does (an import, a sync pull).
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { allocatedValues, allocationDialog, picker, openDispatchIdentifiers, answerLate } from './orders-helpers.js';

const PHONE = { sku: 'PHN-G1', title: 'Phone G1', barcode: '9506000134352', gtin: '09506000134352' };

async function scanGs1(page: Page, parts: string[]): Promise<void> {
  for (const [i, part] of parts.entries()) {
    if (i > 0) await page.keyboard.press('Control+BracketRight');
    await page.keyboard.type(part, { delay: 5 });
  }
  await page.keyboard.press('Enter');
}

for (const how of ['plain', 'gs1'] as const) {
  test(`${how} scan into the last box then Enter on Save Changes at once: the scanned value is saved`, async ({ page, bench }) => {
    bench.handlers.importCsv({
      files: [
        { name: 'products.csv', content: `sku,title,barcode,identifier_mode,stock_level\n${PHONE.sku},${PHONE.title},${PHONE.barcode},single_use,3\n` },
        { name: 'identifiers.csv', content: `sku,identifier\n${PHONE.sku},SN0001\n${PHONE.sku},SN0002\n${PHONE.sku},SN0003\n` },
        { name: 'orders.csv', content: `order_number,customer,sku,quantity\nSO-G1,Ada Lovelace,${PHONE.sku},2\n` },
      ],
    });
    await bench.open(page);
    await openDispatchIdentifiers(page, 'SO-G1');
    const dialog = allocationDialog(page);
    const unit1 = picker(page, 'SO-G1', PHONE.sku, 1);
    await expect(unit1).toBeFocused();
    if (how === 'gs1') await scanGs1(page, [`]d201${PHONE.gtin}21SN0001`]);
    else await scanGs1(page, ['SN0001']);
    await expect(unit1).toHaveValue('SN0001');
    // The core answers the box's check a little slowly (a busy bench: an import, a sync pull).
    await answerLate(page, 'searchCandidates', 300);
    if (how === 'gs1') await scanGs1(page, [`]d201${PHONE.gtin}21SN0002`]);
    else await scanGs1(page, ['SN0002']);
    await page.keyboard.press('Enter'); // on "Save Changes", where the scan's Enter put focus
    const saved = page.getByRole('dialog', { name: 'Dispatch identifiers saved' });
    await expect(saved).toBeVisible();
    const text = await saved.textContent();
    await saved.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toBeHidden();
    expect({ text, values: allocatedValues(bench, 'SO-G1', PHONE.sku) }).toEqual({ text: expect.stringContaining('saved against order SO-G1'), values: ['SN0001', 'SN0002'] });
  });
}
