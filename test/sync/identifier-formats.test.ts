/**
 * Issue 12 through sync (two benches, real hub, real PostgreSQL): a format set on one bench reaches the
 * other with the product; identifiers that do not fit it are kept on both and listed, never dropped; the
 * receiving bench then checks new entries against the pulled format.
 */
import { describe, expect, it } from 'vitest';
import { FORMAT_PRESETS } from '../../shared/identifiers/kinds.js';
import { newBoxes } from '../core/helpers.js';
import { expectAllAgree, syncAll, useSyncFixture } from './harness.js';

const fx = useSyncFixture();
const IMEI = FORMAT_PRESETS[0]!.format;

describe('identifier formats through sync', () => {
  it('a pulled format applies with the product; unfit identifiers are kept and reported', async () => {
    const hub = await fx.hub();
    const a = await fx.bench(hub, 'A');
    const b = await fx.bench(hub, 'B');
    a.importRows({ 'products.csv': [['PHONE', 'Phone', '', 'multiple_use', 3]], 'identifiers.csv': [['PHONE', 'OLD-1'], ['PHONE', '490154203237518']] });
    await syncAll(a, b);
    const idOn = (bench: typeof a) => bench.count("SELECT id FROM products WHERE sku = 'PHONE'");
    const saved = a.ok('setIdentifierSpec', { productId: idOn(a), identifierKind: 'serial', identifierFormat: IMEI, minShelfLifeDays: null });
    expect(saved.unfit.items.map((u) => u.value)).toEqual(['OLD-1']);
    await syncAll(a, b);
    const truth = await expectAllAgree(hub, a, b);
    expect(truth.identifiers.map((i) => i.value)).toEqual(['490154203237518', 'OLD-1']);

    const onB = b.ok('getProduct', { productId: idOn(b) });
    expect(onB).toMatchObject({ identifierKind: 'serial', identifierFormat: IMEI });
    expect(b.ok('getUnfitIdentifiers', { productId: idOn(b) }).items).toEqual([
      expect.objectContaining({ value: 'OLD-1', reason: 'does not fit "IMEI: 15 digits": 5 characters, needs 15' }),
    ]);
    const refused = b.refused('saveSerialGrid', { productId: idOn(b), edits: newBoxes(['12345'], 2) });
    expect(refused.issues?.[0]?.message).toBe('"12345" does not fit "IMEI: 15 digits": 5 characters, needs 15.');
    b.ok('saveSerialGrid', { productId: idOn(b), edits: newBoxes(['356938035643809'], 2) });
    await syncAll(b, a);
    expect((await expectAllAgree(hub, a, b)).identifiers).toHaveLength(3);
  });
});
