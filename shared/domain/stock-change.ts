import { counted, withThousands } from './counted.js';
/**
 * The words for a stock level typed against a figure that moved before it was saved (an order
 * dispatched, another bench's change synced, the CLI): the core's refusal, and the products screen's
 * when it has already heard of the move.
 */
export function stockMovedMessage(sku: string, shownStockLevel: number, stockLevelNow: number): string {
  return (
    `The stock of ${sku} changed from ${withThousands(shownStockLevel)} to ${withThousands(stockLevelNow)} while you were editing ` +
    '(an order was dispatched or another bench synced): check the new figure and enter the stock level again.'
  );
}

/**
 * The words for a single-use stock level below the units allocated to orders awaiting dispatch:
 * the core's refusal, and the products screen's before it opens the leaving-units picker.
 */
export function belowAllocatedMessage(sku: string, allocated: number): string {
  return (
    `${sku} has ${counted(allocated, 'unit', 'units')} allocated to orders awaiting dispatch: ` +
    `the stock level cannot go below ${withThousands(allocated)} until those allocations are cleared or dispatched.`
  );
}
