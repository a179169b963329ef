/**
 * The preview of a range entered in a serial box: which boxes it fills, its first and last values
 * and how many, before anything is written. "Fill boxes" writes them (still unsaved until "Save
 * Changes"); Cancel or Escape leaves the boxes as they were, the range text still in its box.
 *
 * Lot products (issue 12): the lots of a range come from one carton, so they share one use-by date.
 * The preview has a "Use by" box, holding the date typed beside the range (or pasted after it) and
 * focused so a date can still be typed; Enter fills the boxes and gives every lot that date. A date
 * that is not a date is refused in the preview, and nothing is filled.
 */
import { useId, useState, type FormEvent } from 'react';
import type { IdentifierRange } from '../../../shared/ranges/identifier-range.js';
import { Dialog } from '../dialog/Dialog.js';
import { plural } from './box-entry.js';
import { lotDateCheck } from './identifier-rules.js';

export interface RangeFill {
  /** The text as entered, e.g. "SN-0001 +100". */
  raw: string;
  range: IdentifierRange;
  /** The boxes to fill, in order (the box the range was entered in, then the next empty ones). */
  boxes: number[];
  values: string[];
  /** Lot products: the use-by date entered with the range (as typed), '' for none; absent for other kinds. */
  useBy?: string;
}

/** Fills the boxes; for lot products with the range's use-by date (YYYY-MM-DD, '' for none). */
export type OnRangeFill = (useBy: string | undefined) => void;

export function RangePreviewDialog({ fill, boxWord, onFill, onCancel }: { fill: RangeFill; boxWord: string; onFill: OnRangeFill; onCancel: () => void }) {
  const count = fill.values.length.toLocaleString('en-GB');
  const word = boxWord.toLowerCase();
  const firstBox = fill.boxes[0]! + 1;
  const lastBox = fill.boxes.at(-1)! + 1;
  const dated = fill.useBy !== undefined;
  const [useBy, setUseBy] = useState(fill.useBy ?? '');
  const [dateProblem, setDateProblem] = useState('');
  const dateId = useId();
  const problemId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!dated) {
      onFill(undefined);
      return;
    }
    const check = lotDateCheck(useBy);
    if (!check.ok) {
      setDateProblem(`The range's lots ${check.reason}. Nothing was filled.`);
      return;
    }
    onFill(check.useBy ?? '');
  };

  return (
    <Dialog title="Fill boxes from a range" onCancel={onCancel} className="message-dialog range-preview">
      <form onSubmit={submit}>
        <dl className="range-preview-figures">
          <dt>First value</dt>
          <dd>{fill.values[0]}</dd>
          <dt>Last value</dt>
          <dd>{fill.values.at(-1)}</dd>
          <dt>Count</dt>
          <dd>{count}</dd>
        </dl>
        {dated && (
          <p className="range-preview-date">
            <label htmlFor={dateId}>Use by</label>{' '}
            <input
              id={dateId}
              type="text"
              value={useBy}
              placeholder="YYYY-MM-DD"
              autoFocus
              autoComplete="off"
              spellCheck={false}
              aria-invalid={dateProblem ? true : undefined}
              aria-describedby={dateProblem ? problemId : undefined}
              onChange={(event) => {
                setUseBy(event.target.value);
                setDateProblem('');
              }}
            />{' '}
            <span className="range-preview-date-hint">for every lot of the range (empty: no date)</span>
          </p>
        )}
        {dated && (
          <p id={problemId} className={dateProblem ? 'scan-refusal' : 'scan-refusal empty'} role="alert">
            {dateProblem}
          </p>
        )}
        <p>
          {fill.values.length === 1
            ? `Fills ${word} ${firstBox}.`
            : `Fills ${count} empty ${plural(word)} from ${word} ${firstBox} to ${word} ${lastBox}.`}{' '}
          Nothing is saved until "Save Changes".
        </p>
        <div>
          <button type="submit" className="primary" autoFocus={!dated}>
            Fill boxes
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
