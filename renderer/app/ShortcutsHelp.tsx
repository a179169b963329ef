/**
 * "Keyboard shortcuts": every key the bench answers, in one dialog opened with F1, or with "?"
 * when not typing in a box. The README's key table is these rows, group titles as its "where" column,
 * in the same words and order (test/renderer/shortcuts-readme.test.ts): change both together. The
 * desktop app menu's keys come from the list the menu's own accelerators are set from
 * (shared/contract/menu-keys.ts; test/shell/menu-keys.test.ts checks every key of the menu is here).
 */
import { DESKTOP_MENU_KEYS, DESKTOP_MENU_TITLE } from '../../shared/contract/menu-keys.js';
import { Dialog } from '../components/dialog/Dialog.js';
import { ORDER_LIST_KEYS } from '../screens/orders/list/order-list-keys.js';
import { RECALL_ROW_KEYS } from '../screens/recall/recall-row-keys.js';

export const SHORTCUT_GROUPS: ReadonlyArray<{ title: string; keys: ReadonlyArray<[keys: string, what: string]> }> = [
  {
    title: 'Anywhere',
    keys: [
      ['F1, or ? when not typing in a box', 'Show these keyboard shortcuts'],
      ['Tab / Shift+Tab', 'Next / previous control; focus is always outlined'],
      // route-scan.ts: an order, else an identifier (also one removed, by its history), else a product's barcode.
      ['Scan with no box focused', "An order number opens that order (and selects it on the order list while it awaits dispatch, so Actions covers it), an identifier its lookup, a product's barcode (EAN/UPC) that product"],
    ],
  },
  {
    title: 'Dialogs',
    keys: [
      ['Escape, OK, Cancel', 'Close the dialog; focus goes back to the control that opened it'],
      ['A scan while a message, the packing slip, the sync conflicts or the keyboard shortcuts show', 'Closes it as OK or Close would, then does what a scan with no box focused does (the allocation dialog, questions and a message that opened while typing in a box keep the scan; a question refuses it in words with a beep, "The scan … is not an answer", and keeps waiting for Save, Continue, Set Mode or whichever its buttons say)'],
    ],
  },
  {
    title: 'Order list',
    // The list's own keys (shared with its screen-reader description), then the search box's and "Select all"'s.
    keys: [
      ...ORDER_LIST_KEYS,
      // OrderSearch.tsx: Tab ending a scan is the scanner's Enter; OrderList.tsx refuses what opens nothing and lists nothing.
      [
        'In "Search orders": Enter, or a scan ending in Enter or Tab',
        "Open the order with that number, selected as a scan with no box focused selects it (case ignored when only one order matches; a scanner's AIM prefix, such as ]C0, is dropped); a scanned number no order has and no order matches, or a scanned GS1 code, is refused in words and beeped (a typed one is only a search); a person's Tab moves on",
      ],
      // OrderSearch.tsx: what was typed is searched first when the list had not followed it yet.
      ['In "Search orders": Down', 'The first order of the search (Up on it comes back)'],
      [
        '"Select all N matching orders"',
        'Ticked when every order of this search is selected, mixed when some are; it selects or clears this search\'s orders only. Selected orders a search hides are counted apart ("3 orders selected, 1 of them not shown by this search"), and an Actions choice then asks first: Continue, Show them or Cancel',
      ],
    ],
  },
  {
    title: 'Serial grid',
    keys: [
      // SerialBoxList.tsx: Tab after typing (a scanner ending in Tab) is Enter; a person's plain Tab moves on.
      ['Scan, or type and Enter (or Tab)', 'Fill the box and move to the next empty one; a refused value leaves the box holding what it held, with a beep and a message'],
      ['Up / Down, Page Up / Page Down, Ctrl+Home / Ctrl+End', "Move between boxes, to the first / last box (in a lot's use-by date boxes too)"],
      ['Escape in a box typed into', 'Undo the typing since the box took the focus'],
      [
        'Ctrl+V of a column (one value a row) or of one row of cells',
        'Fills the boxes from the focused one on; a value another box holds, one repeated in the paste, an invalid one or a cell that would be dropped refuses the whole paste, naming its row',
      ],
      ['A scan into a box an order uses (read only)', 'Refused in words and beeped; its Enter or Tab stays in the box'],
      ['A range (SN-0001..SN-0100 or SN-0001 +100) and Enter', 'Preview of the first and last values and the count; "Fill boxes" fills the next empty boxes'],
      ['Ctrl+] (as a scanner sends it)', 'The GS separator of a GS1 code (in identifier boxes too); a GS1 code fills in the value for the product'],
    ],
  },
  {
    title: 'Serial grid, lot products',
    keys: [
      [
        'Type a lot and Tab; the date and Enter',
        "The lot's use-by date box (2027-03-31, the locale's form or 270331), then the next empty box; a GS1 code with (10) and (17) fills both; Up / Down move between the dates",
      ],
      [
        'A range, Tab, its date and Enter (or paste L-001 +100<TAB>2027-03-31)',
        'The range\'s preview with its "Use by" box (every lot of the range gets that date; empty for none); Enter fills',
      ],
    ],
  },
  {
    title: 'Identifier boxes',
    keys: [
      ['Down or Alt+Down, then Up / Down and Enter', 'Open the list of identifiers and choose one'],
      ['Escape', 'Close the list, or undo the typing'],
    ],
  },
  {
    title: 'Product search',
    keys: [
      // ProductSearch.tsx: Tab ending a scan is the scanner's Enter.
      [
        'Enter, or a scan ending in Enter or Tab, in the search box',
        "Search for that SKU, title or barcode (a scan replaces what was typed; a GS1 code, or a barcode in another GTIN form, finds the product of that GTIN); a person's Tab moves on",
      ],
      ['Down from the search box, Up / Down, Home / End, Enter', 'Move through the products found, open one'],
    ],
  },
  {
    title: 'Identifier lookup',
    keys: [
      // LookupScreen.tsx: Tab ending a scan is the scanner's Enter; what was inserted since the keys paused is the scan.
      [
        'In the Identifier box: Enter, or a scan ending in Enter or Tab',
        "Look up that identifier (a scan stands alone: what the box held before it, selected or not, is not part of it; a key of a scan that comes late on a busy PC cuts nothing off); a person's Tab moves on",
      ],
      // IdentifierTimeline.tsx
      ['"Show earlier steps" (Enter or Space) above a timeline', 'Shows a page of the identifier\'s earlier steps above those shown and puts the focus on the first one it brought'],
    ],
  },
  {
    title: 'Recall',
    keys: RECALL_ROW_KEYS,
  },
  {
    title: 'Allocation dialog',
    keys: [
      ['Tab / Enter from the last unit shown', 'On to the next units of the line'],
      ['"Go to unit"', 'Jump to a unit of the line by its number'],
      ['Ctrl+Home / Ctrl+End in a box', "The line's first / last unit"],
    ],
  },
  {
    title: 'Order details',
    keys: [['Ctrl+Shift+P', 'Print slip']],
  },
  {
    // Electron's menu only: browser mode has none.
    title: DESKTOP_MENU_TITLE,
    keys: DESKTOP_MENU_KEYS.map(({ keys, what }) => [keys, what] as const),
  },
];

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  return (
    // Nothing to lose here: a scan closes the list as Close would and is routed from there.
    <Dialog title="Keyboard shortcuts" onCancel={onClose} onClosedByScan={onClose} className="shortcuts-dialog">
      {/* The list scrolls in its own region, which takes the focus first (arrow keys scroll it): focusing
          Close first opened the list scrolled to its end. Close stays in sight below it. */}
      <div className="shortcuts-list" role="region" aria-label="Shortcuts" tabIndex={0}>
        {SHORTCUT_GROUPS.map((group) => (
          <table key={group.title}>
            <caption className="shortcuts-caption">{group.title}</caption>
            <thead>
              <tr>
                <th scope="col">Keys</th>
                <th scope="col">What they do</th>
              </tr>
            </thead>
            <tbody>
              {group.keys.map(([keys, what]) => (
                <tr key={keys}>
                  <td>
                    <kbd>{keys}</kbd>
                  </td>
                  <td>{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      <button type="button" className="primary" onClick={onClose}>
        Close
      </button>
    </Dialog>
  );
}
