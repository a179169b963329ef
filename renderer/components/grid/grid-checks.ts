/**
 * The checks a grid runs before asking the core to save: cheap ones over what the renderer holds
 * (edited values, pages already read, which boxes are empty). The core checks the whole product
 * again; its refusals are turned into the same box problems by `problemsFromIssues`.
 */
import type { Issue } from '../../../shared/contract/result.js';
import { isBlankInput } from '../../../shared/domain/identifier-value.js';
import { identifierNouns } from '../../../shared/identifiers/kinds.js';
import { parseRange } from '../../../shared/ranges/identifier-range.js';
import { quoteEntry } from './box-entry.js';
import { entryCheck, lotDateCheck } from './identifier-rules.js';
import { emptyBoxProblem, type SerialBoxStore } from './serial-box-store.js';
import { counted } from '../format-count.js';

export interface BoxProblem {
  /** 0-based box index. */
  box: number;
  message: string;
}

export interface GridCheckResult {
  ok: boolean;
  /** Problems with values (invalid or repeated), by box. */
  problems: Map<number, string>;
  /** How many of those boxes hold a value another box holds (the rest hold one that is not valid). */
  repeatedCount: number;
  /** How many boxes are empty when every box needs a value (0 otherwise). */
  emptyCount: number;
  /** Problems to list for jumping, in box order: value problems and the first empty boxes. */
  listed: BoxProblem[];
}

export const LISTED_PROBLEMS_LIMIT = 100;

/** Finds invalid and repeated values among the held boxes and, if required, empty boxes. */
export function checkGridLocally(store: SerialBoxStore, everyBoxNeedsValue: boolean, limit = LISTED_PROBLEMS_LIMIT): GridCheckResult {
  const problems = new Map<number, string>();
  const boxesByValue = new Map<string, number[]>();
  for (const { box, value: raw } of store.heldValues()) {
    if (isBlankInput(raw)) continue;
    const read = readHeldValue(store, box, raw);
    if ('problem' in read) {
      problems.set(box, read.problem);
      continue;
    }
    const boxes = boxesByValue.get(read.value);
    if (boxes) boxes.push(box);
    else boxesByValue.set(read.value, [box]);
  }
  let repeatedCount = 0;
  for (const [value, boxes] of boxesByValue) {
    if (boxes.length < 2) continue;
    boxes.sort((a, b) => a - b);
    for (const box of boxes) problems.set(box, repeatedProblem(store, value, boxes.filter((b) => b !== box)));
    repeatedCount += boxes.length;
  }
  for (const [box, raw] of store.dateEditEntries()) {
    if (problems.has(box)) continue;
    const problem = lotDateProblem(raw, store.box(box).value);
    if (problem) problems.set(box, problem);
  }
  const emptyCount = everyBoxNeedsValue ? store.emptyCount() : 0;
  const listed = [...problems].map(([box, message]) => ({ box, message }));
  if (emptyCount > 0) {
    for (const box of store.emptyBoxes(limit)) listed.push({ box, message: emptyBoxProblem(store.identifierSpec) });
  }
  listed.sort((a, b) => a.box - b.box);
  return { ok: problems.size === 0 && emptyCount === 0, problems, repeatedCount, emptyCount, listed: listed.slice(0, limit) };
}

/** A held value as the grid's checks read it: a range not entered or an invalid value is a problem; else its value. */
function readHeldValue(store: SerialBoxStore, box: number, raw: string): { value: string } | { problem: string } {
  // A range fills boxes only when entered (Enter or Tab); saved as it stands it would be one serial number.
  if (store.isEdited(box) && store.identifierSpec?.identifierKind !== 'use_by' && parseRange(raw).kind !== 'none') {
    return { problem: `${quoteEntry(raw)} is a range: press Enter in the box to fill boxes from it (or change it).` };
  }
  const check = entryCheck(raw, store.identifierSpec);
  if (!check.ok) return { problem: check.rule === 'text' ? `The ${nounOf(store).one} ${check.reason}.` : `"${raw.trim().slice(0, 60)}" ${check.reason}.` };
  return { value: check.value };
}

/** A value repeated in `others` (0-based boxes, sorted): at most three are named. */
function repeatedProblem(store: SerialBoxStore, value: string, others: number[]): string {
  return `"${value}" is repeated (also in box ${others.slice(0, 3).map((b) => b + 1).join(', ')}); ${nounOf(store).many} must be unique.`;
}

