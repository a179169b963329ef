/**
 * The order list's keys, defined once: the "Keyboard shortcuts" dialog lists them, and the list's
 * screen-reader description (aria-describedby) says them, so the two cannot drift apart. README's
 * "order list" rows are these rows (test/renderer/shortcuts-readme.test.ts, and the orders e2e spec).
 */
export const ORDER_LIST_KEYS: ReadonlyArray<[keys: string, what: string]> = [
  // Above the first order is "Search orders" (OrderList.tsx); its Down comes back to the first order.
  ['Up / Down', 'Previous / next order; Up on the first order goes back to "Search orders"'],
  ['Page Up / Page Down', 'A page of orders up / down'],
  ['Home / End', 'First / last order'],
  ['Space', 'Select or unselect the focused order'],
  // Shift with any key that moves the focus takes the orders between into the selection (OrderList.tsx).
  ['Shift+Up / Shift+Down, Shift+Page Up / Shift+Page Down, Shift+Home / Shift+End', 'Extend the selection to the order moved to'],
  ['Ctrl+A', 'Select every order of this search, as "Select all N matching orders" does'],
  ['Enter', 'Open the focused order (Details / Ready)'],
  ['Left / Right', 'Between the order, its checkbox and its "Details / Ready" button'],
];

/** The keys as one sentence for a screen reader: "Up / Down: previous / next order; …". */
export function describeOrderListKeys(): string {
  const said = ORDER_LIST_KEYS.map(([keys, what]) => `${keys}: ${what.charAt(0).toLowerCase()}${what.slice(1)}`);
  return `${said.join('; ')}.`;
}
