/** The dispatch quantity boxes of the order details: defaults and checks before "Complete Order". */
import type { MissingIdentifier, OrderDetails } from '../../../../shared/contract/api.js';
import type { Issue } from '../../../../shared/contract/result.js';
import { MAX_MISSING_LISTED } from '../../../../shared/contract/schemas.js';
import { counted, digitsWithThousands, listedInWords, withThousands } from '../../../../shared/domain/counted.js';

export type QuantityTexts = ReadonlyMap<number, string>;

export function defaultQuantities(order: OrderDetails): Map<number, string> {
  return new Map(order.lines.filter((l) => l.remaining > 0).map((l) => [l.lineId, String(l.remaining)]));
}

/**
 * The typed quantities after the order was read again with fewer units remaining on some line (part
 * dispatched elsewhere): a quantity that fitted what remained before and no longer does is lowered to
 * what remains now. Any other text stays as typed, a number too big already included (the check says
 * so). The same map when nothing is lowered.
 */
export function lowerToRemaining(typed: QuantityTexts, before: OrderDetails, after: OrderDetails): Map<number, string> {
  let lowered: Map<number, string> | null = null;
  for (const line of after.lines) {
    const was = before.lines.find((l) => l.lineId === line.lineId)?.remaining;
    const quantity = wholeQuantity((typed.get(line.lineId) ?? '').trim());
    if (was === undefined || line.remaining >= was || quantity === null) continue;
    if (quantity <= line.remaining || quantity > was) continue;
    lowered ??= new Map(typed);
    lowered.set(line.lineId, String(line.remaining));
  }
  return lowered ?? (typed as Map<number, string>);
}

/** The quantities typed as whole numbers, by line (others left out: the page's own check says what is wrong with them). */
export function typedQuantities(texts: QuantityTexts): Map<number, number> {
  const numbers = new Map<number, number>();
  for (const [lineId, text] of texts) {
    const quantity = wholeQuantity(text.trim());
    if (quantity !== null) numbers.set(lineId, quantity);
  }
  return numbers;
}

/**
 * problems: the words at each refused box; summary: what the alert says, naming the line (by SKU, as
 * the box's label does) and what is wrong with it, or the lines to look at when there are several.
 */
export type QuantityCheck =
  | { ok: true; lines: Array<{ lineId: number; quantity: number }> }
  | { ok: false; problems: Map<number, string>; summary: string };

/**
 * What is wrong with a dispatch quantity as typed, or null when it fits what remains. A number too big
 * is said in the core's words for the same refusal; thousands as the page writes them.
 */
/** A whole number as typed: digits, or digits grouped in thousands as the page writes them ("1,500"); else null. */
function wholeQuantity(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  return /^\d{1,3}(,\d{3})+$/.test(text) ? Number(text.replace(/,/g, '')) : null;
}

/**
 * A whole number as typed, grouped in thousands from its digits: a scan's long digits (beyond what a
 * number holds exactly) are said as scanned, not rounded or as "2.0012e+21".
 */
const typedWithThousands = (text: string) => digitsWithThousands(text.replace(/,/g, '').replace(/^0+(?=\d)/, ''));

function quantityProblem(text: string, remaining: number): string | null {
  const range = `from 0 to ${withThousands(remaining)}`;
  if (text === '') return `Enter a whole number ${range}.`;
  const quantity = wholeQuantity(text);
  if (quantity !== null) {
    return quantity > remaining ? `Only ${counted(remaining, 'unit remains', 'units remain')} to dispatch; ${typedWithThousands(text)} entered.` : null;
  }
  // "-0" is not below 0: what is wrong is the sign, so that is what is said.
  if (/^-\s*0+(\.0*)?$/.test(text)) return `"${text}" has a minus sign: enter a whole number ${range}.`;
  if (/^-\s*\d+(\.\d*)?$/.test(text)) return `${text} is below 0: enter a whole number ${range}.`;
  if (/^\d*[.,]\d+$/.test(text)) return `${text} is not a whole number of units: enter a whole number ${range}.`;
  return `"${text}" is not a number: enter a whole number ${range}.`;
}

