/**
 * GS1 scans in the allocation picker (issue 12), as a packer meets them: a GS1 DataMatrix code
 * typed at scanner speed (AIM prefix ]d2, GS as Ctrl+]) allocates the serial it carries when its
 * GTIN is the product's barcode; another product's code is refused at the box, naming that product,
 * with a beep, and nothing is allocated from it. Checked in the core after "Save Changes". In the
 * Identifier Lookup, a GS1 code shows the identifier of the product its GTIN names, not another
 * product's identifier with the same serial. A lot scanned with a use-by date (17): refused when the
 * bench holds another date for it; for a lot held without a date, the label's date is judged as an
 * expired lot's would be, and a good one is taken with a polite note.
 */
import type { Page } from '@playwright/test';
import type { BenchHandlers } from '../../shared/contract/api.js';
import { addDays, localToday } from '../../shared/identifiers/use-by-dates.js';
import { expect, test } from './fixtures.js';
import { allocatedValues, allocationDialog, beeps, countBeeps, picker, openDispatchIdentifiers } from './orders-helpers.js';

// EAN-13 barcodes: GTIN-14 09506000134352 and 09501101530003.
const PHONE = { sku: 'PHN-G1', title: 'Phone G1', barcode: '9506000134352', gtin: '09506000134352' };
const OTHER = { sku: 'PHN-G2', title: 'Phone G2', barcode: '9501101530003', gtin: '09501101530003' };

function seed(handlers: BenchHandlers): void {
  handlers.importCsv({
    files: [
      {
        name: 'products.csv',
        content: `sku,title,barcode,identifier_mode,stock_level\n${PHONE.sku},${PHONE.title},${PHONE.barcode},single_use,3\n${OTHER.sku},${OTHER.title},${OTHER.barcode},single_use,1\n`,
      },
      { name: 'identifiers.csv', content: `sku,identifier\n${PHONE.sku},SN0001\n${PHONE.sku},SN0002\n${PHONE.sku},SN0003\n${OTHER.sku},SN0001\n` },
      { name: 'orders.csv', content: `order_number,customer,sku,quantity\nSO-G1,Ada Lovelace,${PHONE.sku},2\n` },
    ],
  });
}

/** A GS1 code as a wedge scanner types it: characters 5 ms apart, GS (FNC1) as Ctrl+], then Enter. */
async function scanGs1(page: Page, parts: string[]): Promise<void> {
  for (const [i, part] of parts.entries()) {
    if (i > 0) await page.keyboard.press('Control+BracketRight');
    await page.keyboard.type(part, { delay: 5 });
  }
  await page.keyboard.press('Enter');
}

