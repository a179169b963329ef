/** "Go to box" above the serial grid: a box number, checked (a box that does not exist is refused in words), then that box. */
import { useState, type FormEvent } from 'react';
import { beepRefusal } from '../../scanner/beep.js';
import { formatCount } from '../../components/format-count.js';

export function GoToBox({ totalBoxes, onGo }: { totalBoxes: number; onGo: (box: number) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  function go(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('box') ?? '').trim();
    const box = Number(text);
    if (!/^\d+$/.test(text) || box < 1 || box > totalBoxes) {
      // The count as the grid's heading writes it ("1,500 boxes").
      setProblem(`Enter a box number from 1 to ${formatCount(totalBoxes)}.`);
      beepRefusal();
      return;
    }
    setProblem(null);
    onGo(box - 1);
  }
  return (
    // noValidate: the browser's own bubble is neither beeped nor reliably announced; ours is both.
    <form className="go-to-box" onSubmit={go} noValidate>
      <label htmlFor="go-to-box-number">Go to box</label>
      <input
        id="go-to-box-number"
        name="box"
        type="number"
        min={1}
        max={totalBoxes}
        inputMode="numeric"
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'go-to-box-problem' : undefined}
        onChange={() => setProblem(null)}
      />
      <button type="submit" className="secondary">Go</button>
      {problem && (
        <p id="go-to-box-problem" role="alert" className="box-problem">
          <span aria-hidden="true">⚠ </span>
          {problem}
        </p>
      )}
    </form>
  );
}
