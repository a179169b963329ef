/**
 * intake_op (0026) counts a product's live allocations before an order system's product.upsert turns
 * its identifiers off. allocations had no index on product_id, so each such item read the whole table
 * (a million rows on a busy hub), and an order system resending its catalogue with mode none for
 * products the benches gave identifiers did that once per item. A partial index on the live ones
 * (those awaiting dispatch; consumed ones are most rows and never asked about here) answers it.
 */
export const ALLOCATIONS_LIVE_BY_PRODUCT_INDEX = 'allocations_live_by_product';

export const allocationsLiveByProductSql = /* sql */ `
CREATE INDEX ${ALLOCATIONS_LIVE_BY_PRODUCT_INDEX} ON allocations (product_id) WHERE status = 'live';
`;
