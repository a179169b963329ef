/**
 * Counts in words for messages. Thousands separators by plain string work on purpose: the first
 * toLocaleString/Intl call loads locale data, which cost tens of ms at start-up on the order list.
 */

/** "50,000". */
export function withThousands(n: number): string {
  return digitsWithThousands(String(n));
}

/** A run of digits grouped in thousands as it is ("12345678901234567890"), however long: no number rounds it. */
export function digitsWithThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 box", "2 boxes", "1 line needs", "3 lines need": packers hear refusals read aloud; "box(es)" is neither. */
export function counted(count: number, one: string, many: string): string {
  return `${withThousands(count)} ${count === 1 ? one : many}`;
}

/**
 * How many orders a refusal names before "and N more" (turning identifiers off while orders awaiting
 * dispatch hold them): the bench and the hub say the same, and a long list would bury the sentence.
 */
export const ORDERS_NAMED_IN_REFUSAL = 3;

/** "A", "A and B", "A, B and C"; beyond `named` items the rest are counted: "A, B, C, D, E and 1,195 more". */
export function listedInWords(items: readonly string[], named = Number.POSITIVE_INFINITY): string {
  if (items.length > named) return `${items.slice(0, named).join(', ')} and ${withThousands(items.length - named)} more`;
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
