/** Bounds every layer shares (entry, contract, core, SQL CHECKs repeat them). */

/** The most units one order line may ask for: a warehouse can really hold this many. */
export const MAX_LINE_QUANTITY = 1_000_000;
