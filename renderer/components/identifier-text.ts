/**
 * One identifier as the packing slip and the order page show it: a use-by value as its date, a dated lot
 * with its date (a customer or a recall needs it), both in the bench's locale as the allocation picker,
 * Recall and Lookup show them; any other as it is.
 */
import type { IdentifierKind } from '../../shared/identifiers/kinds.js';
import { formatUseByDate } from '../../shared/identifiers/use-by-dates.js';

export function identifierText(kind: IdentifierKind, value: string, lotUseBy: string | null | undefined): string {
  if (kind === 'use_by') return `Use by ${formatUseByDate(value, navigator.language)}`;
  return kind === 'lot' && lotUseBy ? `${value} use by ${formatUseByDate(lotUseBy, navigator.language)}` : value;
}
