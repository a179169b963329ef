/**
 * Two benches giving one barcode to two products while offline: the hub takes the first and refuses the
 * second (hub migration 0032). The refusing bench's conflict says the hub's reason as one sentence among
 * its own ("The hub refused it: …. This bench kept its own copy; …"), not "product.. This bench".
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
        "This bench kept its own copy; the hub's version replaces it the next time it changes there.",
    );
    expect(product.whatHappened).not.toContain('..');
  });
});
