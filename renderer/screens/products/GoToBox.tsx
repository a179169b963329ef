/**
 * "Go to box" above the serial grid: a box number, checked (a box that does not exist is refused in words), then that box.
 * unitsInStock: given when the grid has fewer boxes than units in stock (its empty boxes are bounded, serialGridShape),
 * so a box of the stock beyond the grid's is refused saying why.
 */
import type { FormEvent } from 'react';
import { ErrorText } from '../../components/ErrorText.js';
import { useRefusal } from '../../components/use-refusal.js';
import { formatCount } from '../../components/format-count.js';
import { MAX_EMPTY_GRID_BOXES } from '../../../shared/contract/schemas.js';

export function GoToBox({ totalBoxes, unitsInStock, onGo }: { totalBoxes: number; unitsInStock?: number; onGo: (box: number) => void }) {
  const problem = useRefusal();
  function go(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('box') ?? '').trim();
    // Digits, or grouped in thousands as the grid's heading writes them ("1,500 boxes").
    const whole = /^(\d+|\d{1,3}(,\d{3})+)$/.test(text);
    const box = whole ? Number(text.replace(/,/g, '')) : Number.NaN;
    if (totalBoxes === 0) {
      // "from 1 to 0" asks for what cannot be: there is no box at all (no stock, or no serial numbers kept).
      problem.refuse('This product has no boxes, so there is no box to go to.');
      return;
    }
    if (whole && unitsInStock !== undefined && box > totalBoxes && box <= unitsInStock) {
      problem.refuse(
        `Box ${formatCount(box)} is not in the grid: it has the filled boxes and ${formatCount(MAX_EMPTY_GRID_BOXES)} empty ones, not one box for each of the ${formatCount(unitsInStock)} units in stock. Enter a box number from 1 to ${formatCount(totalBoxes)}.`,
      );
      return;
    }
    if (text !== '' && !whole) {
      problem.refuse(`"${text}" is not a whole number. Enter a box number from 1 to ${formatCount(totalBoxes)}.`);
      return;
    }
    if (!whole || box < 1 || box > totalBoxes) {
      // The count as the grid's heading writes it ("1,500 boxes").
      problem.refuse(`Enter a box number from 1 to ${formatCount(totalBoxes)}.`);
      return;
    }
    problem.clear();
    onGo(box - 1);
  }
  return (
    // noValidate: the browser's own bubble is neither beeped nor reliably announced; ours is both.
    // A text box, not a number box: Chromium's number box dropped a typed comma or space ("2,5" went to
    // box 25, unsaid) and read "5-" as empty; what was typed is read, and refused naming it.
    // A refusal goes once the packer moves on out of the form: it stayed beside the grid through saves, stale.
    <form
      className="go-to-box"
      onSubmit={go}
      noValidate
      onBlur={(event) => {
        if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) problem.clear();
      }}
    >
      <label htmlFor="go-to-box-number">Go to box</label>
      <input
        id="go-to-box-number"
        name="box"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        aria-invalid={problem.message ? true : undefined}
        aria-describedby={problem.message ? 'go-to-box-problem' : undefined}
        onChange={problem.clear}
      />
      <button type="submit" className="secondary">Go</button>
      {problem.message && (
        <ErrorText id="go-to-box-problem" className="box-problem" again={problem.key}>
          {problem.message}
        </ErrorText>
      )}
    </form>
  );
}
