/**
 * "Keyboard shortcuts": every key the bench answers, in one dialog opened with F1, or with "?"
 * when not typing in a box. The README's user section lists the same keys, its "anywhere" and
 * "dialogs" rows in the same words (test/renderer/shortcuts-readme.test.ts).
 */
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
      ['Scan with no box focused', "An order number opens that order, an identifier its lookup, a product's barcode (EAN/UPC) that product"],
    ],
  },
  {
    title: 'Dialogs',
    keys: [
      ['Escape, OK, Cancel', 'Close the dialog; focus goes back to the control that opened it'],
      ['A scan while a message, the packing slip or the keyboard shortcuts show', 'Closes it as OK or Close would, then does what a scan with no box focused does (the allocation dialog, questions and a message that opened while typing in a box keep the scan)'],
    ],
  },
  {
    title: 'Order list',
    // The list's own keys (shared with its screen-reader description), then the search box's.
    keys: [
      ...ORDER_LIST_KEYS,
      ['In "Search orders": Enter, or a scan ending in Tab', 'Open the order with that number (case ignored when only one order matches)'],
    ],
  },
  {
    title: 'Serial numbers and dispatch identifiers',
    keys: [
      ['Scan, or type and Enter', 'Fill the box and move to the next empty one; a refused value leaves the box holding what it held, with a beep and a message'],
      ['Up / Down, Page Up / Page Down', 'Between boxes of the serial grid'],
      ['Ctrl+Home / Ctrl+End', 'First / last box of the serial grid'],
      ['Tab after typing a lot (lot products)', "To the lot's use-by date; Enter there moves to the next empty box"],
      ['Up / Down (a use-by date box)', 'Between the lots\' use-by dates'],
      ['A range and Enter (SN-0001..SN-0100 or SN-0001 +100)', 'Preview, then fill the next empty boxes of the serial grid'],
      ['A range, Tab, its date and Enter (lot products)', 'The same preview with the use-by date every lot of the range gets'],
      ['Ctrl+] (as a scanner sends it)', 'The GS separator of a GS1 code; a GS1 code fills in the value for the product'],
      ['Down / Alt+Down (identifier box)', 'Open the list of identifiers; Up/Down move in it, Enter chooses'],
      ['Escape (identifier box)', 'Close the list, or undo the typing'],
    ],
  },
  {
    title: 'Allocation dialog and order',
    keys: [
      ['Tab / Enter from the last unit shown', 'On to the next units of the line'],
      ['"Go to unit"', 'Jump to a unit of the line by its number'],
      ['Ctrl+Home / Ctrl+End (in a box)', "The line's first / last unit"],
      ['Ctrl+Shift+P (an order\'s details)', 'Print slip'],
    ],
  },
  {
    title: 'Product search',
    keys: [
      ['Enter, or a scan ending in Tab (search box)', 'Search for what was typed or scanned'],
      ['Down (from the search box)', 'To the products found'],
      ['Up / Down, Home / End', 'Between the products found'],
      ['Enter', 'Open the product'],
    ],
  },
  {
    title: 'Recall',
    keys: RECALL_ROW_KEYS,
  },
];

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  return (
    // Nothing to lose here: a scan closes the list as Close would and is routed from there.
    <Dialog title="Keyboard shortcuts" onCancel={onClose} onClosedByScan={onClose} className="shortcuts-dialog">
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
      <button type="button" className="primary" onClick={onClose}>
        Close
      </button>
    </Dialog>
  );
}