/** How the grid's words name the product's values: as its kind does (a use-by product's are use-by dates). */
function nounOf(store: SerialBoxStore) {
  return identifierNouns(store.identifierSpec?.identifierKind);
}

/**
 * Box `box` judged again as `checkGridLocally` judges it, alone (for the boxes a refusal listed, as the
 * packer fixes them): its problem now, or null. Repeats are looked for among the values the store holds.
 */
export function localBoxProblem(store: SerialBoxStore, box: number, everyBoxNeedsValue: boolean): string | null {
  const raw = store.box(box).value;
  if (isBlankInput(raw)) return everyBoxNeedsValue ? emptyBoxProblem(store.identifierSpec) : null;
  const read = readHeldValue(store, box, raw);
  if ('problem' in read) return read.problem;
  const others = store.holdersOf(raw).filter((b) => b !== box);
  if (others.length > 0) return repeatedProblem(store, read.value, others);
  // Looked up, not searched for: this runs for each listed box at every change while the packer fixes them.
  const date = store.dateEditOf(box);
  return date === undefined ? null : lotDateProblem(date, raw);
}

/** Why a lot's use-by date as typed beside `lot` cannot be saved, or null (the core's words). */
export function lotDateProblem(rawDate: string, lot: string): string | null {
  const check = lotDateCheck(rawDate);
  if (!check.ok) return `"${lot.trim() || 'The lot'}" ${check.reason}.`;
  if (check.useBy !== null && isBlankInput(lot)) return `The use-by date ${check.useBy} has no lot beside it; enter the lot or clear the date.`;
  return null;
}

/**
 * A lot date entered that has already passed (often a year typed wrong): taken, since expired stock may
 * be recorded, but said, since that lot will never go out. Null for a date still to come, or none.
 */
export function passedLotDateNote(storedDate: string | null, lot: string, where: string, today: string): string | null {
  if (storedDate === null || storedDate === '' || storedDate >= today) return null;
  return `The use-by date ${storedDate} of ${where} (${lot.trim() || 'no lot yet'}) has passed: that lot is recorded but will never go out. Check the date if it was a typo.`;
}

/** Where the core names a box: its `box` field, or "new unit N" for the new units of stock. */
export function boxOfIssue(issue: Issue): number | null {
  if (issue.box !== undefined) return issue.box;
  const unit = /new unit (\d+)/.exec(issue.where);
  return unit ? Number(unit[1]) - 1 : null;
}

/**
 * The core's refusal as box problems; issues naming no box are returned as plain messages. `partners`:
 * the box each box refused as a repeat repeats (the grid may not have read it), so the mark can be
 * judged again once the packer changes that box.
 */
export function problemsFromIssues(issues: readonly Issue[]): { problems: Map<number, string>; listed: BoxProblem[]; other: string[]; partners: Map<number, number> } {
  const problems = new Map<number, string>();
  const partners = new Map<number, number>();
  const other: string[] = [];
  for (const issue of issues) {
    const box = boxOfIssue(issue);
    if (box === null) other.push(`${issue.where}: ${issue.message}`);
    else if (!problems.has(box)) {
      problems.set(box, issue.message);
      if (issue.repeatsBox !== undefined) partners.set(box, issue.repeatsBox);
    }
  }
  const listed = [...problems].map(([box, message]) => ({ box, message })).sort((a, b) => a.box - b.box);
  return { problems, listed, other, partners };
}



/** The packer-facing summary of a local refusal. */
export function describeLocalRefusal(check: GridCheckResult): string {
  const parts: string[] = [];
  if (check.emptyCount > 0) parts.push(`${counted(check.emptyCount, 'box is', 'boxes are')} empty`);
  // Told apart: "9 boxes have a repeated or invalid value" sent a packer looking for repeats among boxes a new format refused.
  const invalid = check.problems.size - check.repeatedCount;
  if (invalid > 0) parts.push(`${counted(invalid, 'box has', 'boxes have')} an invalid value`);
  if (check.repeatedCount > 0) parts.push(`${counted(check.repeatedCount, 'box repeats', 'boxes repeat')} a value another box holds`);
  const shown = check.listed.length;
  const all = check.emptyCount + check.problems.size;
  const more = all > shown ? ` The first ${shown} are listed below.` : '';
  const listedParts = parts.length > 2 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts.join(' and ');
  return `Not saved: ${listedParts}. Fix the marked boxes.${more}`;
}
