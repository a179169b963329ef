// @vitest-environment happy-dom
/**
 * The first-expiring note under a line counts what still waits for the fill as the packer works: a unit
 * they fill with a lot of their own, or empty on purpose, no longer "will take the first-expiring lots"
 * on saving, and a unit they choose an undated lot for no longer "will stay empty". It kept the figures
 * of the dialog's opening. Real core.
 */
import { describe, expect, it } from 'vitest';
import { addDays, formatUseByDate, localToday } from '../../shared/identifiers/use-by-dates.js';
import { openTestBench } from '../core/helpers.js';
import { giveBoxListsAViewport } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';
import { enter, openFromOrderPage, unitBox as box } from './allocation-dialog-dom.js';

const mounted = mountPointPerTest();
giveBoxListsAViewport('allocation-list');

const notes = () => [...document.querySelectorAll('.allocation-dialog .fefo-plan-note')].map((p) => p.textContent);
const LOT = { identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null } as const;

describe('allocation dialog, the first-expiring note follows the boxes', () => {
  it('counts fewer units to fill once the packer fills or empties a pre-selected box, and the same again when they put the pick back', async () => {
    const today = localToday();
    const shown = (days: number) => formatUseByDate(addDays(today, days), navigator.language);
    const bench = openTestBench();
    const flour = bench.product('FLOUR', 'single_use', 4);
    bench.ok('setIdentifierSpec', { productId: flour, ...LOT });
    bench.ok('saveSerialGrid', {
      productId: flour,
      edits: [
        { box: 0, identifierId: null, value: 'L-1', useBy: addDays(today, 5) },
        { box: 1, identifierId: null, value: 'L-2', useBy: addDays(today, 9) },
        { box: 2, identifierId: null, value: 'L-3', useBy: addDays(today, 12) },
        { box: 3, identifierId: null, value: 'U-1' },
      ],
    });
    const order = bench.order('SO-1', [['FLOUR', 3]]);
    await openFromOrderPage(mounted().root, bench, order.id, () => box('FLOUR', 3)?.value === 'L-3');
    expect(notes()).toEqual([`On saving, 3 units without an identifier will take the first-expiring lots (use by ${shown(5)} to ${shown(12)}), also units not shown.`]);

    // The undated lot, chosen by the packer for unit 3: two units are left to the fill.
    await enter(box('FLOUR', 3)!, 'U-1');
    expect(box('FLOUR', 3)!.value).toBe('U-1');
    expect(notes()).toEqual([`On saving, 2 units without an identifier will take the first-expiring lots (use by ${shown(5)} onwards), also units not shown.`]);
    // Unit 2 emptied on purpose: it stays empty on saving, one unit is left to the fill.
    await enter(box('FLOUR', 2)!, '');
    expect(box('FLOUR', 2)!.value).toBe('');
    expect(notes()).toEqual([`On saving, 1 unit without an identifier will take the first-expiring lots (use by ${shown(5)} onwards), also units not shown.`]);
    // The pre-selected lot put back in unit 3: the fill's again.
    await enter(box('FLOUR', 3)!, 'L-3');
    expect(notes()).toEqual([`On saving, 2 units without an identifier will take the first-expiring lots (use by ${shown(5)} onwards), also units not shown.`]);
  });

  it('counts fewer units left empty once the packer chooses undated lots for them, and no note when none is left', async () => {
    const bench = openTestBench();
    const screws = bench.product('SCREWS', 'multiple_use', 5, ['LN-1', 'LN-2']);
    bench.ok('setIdentifierSpec', { productId: screws, ...LOT });
    const order = bench.order('SO-1', [['SCREWS', 2]]);
    await openFromOrderPage(mounted().root, bench, order.id, () => box('SCREWS', 2) !== null);
    expect(notes()).toEqual(['2 units will stay empty until you scan or choose a lot: lots with no use-by date on record are never filled in.']);

    await enter(box('SCREWS', 1)!, 'LN-1');
    expect(notes()).toEqual(['1 unit will stay empty until you scan or choose a lot: lots with no use-by date on record are never filled in.']);
    await enter(box('SCREWS', 2)!, 'LN-2');
    expect(box('SCREWS', 2)!.value).toBe('LN-2');
    expect(notes()).toEqual([]);
  });
});
