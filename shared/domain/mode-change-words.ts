/**
 * What a change of a product's Dispatch Identifier Mode will do, said before "Set Mode" changes it
 * (the product screen asks with these words), or null when the change touches nothing already held:
 * a question for every change would teach the manager to confirm without reading.
 */
import type { z } from 'zod';
import type { identifierModeCountsSchema } from '../contract/schemas.js';
import { identifierNouns } from '../identifiers/kinds.js';
import { counted } from './counted.js';
import { IDENTIFIER_MODE_SHORT_LABELS, type IdentifierMode } from './modes.js';

export type IdentifierModeCounts = z.infer<typeof identifierModeCountsSchema>;

/** The consequence of moving from the mode in `counts` (the store's, read just now) to `to`. */
export function modeChangeConsequence(counts: IdentifierModeCounts, to: IdentifierMode): string | null {
  const { sku, identifierMode: from, identifierKind, identifiers, dispatched, consumed, awaitingOrders } = counts;
  if (from === to) return null;
  const noun = identifierNouns(identifierKind);
  const becomes = `${sku} becomes ${IDENTIFIER_MODE_SHORT_LABELS[to]}: `;
  const parts: string[] = [];
  // From None, the orders awaiting dispatch with units of it get identifier boxes: "Complete Order"
  // then asks for a value a unit ("Dispatch identifiers needed").
  if (from === 'none' && awaitingOrders > 0) {
    parts.push(`${counted(awaitingOrders, 'order awaiting dispatch needs', 'orders awaiting dispatch need')} ${noun.aOne} for each unit of it before "Complete Order"`);
  }
  // Multiple use sets every status back to available (products-feature resetStatuses) and allocates
  // a value whatever units it went out on. From Single Use that frees those marked used; from
  // None (which had already set them available, consumed 0) it frees every one on a dispatched unit,
  // such as those dispatched under single use before None: the store no longer tells which mode that was.
  const freed = from === 'none' ? dispatched : consumed;
  if (to === 'multiple_use' && freed > 0) {
    parts.push(`${counted(freed, noun.one, noun.many)} already dispatched ${freed === 1 ? 'becomes' : 'become'} available to allocate again`);
  }
  // Single use derives statuses from the allocations: a value on a dispatched unit is used up.
  if (to === 'single_use' && dispatched > 0) {
    parts.push(`${counted(dispatched, noun.one, noun.many)} already dispatched ${dispatched === 1 ? 'is' : 'are'} marked used and cannot be allocated again`);
  }
  if (to === 'none') {
    if (awaitingOrders > 0) {
      parts.push(`${counted(awaitingOrders, 'order awaiting dispatch stops', 'orders awaiting dispatch stop')} showing identifier boxes for it`);
    }
    if (identifiers > 0) {
      parts.push(`its ${counted(identifiers, `${noun.one} is`, `${noun.many} are`)} kept but not used while the mode is None`);
    }
  }
  return parts.length === 0 ? null : `${becomes}${parts.join(', and ')}.`;
}