test('a GS1 scan in the allocation picker allocates its serial; another product’s code is refused, naming that product; lookup goes by the GTIN', async ({ page, bench }) => {
  seed(bench.handlers);
  await countBeeps(page);
  await bench.open(page);
  await expect(page.getByText('1 order awaiting dispatch', { exact: false }).first()).toBeVisible();
  await openDispatchIdentifiers(page, 'SO-G1');
  const dialog = allocationDialog(page);
  const unit1 = picker(page, 'SO-G1', PHONE.sku, 1);
  const unit2 = picker(page, 'SO-G1', PHONE.sku, 2);
  await expect(unit1).toBeFocused();

  // GTIN, then a lot (variable length, ended by GS), then the serial.
  await scanGs1(page, [`]d201${PHONE.gtin}10LOT-42`, '21SN0002']);
  await expect(unit1).toHaveValue('SN0002');
  await expect(unit2).toBeFocused();

  // Another product's GTIN (it has a serial SN0001 too): refused at the box, naming the product.
  await scanGs1(page, [`]d201${OTHER.gtin}21SN0001`]);
  await expect(unit2).toHaveAccessibleDescription(
    `Refused: This is product ${OTHER.sku} (${OTHER.title}), not ${PHONE.sku} (${PHONE.title}): the scanned GTIN ${OTHER.gtin} is ${OTHER.sku}'s barcode. Scan another.`,
  );
  await expect(dialog.getByRole('alert')).toContainText(`${OTHER.sku} (${OTHER.title})`);
  await expect(unit2).toHaveValue('');
  await expect(unit2).toBeFocused();
  await expect.poll(() => beeps(page)).toBe(1);

  // The product's own code with the same serial is taken.
  await scanGs1(page, [`]d201${PHONE.gtin}21SN0001`]);
  await expect(unit2).toHaveValue('SN0001');
  await expect(dialog.getByRole('button', { name: 'Save Changes' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Dispatch identifiers saved' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  expect(allocatedValues(bench, 'SO-G1', PHONE.sku)).toEqual(['SN0002', 'SN0001']);

  // Identifier Lookup: both products have a serial SN0001; a GS1 code's GTIN says which one is meant.
  await page.getByRole('button', { name: 'Identifier Lookup' }).click();
  await expect(page.getByLabel('Identifier', { exact: true })).toBeFocused();
  await scanGs1(page, [`]d201${OTHER.gtin}21SN0001`]);
  await expect(page.getByText(`The GS1 code is product ${OTHER.sku} (${OTHER.title}): only its identifier is shown.`)).toBeVisible();
  await expect(page.getByRole('article', { name: `${OTHER.sku}: SN0001` })).toContainText('Not allocated to any order.');
  await expect(page.getByRole('article')).toHaveCount(1);
  await page.getByLabel('Identifier', { exact: true }).fill('');
  await scanGs1(page, [`]d201${PHONE.gtin}21SN0001`]);
  await expect(page.getByRole('article', { name: `${PHONE.sku}: SN0001` })).toContainText('SO-G1');
  await expect(page.getByRole('article')).toHaveCount(1);
});

test('a GS1 scan of a lot whose use-by date (17) is not the one the bench holds for that lot is refused, naming both dates', async ({ page, bench }) => {
  const today = localToday();
  const [soon, held, misprinted] = [addDays(today, 10), addDays(today, 40), addDays(today, 20)];
  const yymmdd = (iso: string) => iso.slice(2).replace(/-/g, '');
  bench.handlers.importCsv({
    files: [
      {
        name: 'products.csv',
        content: `sku,title,barcode,identifier_mode,stock_level,identifier_kind\nYOG-G,Yoghurt G,${PHONE.barcode},single_use,2,lot\n`,
      },
      { name: 'identifiers.csv', content: `sku,identifier,use_by\nYOG-G,L-1,${soon}\nYOG-G,L-2,${held}\n` },
      { name: 'orders.csv', content: 'order_number,customer,sku,quantity\nSO-G2,Dairy Shop,YOG-G,1\n' },
    ],
  });
  await countBeeps(page);
  await bench.open(page);
  await openDispatchIdentifiers(page, 'SO-G2');
  const dialog = allocationDialog(page);
  const unit1 = picker(page, 'SO-G2', 'YOG-G', 1);
  await expect(unit1).toHaveValue('L-1');
  await expect(unit1).toBeFocused();
  const inLocale = (iso: string) =>
    page.evaluate((d) => new Intl.DateTimeFormat(navigator.language, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`)), iso);

  // The pack's label says lot L-2, use by `misprinted`; the bench holds L-2 with `held`: refused, not taken silently.
  await scanGs1(page, [`]d201${PHONE.gtin}17${yymmdd(misprinted)}10L-2`]);
  await expect(unit1).toHaveAccessibleDescription(
    `"L-2" was refused: its code says use by ${await inLocale(misprinted)}, but lot L-2 is recorded with use by ${await inLocale(held)}; check the label. Scan another.`,
  );
  await expect(dialog.getByRole('alert')).toContainText('L-2');
  await expect(unit1).toHaveValue('L-1');
  await expect(unit1).toBeFocused();
  await expect.poll(() => beeps(page)).toBe(1);

  // The same lot with the date the bench holds is taken.
  await scanGs1(page, [`]d201${PHONE.gtin}17${yymmdd(held)}10L-2`]);
  await expect(unit1).toHaveValue('L-2');
  await dialog.getByRole('button', { name: 'Save Changes' }).click();
  await page.getByRole('dialog', { name: 'Dispatch identifiers saved' }).getByRole('button', { name: 'OK' }).click();
  expect(allocatedValues(bench, 'SO-G2', 'YOG-G')).toEqual(['L-2']);
});

test('a GS1 scan of a lot the bench holds without a use-by date is judged by its label’s date (17): refused when expired, else taken with a note', async ({ page, bench }) => {
  const today = localToday();
  const [soon, passed, fine] = [addDays(today, 10), addDays(today, -3), addDays(today, 60)];
  const yymmdd = (iso: string) => iso.slice(2).replace(/-/g, '');
  bench.handlers.importCsv({
    files: [
      {
        name: 'products.csv',
        content: `sku,title,barcode,identifier_mode,stock_level,identifier_kind\nYOG-U,Yoghurt U,${PHONE.barcode},single_use,2,lot\n`,
      },
      { name: 'identifiers.csv', content: `sku,identifier,use_by\nYOG-U,L-1,${soon}\nYOG-U,L-3,\n` },
      { name: 'orders.csv', content: 'order_number,customer,sku,quantity\nSO-G3,Dairy Shop,YOG-U,1\n' },
    ],
  });
  await countBeeps(page);
  await bench.open(page);
  await openDispatchIdentifiers(page, 'SO-G3');
  const dialog = allocationDialog(page);
  const unit1 = picker(page, 'SO-G3', 'YOG-U', 1);
  await expect(unit1).toHaveValue('L-1');
  await expect(unit1).toBeFocused();
  const inLocale = (iso: string) =>
    page.evaluate((d) => new Intl.DateTimeFormat(navigator.language, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`)), iso);

  // L-3 has no date on record; its label says use by three days ago: refused as an expired lot is, naming the label's date.
  await scanGs1(page, [`]d201${PHONE.gtin}17${yymmdd(passed)}10L-3`]);
  await expect(unit1).toHaveAccessibleDescription(`"L-3" was refused: the use-by date ${await inLocale(passed)} has passed (expired). Scan another.`);
  await expect(dialog.getByRole('alert')).toContainText('L-3');
  await expect(unit1).toHaveValue('L-1');
  await expect(unit1).toBeFocused();
  await expect.poll(() => beeps(page)).toBe(1);

  // A pack of L-3 whose label date is fine is taken; the dialog says, politely, that the lot has no date on record.
  await scanGs1(page, [`]d201${PHONE.gtin}17${yymmdd(fine)}10L-3`]);
  await expect(unit1).toHaveValue('L-3');
  const note = `Lot L-3 has no use-by date on record; its label says use by ${await inLocale(fine)} (a manager can record it).`;
  await expect(unit1).toHaveAccessibleDescription(note);
  await expect(unit1).not.toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('status')).toContainText(note);
  await expect(dialog.getByRole('alert')).toHaveText('');
  await expect(dialog.getByRole('button', { name: 'Save Changes' })).toBeFocused();
  expect(await beeps(page)).toBe(1);
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'Dispatch identifiers saved' }).getByRole('button', { name: 'OK' }).click();
  expect(allocatedValues(bench, 'SO-G3', 'YOG-U')).toEqual(['L-3']);
});

