// @vitest-environment happy-dom
/**
 * The allocation dialog's refusals name a value as its line shows it: a use-by date the product does not
 * hold is "not a pre-entered use-by date" (a date has no case), quoted in the bench's locale as the
 * line's list and heading show dates, in one format through the sentence; a lot it does not hold is
 * "not a pre-entered lot number"; other kinds keep the identifier's words; a value the product holds in
 * another case is named. Real core.
 */
import { describe, expect, it } from 'vitest';
import { formatUseByDate } from '../../shared/identifiers/use-by-dates.js';
import type { IdentifierKind } from '../../shared/identifiers/kinds.js';
import { openTestBench } from '../core/helpers.js';
import { giveBoxListsAViewport, settle, wedgeScan } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';
import { dialogAlertText as alertText, openFromOrderPage, unitBox as box } from './allocation-dialog-dom.js';

const mounted = mountPointPerTest();
giveBoxListsAViewport('allocation-list');
const shown = (date: string) => formatUseByDate(date, navigator.language);

/** The dialog on SO-1 (one unit of P-1 of the given kind, holding `values`), the focus in unit 1. */
async function dialogFor(kind: IdentifierKind, values: string[]) {
  const bench = openTestBench();
  const productId = bench.product('P-1', 'multiple_use', 5, values);
  bench.ok('setIdentifierSpec', { productId, identifierKind: kind, identifierFormat: null, minShelfLifeDays: null });
  const order = bench.order('SO-1', [['P-1', 1]]);
  await openFromOrderPage(mounted().root, bench, order.id, () => box('P-1', 1) !== null);
  box('P-1', 1)!.focus();
}

async function scanRefused(value: string): Promise<string> {
  await wedgeScan(value);
  for (let i = 0; i < 3; i++) await settle();
  return alertText();
}

describe('allocation dialog, refusal words by the line\'s kind', () => {
  it('a use-by date the product does not hold: named a use-by date, in the bench\'s locale, no case hint', async () => {
    await dialogFor('use_by', ['2031-01-15']);
    expect(await scanRefused('2031-12-31')).toBe(`"${shown('2031-12-31')}" is not a pre-entered use-by date of P-1.`);
  });

  it('an expired use-by date: one date format through the sentence', async () => {
    await dialogFor('use_by', ['2031-01-15', '2020-01-01']);
    expect(await scanRefused('2020-01-01')).toBe(`"${shown('2020-01-01')}" was refused: the use-by date ${shown('2020-01-01')} has passed (expired). Scan another.`);
  });

  it('a lot the product does not hold: named a lot number', async () => {
    await dialogFor('lot', ['L-1']);
    // Held in another case: named, so the packer knows the label (or the scanner's case) is at fault.
    expect(await scanRefused('l-1')).toBe('"l-1" is not a pre-entered lot number of P-1. Lot numbers are case sensitive: P-1 holds "L-1".');
    expect(await scanRefused('L-9')).toBe('"L-9" is not a pre-entered lot number of P-1. Lot numbers are case sensitive.');
  });

  it('a serial number the product does not hold: the identifier\'s words, as before', async () => {
    await dialogFor('serial', ['SN-1']);
    expect(await scanRefused('sn-1')).toBe('"sn-1" is not a pre-entered identifier of P-1. Identifiers are case sensitive: P-1 holds "SN-1".');
  });
});
