/**
 * The preview of a range entered in a serial box: which boxes it fills, its first and last values
 * and how many, before anything is written. "Fill boxes" writes them (still unsaved until "Save
 * Changes"); Cancel or Escape leaves the boxes as they were, the range text still in its box.
 */
import type { IdentifierRange } from '../../../shared/ranges/identifier-range.js';
import { Dialog } from '../dialog/Dialog.js';
import { plural } from './box-entry.js';

export interface RangeFill {
  /** The text as entered, e.g. "SN-0001 +100". */
  raw: string;
  range: IdentifierRange;
  /** The boxes to fill, in order (the box the range was entered in, then the next empty ones). */
  boxes: number[];
  values: string[];
}

export function RangePreviewDialog({ fill, boxWord, onFill, onCancel }: { fill: RangeFill; boxWord: string; onFill: () => void; onCancel: () => void }) {
  const count = fill.values.length.toLocaleString('en-GB');
  const word = boxWord.toLowerCase();
  const firstBox = fill.boxes[0]! + 1;
  const lastBox = fill.boxes.at(-1)! + 1;
  return (
    <Dialog title="Fill boxes from a range" onCancel={onCancel} className="message-dialog range-preview">
      <dl className="range-preview-figures">
        <dt>First value</dt>
        <dd>{fill.values[0]}</dd>
        <dt>Last value</dt>
        <dd>{fill.values.at(-1)}</dd>
        <dt>Count</dt>
        <dd>{count}</dd>
      </dl>
      <p>
        {fill.values.length === 1
          ? `Fills ${word} ${firstBox}.`
          : `Fills ${count} empty ${plural(word)} from ${word} ${firstBox} to ${word} ${lastBox}.`}{' '}
        Nothing is saved until "Save Changes".
      </p>
      <div>
        <button type="button" className="primary" autoFocus onClick={onFill}>
          Fill boxes
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
