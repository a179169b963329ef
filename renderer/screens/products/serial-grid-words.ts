/**
 * What the serial grid and the product screen say about a grid with fewer boxes than units in stock
 * (serialGridShape: its empty boxes stop at MAX_EMPTY_GRID_BOXES), and about single-use units with no
 * serial number: one wording for both screens, counted over the whole stock, not the boxes shown.
 */
import { MAX_EMPTY_GRID_BOXES, MAX_GRID_EDITS_PER_SAVE } from '../../../shared/contract/schemas.js';
import { counted, formatCount } from '../../components/format-count.js';

/** "49,999,998 of the 50,000,000 units in stock have no serial number yet." */
export function unitsWithoutSerialNumberWords(unitsWithout: number, stockLevel: number): string {
  return `${formatCount(unitsWithout)} of the ${counted(stockLevel, 'unit', 'units')} in stock ${unitsWithout === 1 ? 'has' : 'have'} no serial number yet.`;
}

/** Why the grid has fewer boxes than units in stock, and what happens after a save. */
export function boundedGridWords(filledBoxes: number, emptyBoxes: number, stockLevel: number): string {
  return (
    `The grid has the ${counted(filledBoxes, 'filled box', 'filled boxes')} and ${formatCount(emptyBoxes)} empty ones after them, not one box for each of the ` +
    `${formatCount(stockLevel)} units in stock: one save takes at most ${formatCount(MAX_GRID_EDITS_PER_SAVE)} serial numbers. ` +
    `After a save it opens again with ${formatCount(MAX_EMPTY_GRID_BOXES)} empty boxes after the filled ones.`
  );
}

/** After a single-use save, while units remain without a serial number: "49,999,996 units of SKU still have ...". */
export function stillWithoutSerialNumberWords(sku: string, unitsWithout: number, emptyBoxesNow: number): string {
  const units = unitsWithout === 1 ? `1 unit of ${sku} still has` : `${formatCount(unitsWithout)} units of ${sku} still have`;
  return `${units} no serial number: the grid has opened again with the next ${counted(emptyBoxesNow, 'empty box', 'empty boxes')}.`;
}
