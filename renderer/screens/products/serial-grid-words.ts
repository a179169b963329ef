/**
 * What the serial grid and the product screen say about a grid with fewer boxes than units in stock
 * (serialGridShape: its empty boxes stop at MAX_EMPTY_GRID_BOXES), and about single-use units with no
 * serial number: one wording for both screens, counted over the whole stock, not the boxes shown.
 */
import { MAX_EMPTY_GRID_BOXES, MAX_GRID_EDITS_PER_SAVE } from '../../../shared/contract/schemas.js';
import { identifierNouns, type IdentifierKind } from '../../../shared/identifiers/kinds.js';
import { counted, formatCount } from '../../components/format-count.js';

export type GridNouns = ReturnType<typeof identifierNouns>;

/**
 * How the grid's sentences name the values it holds: lot numbers and use-by dates by their kind's
 * name; otherwise serial numbers, the users' own word for what the grid holds ("Manually Update Serial
 * Numbers"), for free-text (Other) values too. Labels (the heading, the boxes' names) stay the design's.
 */
export function gridNouns(kind: IdentifierKind | undefined): GridNouns {
  return identifierNouns(kind === 'lot' || kind === 'use_by' ? kind : 'serial');
}

/**
 * The save confirmation's title: the design's "Serial numbers saved", named as gridNouns names the values.
 * Written out rather than built from the nouns, so the user guide's label check finds each as it reads.
 */
const SAVED_TITLES: Record<IdentifierKind, string> = {
  serial: 'Serial numbers saved',
  other: 'Serial numbers saved',
  lot: 'Lot numbers saved',
  use_by: 'Use-by dates saved',
};

export function gridSavedTitle(kind: IdentifierKind | undefined): string {
  return SAVED_TITLES[kind ?? 'other'];
}

/** "49,999,998 of the 50,000,000 units in stock have no serial number yet." */
export function unitsWithoutSerialNumberWords(unitsWithout: number, stockLevel: number, nouns: GridNouns): string {
  return `${formatCount(unitsWithout)} of the ${counted(stockLevel, 'unit', 'units')} in stock ${unitsWithout === 1 ? 'has' : 'have'} no ${nouns.one} yet.`;
}

/** Why the grid has fewer boxes than units in stock, and what happens after a save. */
export function boundedGridWords(filledBoxes: number, emptyBoxes: number, stockLevel: number, nouns: GridNouns): string {
  return (
    `The grid has the ${counted(filledBoxes, 'filled box', 'filled boxes')} and ${formatCount(emptyBoxes)} empty ones after them, not one box for each of the ` +
    `${formatCount(stockLevel)} units in stock: one save takes at most ${formatCount(MAX_GRID_EDITS_PER_SAVE)} ${nouns.many}. ` +
    `After a save it opens again with ${formatCount(MAX_EMPTY_GRID_BOXES)} empty boxes after the filled ones.`
  );
}

/** After a single-use save, while units remain without a serial number: "49,999,996 units of SKU still have ...". */
export function stillWithoutSerialNumberWords(sku: string, unitsWithout: number, emptyBoxesNow: number, nouns: GridNouns): string {
  const units = unitsWithout === 1 ? `1 unit of ${sku} still has` : `${formatCount(unitsWithout)} units of ${sku} still have`;
  return `${units} no ${nouns.one}: the grid has opened again with the next ${counted(emptyBoxesNow, 'empty box', 'empty boxes')}.`;
}
