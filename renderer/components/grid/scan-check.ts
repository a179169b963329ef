/**
 * Checks a value scanned (or typed and entered) into a serial box at once, before focus moves on:
 * a value another box already holds, or one that is not a valid identifier, is refused in the box.
 * "Save Changes" checks everything again, and the core has the last word.
 */
import { isBlankInput, trimScannerInput } from '../../../shared/domain/identifier-value.js';
import { identifierNouns, type IdentifierKind } from '../../../shared/identifiers/kinds.js';
import { entryCheck, entryReason } from './identifier-rules.js';
import type { BenchApi } from '../../../shared/contract/api.js';
import type { IdentifierMode } from '../../../shared/domain/modes.js';
import type { SerialBoxStore } from './serial-box-store.js';

/** The refusal message for the value now in box `index`, or null when the scan is accepted. */
export function refusalForScan(store: SerialBoxStore, index: number, boxWord: string): string | null {
  const raw = store.box(index).value;
  if (isBlankInput(raw)) return null;
  const check = entryCheck(raw, store.identifierSpec);
  if (!check.ok) return `"${trimScannerInput(raw).slice(0, 60)}" was refused: ${entryReason(check, store.identifierSpec)}. Scan another.`;
  const other = store.holderOf(check.value, index);
  if (other === null) return null;
  return `"${check.value}" was refused: it is already in ${boxWord.toLowerCase()} ${other + 1}. Scan another.`;
}

/**
 * Why a pasted column cannot go into `targets` (the boxes it would fill, in order), or null: a value that
 * is not a valid identifier, one repeated in the column, or one a box outside `targets` already holds
 * (a box the paste replaces may give its value to another row). Rows are counted from 1, as a sheet shows them.
 */
export function refusalForPaste(store: SerialBoxStore, values: readonly string[], targets: readonly number[], boxWord: string): string | null {
  const replaced = new Set(targets);
  const rowOf = new Map<string, number>();
  for (let row = 0; row < values.length; row++) {
    const raw = values[row]!;
    if (isBlankInput(raw)) continue;
    const check = entryCheck(raw, store.identifierSpec);
    if (!check.ok) return `row ${row + 1}, "${trimScannerInput(raw).slice(0, 60)}": ${entryReason(check, store.identifierSpec)}`;
    const key = store.valueKey(raw);
    const earlier = rowOf.get(key);
    if (earlier !== undefined) return `"${check.value}" is in it twice (rows ${earlier + 1} and ${row + 1})`;
    rowOf.set(key, row);
    const holder = store.holdersOf(raw).find((box) => !replaced.has(box));
    if (holder !== undefined) return `"${check.value}" (row ${row + 1}) is already in ${boxWord.toLowerCase()} ${holder + 1}`;
  }
  return null;
}

/**
 * The message for a value the core says the product already holds (in a box not read yet). New units of
 * a multiple-use product need no entry for a value it holds: every unit may take that one already.
 */
export function refusalHeldElsewhere(value: string, product: { sku: string; identifierKind: IdentifierKind }, newMultipleUseUnit = false): string {
  if (newMultipleUseUnit) {
    const nouns = identifierNouns(product.identifierKind);
    return `"${value}" was refused: ${product.sku} already holds it, and every unit may take it (multiple use). Leave this box empty, or scan a new ${nouns.one}.`;
  }
  return `"${value}" was refused: ${product.sku} already holds it. Scan another.`;
}

/** The message for a single-use value already dispatched: it is in no box, but stays the product's for ever. */
export function refusalDispatched(value: string, kind: IdentifierKind): string {
  return `"${value}" was refused: it was dispatched already, and single-use ${identifierNouns(kind).many} are used once. Scan another.`;
}

/**
 * Asks the core (one indexed lookup) whether the product holds `value` as an identifier the grid
 * has not read (on a page not read, or a single-use one dispatched, which is in no box); resolves the
 * refusal message, or null. `isRead` says which identifiers the grid already knows (those were checked
 * locally, edits included).
 */
export async function refusalFromCore(
  api: Pick<BenchApi, 'lookupIdentifier'>,
  product: { id: number; sku: string; identifierKind: IdentifierKind; identifierMode: IdentifierMode },
  value: string,
  isRead: (identifierId: number) => boolean,
  into: 'grid' | 'new-units' = 'grid',
): Promise<string | null> {
  const result = await api.lookupIdentifier({ value });
  if (!result.ok) return null; // the save checks again; a failed lookup must not block scanning
  const held = result.value.matches.find((m) => m.productId === product.id && !isRead(m.identifierId));
  if (!held) return null;
  if (held.status === 'consumed') return refusalDispatched(value, product.identifierKind);
  return refusalHeldElsewhere(value, product, into === 'new-units' && product.identifierMode === 'multiple_use');
}
