/**
 * What a recall search asked, in words, shown above its results: a search refused, or a form changed
 * since (Lot turned to Use-by dates), leaves the last results on screen, and they must not read as the
 * answer to what the form shows now. Dates as the bench shows dates.
 */
import type { RecallQuery } from '../../../shared/trace/recall-query.js';
import { shownUseByDate } from '../../components/identifier-text.js';

function range(from: string | undefined, to: string | undefined): string {
  if (from && to) return from === to ? `on ${shownUseByDate(from)}` : `${shownUseByDate(from)} to ${shownUseByDate(to)}`;
  return from ? `from ${shownUseByDate(from)}` : `up to ${shownUseByDate(to!)}`;
}

/** 'lot "L-100", product LOT-M, dispatched 01/12/2026 to 07/12/2026 (UTC)', after "Results for". */
export function recallQueryWords(q: RecallQuery): string {
  const parts: string[] = [];
  if (q.lot !== undefined) parts.push(`lot "${q.lot}"`);
  else if (q.useByFrom !== undefined || q.useByTo !== undefined) parts.push(`use-by dates ${range(q.useByFrom, q.useByTo)}`);
  else if (q.value === '') parts.push('every dispatched identifier');
  else parts.push(q.match === 'exact' ? `exactly "${q.value}"` : `identifiers starting "${q.value}"`);
  if (q.sku !== undefined) parts.push(q.skuMatch === 'exact' ? `product ${q.sku}` : `SKU starting "${q.sku}" (any case)`);
  if (q.dispatchedFrom !== undefined || q.dispatchedTo !== undefined) parts.push(`dispatched ${range(q.dispatchedFrom, q.dispatchedTo)} (UTC)`);
  return parts.join(', ');
}
