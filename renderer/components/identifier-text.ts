/**
 * One identifier as the packing slip and the order page show it: a use-by value as its date, a dated lot
 * with its date (a customer or a recall needs it), both in the bench's locale as the allocation picker,
 * Recall and Lookup show them; any other as it is.
 */
import type { IdentifierKind } from '../../shared/identifiers/kinds.js';
import { formatUseByDate } from '../../shared/identifiers/use-by-dates.js';

/** The bench's locale (the page's language); none where there is no page (pure words under Node). */
export const benchLocale = (): string | undefined => (typeof navigator === 'undefined' ? undefined : navigator.language);

/** A stored use-by date (YYYY-MM-DD) as the bench shows dates: "31/03/2027" in en-GB. */
export const shownUseByDate = (date: string): string => formatUseByDate(date, benchLocale());

export function identifierText(kind: IdentifierKind, value: string, lotUseBy: string | null | undefined): string {
  if (kind === 'use_by') return `Use by ${formatUseByDate(value, navigator.language)}`;
  return kind === 'lot' && lotUseBy ? `${value} use by ${formatUseByDate(lotUseBy, navigator.language)}` : value;
}