test('a GS1 scan repeating another box’s serial is refused and brings the focus back to its box, so the next scan fills it', async ({ page, bench }) => {
  seed(bench.handlers);
  await countBeeps(page);
  await bench.open(page);
  await openDispatchIdentifiers(page, 'SO-G1');
  const dialog = allocationDialog(page);
  const unit1 = picker(page, 'SO-G1', PHONE.sku, 1);
  const unit2 = picker(page, 'SO-G1', PHONE.sku, 2);
  await expect(unit1).toBeFocused();
  await scanGs1(page, [`]d201${PHONE.gtin}21SN0002`]);
  await expect(unit1).toHaveValue('SN0002');
  await expect(unit2).toBeFocused();

  // The same pack scanned again: refused in unit 2, which gets the focus back (focus had gone on to "Save Changes").
  await scanGs1(page, [`]d201${PHONE.gtin}21SN0002`]);
  await expect(unit2).toHaveAccessibleDescription('"SN0002" was refused: it is already chosen for order SO-G1, PHN-G1 unit 1. Scan another.');
  await expect(dialog.getByRole('alert').filter({ hasText: '"SN0002" was refused' })).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(1);
  await expect(unit2).toHaveValue('');
  await expect(unit2).toBeFocused();

  // The next scan fills unit 2, not "Save Changes".
  await scanGs1(page, [`]d201${PHONE.gtin}21SN0001`]);
  await expect(unit2).toHaveValue('SN0001');
  await expect(dialog.getByRole('button', { name: 'Save Changes' })).toBeFocused();
});
