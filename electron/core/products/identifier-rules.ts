/**
 * The bench side of issue 12's checks: a product's kind and format applied to what the packer types,
 * scans, pastes or imports, with the bench's calendar (today, from the core's clock) and its locale's
 * date order for use-by dates.
 */
import type { IdentifierSpec } from '../../../shared/identifiers/kinds.js';
import { normaliseIdentifier, type NormalisedIdentifier } from '../../../shared/identifiers/identifier-format.js';
import { localeDateOrder, localToday, type DateOrder } from '../../../shared/identifiers/use-by-dates.js';
import type { CoreContext } from '../context.js';

let processOrder: DateOrder | null = null;

/** The bench's date order (its locale) and today, as its clock says. */
export function benchDates(ctx: Pick<CoreContext, 'now'>): { order: DateOrder; today: string } {
  processOrder ??= localeDateOrder();
  return { order: processOrder, today: localToday(new Date(ctx.now())) };
}

/** A raw entry as it will be stored for a product with `spec`, or why not. */
export function normaliseEntry(raw: string, spec: IdentifierSpec, dates: { order: DateOrder; today: string }): NormalisedIdentifier {
  return normaliseIdentifier(raw, spec, dates);
}

/** The sentence for a refused entry: `The identifier is empty.` / `"35…" does not fit "IMEI: 15 digits": check digit wrong (Luhn).` */
export function entryRefusal(raw: string, check: Extract<NormalisedIdentifier, { ok: false }>): string {
  return check.rule === 'text' ? `The identifier ${check.reason}.` : `"${raw.trim()}" ${check.reason}.`;
}
