/**
 * An import the Import screen follows but did not start from this visit (the packer left the screen
 * while it ran and came back, or it came from the desktop menu's Import…): its progress bar shows,
 * and when it ends the screen says how — refused, naming the file and line, or finished — rather
 * than the bar just going, saying nothing.
 */
import { expect, test } from './fixtures.js';

const HEADER = 'sku,title,barcode,identifier_mode,stock_level';
const productsCsv = (rows: number, lastLine: string) => `${HEADER}\n${Array.from({ length: rows }, (_, i) => `S-${i + 1},Item ${i + 1},,none,1`).join('\n')}\n${lastLine}\n`;

test('an import followed on the Import screen says how it ended: a refusal names the file and line', async ({ page, bench }) => {
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Import' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Import', exact: true })).toBeVisible();
  // Started elsewhere on this bench: a file whose last line is bad, big enough to run for seconds (the bar is seen).
  const started = bench.service.api.startCsvImport({ files: [{ name: 'catalogue.csv', content: productsCsv(20_000, 'BAD-1,Bad,,sometimes,1') }] });
  await expect(page.getByRole('button', { name: 'Cancel import' })).toBeVisible();
  expect(await started).toMatchObject({ ok: true });
  await expect(page.getByRole('button', { name: 'Cancel import' })).toHaveCount(0, { timeout: 60_000 });
  await expect(page.locator('.import-result [role="alert"]')).toContainText('catalogue.csv line 20002');
  await expect(page.locator('.import-result')).toBeFocused();

  // And one that goes through is said finished, with its counts.
  const next = bench.service.api.startCsvImport({ files: [{ name: 'catalogue.csv', content: productsCsv(20_000, 'LAST-1,Last,,none,1') }] });
  await expect(page.getByRole('button', { name: 'Cancel import' })).toBeVisible();
  expect(await next).toMatchObject({ ok: true });
  await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('table', { name: 'Files imported' })).toContainText('20,001');
});
