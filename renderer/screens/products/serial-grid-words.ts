/**
 * What the serial grid and the product screen say about a grid with fewer boxes than units in stock
 * (serialGridShape: its empty boxes stop at MAX_EMPTY_GRID_BOXES), and about single-use units with no
 * serial number: one wording for both screens, counted over the whole stock, not the boxes shown. The
 * stock-level prompts (new units, leaving units) name the values as the grid does (gridNouns).
 */
import { MAX_EMPTY_GRID_BOXES, MAX_GRID_EDITS_PER_SAVE } from '../../../shared/contract/schemas.js';
import { identifierNouns, type IdentifierFormat, type IdentifierKind } from '../../../shared/identifiers/kinds.js';
import { counted, formatCount } from '../../components/format-count.js';

export type GridNouns = ReturnType<typeof identifierNouns>;

/**
 * How the grid's sentences name the values it holds: lot numbers and use-by dates by their kind's
 * name; otherwise serial numbers, the users' own word for what the grid holds ("Manually Update Serial
 * Numbers"), for free-text (Other) values too. The heading stays the design's; the boxes are named by
 * these nouns too ("Lot number 3"), as the new-units prompt's are, so a screen reader says what a box holds.
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

/**
 * The stock-level prompts' titles, named as gridNouns names the values: the design's "Serial numbers for
 * the new units" and "Which serial numbers leave?" for kinds Serial number and Other. Written out, as above.
 */
const NEW_UNITS_TITLES: Record<IdentifierKind, string> = {
  serial: 'Serial numbers for the new units',
  other: 'Serial numbers for the new units',
  lot: 'Lot numbers for the new units',
  use_by: 'Use-by dates for the new units',
};

const LEAVING_TITLES: Record<IdentifierKind, string> = {
  serial: 'Which serial numbers leave?',
  other: 'Which serial numbers leave?',
  lot: 'Which lot numbers leave?',
  use_by: 'Which use-by dates leave?',
};

/** The product screen's panel heading over the grid's button: the values as gridNouns names them. Written out, as above. */
const PANEL_HEADINGS: Record<IdentifierKind, string> = {
  serial: 'Serial Numbers',
  other: 'Serial Numbers',
  lot: 'Lot Numbers',
  use_by: 'Use-by Dates',
};

export function identifiersPanelHeading(kind: IdentifierKind | undefined): string {
  return PANEL_HEADINGS[kind ?? 'other'];
}

/** The new-units prompt's title (a raise of a tracked product's stock). */
export function newUnitsTitle(kind: IdentifierKind | undefined): string {
  return NEW_UNITS_TITLES[kind ?? 'other'];
}

/** The leaving-units picker's title (a fall of a single-use product's stock). */
export function leavingUnitsTitle(kind: IdentifierKind | undefined): string {
  return LEAVING_TITLES[kind ?? 'other'];
}

/** A first value of a carton's range for each kind, in the grid's hint; use-by dates are not given as ranges on cartons. */
const RANGE_FIRST_VALUES: Record<IdentifierKind, string | null> = {
  serial: 'SN-0001',
  other: 'SN-0001',
  lot: 'LOT-0001',
  use_by: null,
};

/**
 * The grid hint's last sentence: pasting a column, and a range written as that kind's values are. A
 * product with a format gets no example its format would refuse ("SN-0001" for "IMEI: 15 digits"), and
 * none at all when its format has a check digit: consecutive values fail it, so a range cannot fit.
 */
export function pasteAndRangeWords(kind: IdentifierKind | undefined, format: IdentifierFormat | null = null): string {
  const first = RANGE_FIRST_VALUES[kind ?? 'other'];
  const paste = 'Paste a column from a spreadsheet to fill boxes from the focused one down';
  if (first === null || (format !== null && format.checkDigit !== 'none')) return `${paste}.`;
  if (format) return `${paste}, or enter a range (the first value..the last, or the first +a count) to fill the next empty boxes.`;
  const last = first.replace(/0001$/, '0100');
  return `Paste a column from a spreadsheet to fill boxes from the focused one down, or enter a range such as "${first}..${last}" or "${first} +100" to fill the next empty boxes.`;
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

/**
 * The grid's size under its heading: "3 boxes (3 in stock)". A multiple-use product may hold more
 * values than it has units (they are used again and again), and its grid then has a box per value: the
 * values held are named, or "200,005 boxes (2 in stock)" reads as a mistake.
 */
export function gridSizeWords(totalBoxes: number, filledBoxes: number, stockLevel: number, nouns: GridNouns): string {
  const boxes = counted(totalBoxes, 'box', 'boxes');
  return filledBoxes > stockLevel
    ? `${boxes} (${counted(filledBoxes, nouns.one, nouns.many)} held, ${formatCount(stockLevel)} in stock)`
    : `${boxes} (${formatCount(stockLevel)} in stock)`;
}
