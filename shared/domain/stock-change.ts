/**
 * The words for a stock level typed against a figure that moved before it was saved (an order
 * dispatched, another bench's change synced, the CLI): the core's refusal, and the products screen's
 * when it has already heard of the move.
 */
export function stockMovedMessage(sku: string, shownStockLevel: number, stockLevelNow: number): string {
  return (
    `The stock of ${sku} changed from ${shownStockLevel} to ${stockLevelNow} while you were editing ` +
    '(an order was dispatched or another bench synced): check the new figure and enter the stock level again.'
  );
}
