/**
 * Under a first-expiring-first line's heading (issue 12): what "Save Changes" or "Complete Order" will
 * give the line's empty units, including those on pages never shown, so the packer knows before saving
 * ("250 units will take the first-expiring lots, use by 01/01/2027 to 08/09/2027"), and how many will
 * stay empty because nothing usable is left (expired or too close to expiry), or because the lots on
 * hand have no date on record (never filled in: the packer reads the label). Figures as the dialog
 * opened; boxes the packer fills or empties change them a little.
 */
import { shownUseByDate } from '../../../components/identifier-text.js';
import { counted } from '../../../components/format-count.js';
import type { UseByLine } from './use-by-rules.js';

const units = (n: number) => counted(n, 'unit', 'units');

/** The note's text, or null when the line has no empty unit. */
export function fefoPlanText(rule: UseByLine): string | null {
  const plan = rule.plan;
  if (!plan || plan.units + plan.short === 0) return null;
  const what = rule.kind === 'lot' ? 'lots' : 'use-by dates';
  const parts: string[] = [];
  if (plan.units > 0 && plan.firstUseBy && plan.lastUseBy) {
    const first = shownUseByDate(plan.firstUseBy);
    const last = shownUseByDate(plan.lastUseBy);
    const dates = first === last ? `use by ${first}` : `use by ${first} to ${last}`;
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

export function FefoPlanNote({ rule }: { rule: UseByLine | undefined }) {
  const text = rule ? fefoPlanText(rule) : null;
  return text ? <p className="fefo-plan-note">{text}</p> : null;
}
