/**
 * Under a first-expiring-first line's heading (issue 12): what "Save Changes" or "Complete Order" will
 * give the line's empty units, including those on pages never shown, so the packer knows before saving
 * ("250 units will take the first-expiring lots, use by 01/01/2027 to 08/09/2027"), and how many will
 * stay empty because nothing usable is left (expired or too close to expiry), or because the lots on
 * hand have no date on record (never filled in: the packer reads the label). The counts follow the
 * packer's boxes: a unit they fill with a value of their own, or empty on purpose, no longer waits for
 * the fill (the dates are the plan's as the dialog opened; with fewer units the last one may be earlier).
 */
import { useSyncExternalStore } from 'react';
import { shownUseByDate } from '../../../components/identifier-text.js';
import { counted } from '../../../components/format-count.js';
import type { AllocationBoxStore } from './allocation-box-store.js';
import type { UseByLine } from './use-by-rules.js';

const units = (n: number) => counted(n, 'unit', 'units');
type Plan = NonNullable<UseByLine['plan']>;

/**
 * The plan once `settled` of the line's empty units are the packer's: the fill has that many fewer to
 * give, and the usable values the plan counted go to the units still waiting first.
 */
export function planAfterSettled(plan: Plan, settled: number): Plan & { fewer: boolean } {
  const waiting = Math.max(0, plan.units + plan.short - settled);
  const filled = Math.min(waiting, plan.units);
  return { ...plan, units: filled, short: waiting - filled, fewer: filled < plan.units };
}

/** The note's text, or null when no unit of the line waits for the fill. */
export function fefoPlanText(rule: UseByLine, settled = 0): string | null {
  if (!rule.plan) return null;
  const plan = planAfterSettled(rule.plan, settled);
  if (plan.units + plan.short === 0) return null;
  const what = rule.kind === 'lot' ? 'lots' : 'use-by dates';
  const parts: string[] = [];
  if (plan.units > 0 && plan.firstUseBy && plan.lastUseBy) {
    const first = shownUseByDate(plan.firstUseBy);
    const last = shownUseByDate(plan.lastUseBy);
    // Fewer units than planned end on the planned last date or before it.
    const dates = first === last ? `use by ${first}` : plan.fewer ? `use by ${first} onwards` : `use by ${first} to ${last}`;
    parts.push(`On saving, ${units(plan.units)} without an identifier will take the first-expiring ${what} (${dates}), also units not shown.`);
  }
  if (plan.short > 0 && plan.undatedLotsLeft) {
    // Lots without a date are usable, but only a packer who read the label can judge them.
    parts.push(`${units(plan.short)} will stay empty until you scan or choose a lot: lots with no use-by date on record are never filled in.`);
  } else if (plan.short > 0) {
    parts.push(`${units(plan.short)} will stay empty: no ${rule.kind === 'lot' ? 'dated lot' : 'use-by date'} is left that is not expired or too close to expiry.`);
  }
  return parts.join(' ');
}

/**
 * Why a line's units stay empty after the fill, for a refused "Complete Order" naming them: nothing usable
 * is left, or the lots on hand have no date on record; null when the fill has enough for them.
 */
export function fefoShortReason(rule: UseByLine | undefined, settled: number, sku: string): string | null {
  if (!rule?.plan) return null;
  const plan = planAfterSettled(rule.plan, settled);
  if (plan.short === 0) return null;
  if (plan.undatedLotsLeft) return `the lots of ${sku} on hand have no use-by date on record, so none is filled in: scan or choose one`;
  return `no ${rule.kind === 'lot' ? 'dated lot' : 'use-by date'} of ${sku} is left that is not expired or too close to expiry`;
}

/** The note under a line's heading, re-rendered alone as the packer's boxes change its counts. */
export function FefoPlanNote({ rule, lineId, store }: { rule: UseByLine | undefined; lineId: number; store: AllocationBoxStore }) {
  const settled = useSyncExternalStore(store.subscribe, () => store.settledCount(lineId));
  const text = rule ? fefoPlanText(rule, settled) : null;
  return text ? <p className="fefo-plan-note">{text}</p> : null;
}
