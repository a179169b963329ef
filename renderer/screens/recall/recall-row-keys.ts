/**
 * Recall's result rows answer the keys the other lists answer (list-keys.ts, WAI-ARIA APG): Up/Down
 * one row, Page Up/Down a page, Home/End the first and last row loaded. The rows stay plain table rows,
 * one Tab stop (RecallScreen: the row last focused); "Show more" puts the focus on the first row it loaded.
 * The "Keyboard shortcuts" dialog lists the keys from here, so the two cannot drift apart; README's
 * "recall" row is this row (test/renderer/shortcuts-readme.test.ts).
 */
import type { KeyboardEvent } from 'react';
import { rowAfterKey } from '../../components/list-keys.js';

export const RECALL_ROW_KEYS: ReadonlyArray<[keys: string, what: string]> = [
  [
    'Up / Down, Page Up / Page Down, Home / End on a result row',
    'Move between the dispatched units listed, to the first / last one loaded (the rows are one Tab stop, entered on the row last focused; "Show more" puts the focus on the first row it loaded)',
  ],
];

/** The rows a page key moves: as many as the window shows, less one left in view to read on from. */
export function rowsPerPage(viewHeight: number, rowHeight: number): number {
  if (!(rowHeight > 0)) return 1;
  return Math.max(1, Math.floor(viewHeight / rowHeight) - 1);
}

/** The height of the box the rows scroll in (the app's main area, below its header), else the window's. */
function scrollPortHeight(element: HTMLElement): number {
  for (let box = element.parentElement; box; box = box.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(box).overflowY)) return box.clientHeight;
  }
  return window.innerHeight;
}

/** The results' tbody keydown: moves the focus between its rows. Keys on anything but a row pass on. */
export function moveBetweenRecallRows(event: KeyboardEvent<HTMLTableSectionElement>): void {
  if (event.defaultPrevented || event.altKey || event.metaKey || event.shiftKey) return;
  // Ctrl+Home / Ctrl+End as the order list takes them; Ctrl with an arrow or page key is the browser's.
  if (event.ctrlKey && event.key !== 'Home' && event.key !== 'End') return;
  const row = event.target;
  if (!(row instanceof HTMLTableRowElement) || row.parentElement !== event.currentTarget) return;
  const rows = event.currentTarget.rows;
  const to = rowAfterKey(event.key, row.sectionRowIndex, rows.length, rowsPerPage(scrollPortHeight(row), row.getBoundingClientRect().height));
  if (to === null) return;
  // Also at the first or last row: the page must not scroll under a focus that stays put.
  event.preventDefault();
  rows[to]?.focus();
}
