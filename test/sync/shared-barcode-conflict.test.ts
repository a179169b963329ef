/**
 * Two benches giving one barcode to two products while offline: the hub takes the first and refuses the
 * second (hub migration 0032). The refusing bench's conflict says the hub's reason as one sentence among
 * its own ("The hub refused it: …. This bench kept its copy of PHN, …"), not "product.. This bench"; the
 * product's stock count, refused as the hub has no such product, says it follows from that.
 * Real hub (PostgreSQL) and real bench stores.
 */
import { describe, expect, it } from 'vitest';
import { useSyncFixture } from './harness.js';

const fx = useSyncFixture();

describe('a product pushed with a barcode another product has at the hub', () => {
  it('becomes a conflict naming the barcode and the other SKU, in well-formed sentences', async () => {
    const hub = await fx.hub();
    const a = await fx.bench(hub, 'A');
    const b = await fx.bench(hub, 'B');
    a.importRows({ 'products.csv': [['CBL-1', 'Cable', '05012345678900', 'none', 1]] });
    b.importRows({ 'products.csv': [['PHN', 'Phone', '5012345678900', 'none', 1]] });
    await a.syncOk();
    await b.syncOk();
    const conflicts = b.conflicts();
    // The product's stock count is refused too (the hub has no PHN): the product's conflict is the one to read.
    const product = conflicts.find((c) => c.opType === 'product.upsert')!;
    expect(product.reason).toBe("Barcode 5012345678900 is already product CBL-1's (as 05012345678900, the same GTIN); a barcode names one product");
    expect(product.whatHappened).toBe(
      "The hub refused it: Barcode 5012345678900 is already product CBL-1's (as 05012345678900, the same GTIN); a barcode names one product. " +
        "This bench kept its copy of PHN, which the hub does not have as it is here: correct what the reason names on this bench " +
        "(import the product's row again, or change its mode or format) and it is sent again. " +
        "A product the hub has comes back in the hub's version the next time it changes there.",
    );
    expect(product.whatHappened).not.toContain('..');
    // The count that followed it is refused as the hub has no PHN: said as a consequence, not a second mystery.
    const count = conflicts.find((c) => c.opType === 'stock.count')!;
    expect(count.reason).toBe('unknown SKU PHN');
    expect(count.whatHappened).toBe(
      'The hub refused it: unknown SKU PHN. The hub has no product PHN, so it cannot take its count: this bench keeps the figure it counted. ' +
        'Once the hub has the product (if it refused the product too, that conflict says why), import the count again.',
    );
  });
});
