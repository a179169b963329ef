/** The dispatch quantity boxes of the order details: defaults and checks before "Complete Order". */
import type { MissingIdentifier, OrderDetails } from '../../../../shared/contract/api.js';
import { MAX_MISSING_LISTED } from '../../../../shared/contract/schemas.js';

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
    const text = (typed.get(line.lineId) ?? '').trim();
    if (was === undefined || line.remaining >= was || !/^\d+$/.test(text)) continue;
    const quantity = Number(text);
    if (quantity <= line.remaining || quantity > was) continue;
    lowered ??= new Map(typed);
    lowered.set(line.lineId, String(line.remaining));
  }
  return lowered ?? (typed as Map<number, string>);
}

export type QuantityCheck =
  | { ok: true; lines: Array<{ lineId: number; quantity: number }> }
  | { ok: false; problems: Map<number, string> };

export function checkQuantities(order: OrderDetails, texts: QuantityTexts): QuantityCheck {
  const problems = new Map<number, string>();
  const lines: Array<{ lineId: number; quantity: number }> = [];
  for (const line of order.lines) {
    if (line.remaining === 0) continue;
    const text = (texts.get(line.lineId) ?? '').trim();
    const quantity = Number(text);
    if (!/^\d+$/.test(text) || quantity > line.remaining) {
      problems.set(line.lineId, `Enter a whole number from 0 to ${line.remaining}.`);
      continue;
    }
    lines.push({ lineId: line.lineId, quantity });
  }
  if (problems.size) return { ok: false, problems };
  if (!lines.some((l) => l.quantity > 0)) {
    const first = order.lines.find((l) => l.remaining > 0);
    return { ok: false, problems: new Map(first ? [[first.lineId, 'Enter how many units to dispatch on at least one line.']] : []) };
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
