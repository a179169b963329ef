/** The dispatch quantity boxes of the order details: defaults and checks before "Complete Order". */
import type { OrderDetails } from '../../../../shared/contract/api.js';

export type QuantityTexts = ReadonlyMap<number, string>;

export function defaultQuantities(order: OrderDetails): Map<number, string> {
  return new Map(order.lines.filter((l) => l.remaining > 0).map((l) => [l.lineId, String(l.remaining)]));
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
