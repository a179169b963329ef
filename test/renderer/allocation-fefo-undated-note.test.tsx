// @vitest-environment happy-dom
/**
 * The note under a first-expiring lot line says why units stay empty: for a product whose lots on hand
 * have no use-by date on record, that those are never filled in (the packer scans or chooses one), not
 * that everything is expired; for a product whose dated lots are all expired, that; and "Complete Order"
 * refused for those units says the same why. Real core.
 */
import { describe, expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { giveBoxListsAViewport } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';
import { allocationDialog, buttonIn, dialogAlertText, openFromOrderPage, press, unitBox as box } from './allocation-dialog-dom.js';

const mounted = mountPointPerTest();
giveBoxListsAViewport('allocation-list');

describe('allocation dialog, first-expiring note of a lot line left empty', () => {
  it('names undated lots as the packer\'s to choose, and expired dated lots as expired', async () => {
    const bench = openTestBench();
    const screws = bench.product('SCREWS', 'multiple_use', 5, ['LN-1', 'LN-2']);
    const oats = bench.product('OATS', 'multiple_use', 5);
    for (const productId of [screws, oats]) bench.ok('setIdentifierSpec', { productId, identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null });
    bench.ok('saveSerialGrid', { productId: oats, edits: [{ box: 0, identifierId: null, value: 'L-OLD', useBy: '2020-01-01' }] });
    const order = bench.order('SO-1', [['SCREWS', 1], ['OATS', 2]]);
    await openFromOrderPage(mounted().root, bench, order.id, () => box('OATS', 2) !== null);
    const notes = [...document.querySelectorAll('.allocation-dialog .fefo-plan-note')].map((p) => p.textContent);
    expect(notes).toEqual([
      '1 unit will stay empty until you scan or choose a lot: lots with no use-by date on record are never filled in.',
      '2 units will stay empty: no dated lot is left that is not expired or too close to expiry.',
    ]);
    // "Complete Order" refused for those units says why, as the notes do.
    await press(buttonIn(allocationDialog()!, 'Complete Order'));
    expect(dialogAlertText()).toBe(
      '3 units still need an identifier before the order can be completed: SCREWS unit 1; OATS units 1, 2. ' +
        'The lots of SCREWS on hand have no use-by date on record, so none is filled in: scan or choose one. ' +
        'No dated lot of OATS is left that is not expired or too close to expiry. Nothing was saved.',
    );
  });
});
