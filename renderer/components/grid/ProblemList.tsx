import { forwardRef } from 'react';
import type { BoxProblem } from './grid-checks.js';

export interface Refusal {
  message: string;
  listed: BoxProblem[];
  /** Messages naming no box. */
  other: string[];
}

interface ProblemListProps {
  refusal: Refusal;
  /** What a listed box is called on its button: "Box" gives "Box 12: …". */
  boxWord: string;
  onJump: (box: number) => void;
}

/**
 * Why a save was refused, with a button per marked box that scrolls to it and focuses it.
 * The summary is focusable so the screen can move focus here after a refusal.
 */
export const ProblemList = forwardRef<HTMLDivElement, ProblemListProps>(function ProblemList({ refusal, boxWord, onJump }, ref) {
  return (
    <div className="grid-refusal">
      <div ref={ref} tabIndex={-1} role="alert" className="grid-refusal-summary">
        <span aria-hidden="true">⚠ </span>
        {refusal.message}
      </div>
      {refusal.other.length > 0 && (
        <ul className="grid-refusal-other">
          {refusal.other.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {refusal.listed.length > 0 && (
        <ul className="grid-refusal-list" aria-label="Boxes to fix">
          {refusal.listed.map(({ box, message }) => (
            <li key={box}>
              <button type="button" onClick={() => onJump(box)}>
                {boxWord} {box + 1}: {message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
