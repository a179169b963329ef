/**
 * A scan straight after a key that edits a box without typing (Ctrl+A, Delete), as a manager clearing
 * the last search does before scanning the next unit: what the scan typed is searched. It was measured
 * from the box as it was before that key, so Ctrl+A then a scan within half a second searched nothing
 * (refused: "Give a value…"), and after "RS-000" a scan of RS-0002 searched "2".
 */
import { expect, test } from './fixtures.js';
import { dispatchRouterSerials, hardwareScan, recallRowsFor } from './orders-helpers.js';

test('Ctrl+A, or Ctrl+A and Delete, then a scan at once: Recall searches what was scanned', async ({ page, bench }) => {
  dispatchRouterSerials(bench, 3);
  await bench.open(page);
  // What the scans type starts with what the box held: measured from before Ctrl+A, only their ends were searched.
  const rows = await recallRowsFor(page, 'RS-000');
  await expect(rows).toHaveCount(3);
  const identifier = page.getByLabel('Identifier', { exact: true });
  await expect(identifier).toBeFocused();

  await page.keyboard.press('Control+A');
  await page.waitForTimeout(150);
  await hardwareScan(page, 'RS-0002');
  await expect(identifier).toHaveValue('RS-0002');
  await expect(page.getByText('Results for identifiers starting "RS-0002"')).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveText(/^RS-0002/);
  await expect(page.getByText('Give a value')).toHaveCount(0);

  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.waitForTimeout(150);
  await hardwareScan(page, 'RS-0002');
  await expect(identifier).toHaveValue('RS-0002');
  await expect(page.getByText('Results for identifiers starting "RS-0002"')).toBeVisible();
  await expect(rows.first()).toHaveText(/^RS-0002/);
  await expect(rows).toHaveCount(1);
  await expect(page.getByText('Give a value')).toHaveCount(0);
});