/**
 * The alert for a completion the core refused, naming the dispatch quantities its issues are about
 * (a line's, not a unit's) as the page's own check does: the core's "cannot be completed as entered"
 * alone names no line, and a quantity refused there (part of the line dispatched elsewhere while the
 * completion was on its way, stock gone) is otherwise said only at its box.
 */
export function refusedCompletionSummary(order: OrderDetails, message: string, issues: readonly Issue[]): string {
  const atBoxes = order.lines.flatMap((l) => {
    const issue = issues.find((i) => i.lineId === l.lineId && i.unit === undefined);
    return issue ? [{ sku: l.sku, message: issue.message }] : [];
  });
  if (atBoxes.length === 0) return message;
  if (atBoxes.length === 1) return `${message} Dispatch quantity for ${atBoxes[0]!.sku}: ${atBoxes[0]!.message}`;
  return `${message} Check the dispatch quantities for ${listedInWords(atBoxes.map((l) => l.sku))}, marked below.`;
}

export function checkQuantities(order: OrderDetails, texts: QuantityTexts): QuantityCheck {
  const problems = new Map<number, string>();
  const lines: Array<{ lineId: number; quantity: number }> = [];
  for (const line of order.lines) {
    if (line.remaining === 0) continue;
    const text = (texts.get(line.lineId) ?? '').trim();
    const problem = quantityProblem(text, line.remaining);
    if (problem) {
      problems.set(line.lineId, problem);
      continue;
    }
    lines.push({ lineId: line.lineId, quantity: wholeQuantity(text)! });
  }
  if (problems.size) {
    const refused = order.lines.filter((l) => problems.has(l.lineId));
    const first = refused[0]!;
    const summary =
      refused.length === 1
        ? `Dispatch quantity for ${first.sku}: ${problems.get(first.lineId)}`
        : `Check the dispatch quantities for ${listedInWords(refused.map((l) => l.sku))}, marked below.`;
    return { ok: false, problems, summary };
  }
  if (!lines.some((l) => l.quantity > 0)) {
    const first = order.lines.find((l) => l.remaining > 0);
    return {
      ok: false,
      problems: new Map(first ? [[first.lineId, 'Enter how many units to dispatch on at least one line.']] : []),
      summary: `Every dispatch quantity is 0: enter how many units of order ${order.orderNumber} to dispatch on at least one line.`,
    };
  }
  return { ok: true, lines };
}


/**
 * What "Dispatch identifiers needed" says after a save, read off the order as saved: the units these
 * quantities would dispatch that have no identifier, the first MAX_MISSING_LISTED named and all counted
 * (as the core's "Complete Order" tells them). Null when none are missing.
 */
export function missingAfterSave(order: OrderDetails, lines: ReadonlyArray<{ lineId: number; quantity: number }>): { listed: MissingIdentifier[]; count: number } | null {
  const listed: MissingIdentifier[] = [];
  let count = 0;
  for (const { lineId, quantity } of lines) {
    const line = order.lines.find((l) => l.lineId === lineId);
    if (!line || line.identifierMode === 'none' || quantity <= 0) continue;
    const first = line.dispatched + 1;
    const last = line.dispatched + quantity;
    const held = new Set(line.allocations.filter((a) => !a.dispatched && a.unit >= first && a.unit <= last).map((a) => a.unit));
    count += quantity - held.size;
    for (let unit = first; unit <= last && listed.length < MAX_MISSING_LISTED; unit++) {
      if (!held.has(unit)) listed.push({ orderId: order.id, orderNumber: order.orderNumber, lineId, sku: line.sku, unit });
    }
  }
  return count > 0 ? { listed, count } : null;
}
