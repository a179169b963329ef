/** "Go to unit" for a line longer than its window: a number, checked, then that unit's box. */
import { useId, useState } from 'react';
import { formatCount } from '../../../components/format-count.js';
import { ErrorText } from '../../../components/ErrorText.js';
import { useRefusal } from '../../../components/use-refusal.js';
import type { SheetLine } from './allocation-model.js';

export function GoToUnit({ line, from, to, onGo }: { line: SheetLine; from: number; to: number; onGo: (unit: number) => void }) {
  const id = useId();
  const [text, setText] = useState('');
  const problem = useRefusal();
  function go() {
    // A number as the dialog writes it ("1,500") or plain ("1500").
    const typed = text.trim();
    const unit = Number(typed.replace(/,/g, ''));
    if (!/^(\d+|\d{1,3}(,\d{3})+)$/.test(typed) || unit < line.firstUnit || unit > line.quantity) {
      problem.refuse(`Enter a unit number from ${formatCount(line.firstUnit)} to ${formatCount(line.quantity)}.`);
      return;
    }
    problem.clear();
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
        aria-label={`Go to unit of ${line.orderNumber} ${line.named}`}
        aria-invalid={problem.message ? true : undefined}
        aria-describedby={problem.message ? `${id}-problem` : undefined}
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
      {problem.message && (
        <ErrorText id={`${id}-problem`} className="box-problem" again={problem.key}>
          {problem.message}
        </ErrorText>
      )}
    </div>
  );
}
