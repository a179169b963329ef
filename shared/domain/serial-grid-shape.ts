/**
 * How many boxes a product's serial grid has: one per unit of stock (at least one per filled box), but
 * never more than MAX_EMPTY_GRID_BOXES empty ones after the filled ones, whatever the mode. A stock may be
 * a billion units (by sync, an import, a mode change): one box per unit would make the list, and a save,
 * sized by the stock rather than by what is entered. The core and the screens read the grid through this
 * one definition, so what they say about it agrees.
 */
import { MAX_EMPTY_GRID_BOXES } from '../contract/schemas.js';
import type { IdentifierMode } from './modes.js';

export interface SerialGridShape {
  totalBoxes: number;
  /** The grid has fewer boxes than units in stock: the empty boxes stop at MAX_EMPTY_GRID_BOXES. */
  bounded: boolean;
  /**
   * Single use, when every unit has its box: a save must leave no box empty. While more units lack a
   * serial number than the grid shows (bounded), no one save can fill them all: a save then fills any
   * number of boxes, and the rest of the units stay without a serial number, as they were.
   */
  everyBoxNeedsValue: boolean;
  /** Units in stock with no serial number (single use: none of its kept, not dispatched ones). */
  unitsWithoutSerialNumber: number;
}

/** `filledBoxes`: the identifiers the grid shows (single use: those not dispatched). */
export function serialGridShape(mode: IdentifierMode, stockLevel: number, filledBoxes: number): SerialGridShape {
  // None takes no new identifiers: no empty boxes, only the kept ones.
  if (mode === 'none') return { totalBoxes: filledBoxes, bounded: false, everyBoxNeedsValue: false, unitsWithoutSerialNumber: 0 };
  const boxesForStock = Math.max(stockLevel, filledBoxes);
  const totalBoxes = Math.min(boxesForStock, filledBoxes + MAX_EMPTY_GRID_BOXES);
  const bounded = totalBoxes < boxesForStock;
  return { totalBoxes, bounded, everyBoxNeedsValue: mode === 'single_use' && !bounded, unitsWithoutSerialNumber: Math.max(0, stockLevel - filledBoxes) };
}
