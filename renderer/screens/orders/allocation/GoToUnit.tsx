/** "Go to unit" for a line longer than its window: a number, checked, then that unit's box. */
import { useId, useState } from 'react';
import { formatCount } from '../../../components/format-count.js';
import { beepRefusal } from '../../../scanner/beep.js';
import type { SheetLine } from './allocation-model.js';

export function GoToUnit({ line, from, to, onGo }: { line: SheetLine; from: number; to: number; onGo: (unit: number) => void }) {
  const id = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  function go() {
    const unit = Number(text.trim());
    if (!/^\d+$/.test(text.trim()) || unit < line.firstUnit || unit > line.quantity) {
      setProblem(`Enter a unit number from ${line.firstUnit} to ${line.quantity}.`);
      beepRefusal();
      return;
    }
    setProblem(null);
    onGo(unit);
  }
  return (
    <div className="go-to-unit">
      <span className="muted">
        Showing units {formatCount(from)}–{formatCount(to)}.
      </span>{' '}
      <label htmlFor={id}>Go to unit</label>{' '}
      <input
        id={id}
        type="text"
        inputMode="numeric"
        className="go-to-unit-input"
        aria-label={`Go to unit of ${line.orderNumber} ${line.sku}`}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          go();
        }}
      />{' '}
      <button type="button" onClick={go}>
        Go
      </button>
      {problem && (
        <p id={`${id}-problem`} className="box-problem">
          <span aria-hidden="true">⚠ </span>
          {problem}
        </p>
      )}
    </div>
  );
}
