import { forwardRef, useSyncExternalStore } from 'react';
import type { BoxProblem } from './grid-checks.js';
import type { SerialBoxStore } from './serial-box-store.js';
import { counted, withThousands } from '../../../shared/domain/counted.js';

export interface Refusal {
  message: string;
  listed: BoxProblem[];
  /** Messages naming no box. */
  other: string[];
  /** Refused by the grid's own checks (which can judge a box again as it is fixed), not the core. */
  local?: boolean;
  /** The core's repeats: refused box → the box whose serial number it repeats (judged again once that one is changed). */
  partners?: ReadonlyMap<number, number>;
  /** How many boxes the refusal marked, when more than it lists (the list is capped): "all listed changed" is then not "all changed". */
  marked?: number;
}

interface ProblemListProps {
  refusal: Refusal;
  /** What a listed box is called on its button: "Box" gives "Box 12: …". */
  boxWord: string;
  onJump: (box: number) => void;
  /** The boxes' store: a listed box no longer marked (fixed since) leaves the list. */
  store: SerialBoxStore;
}

/**
 * Why a save was refused, with a button per marked box that scrolls to it and focuses it.
 * The summary is focusable so the screen can move focus here after a refusal. As the packer fixes the
 * boxes, each one fixed leaves the list and a status line says how many are left: the summary (the
 * alert) stays as it was, so it is not announced again on every keystroke.
 */
export const ProblemList = forwardRef<HTMLDivElement, ProblemListProps>(function ProblemList({ refusal, boxWord, onJump, store }, ref) {
  // A string snapshot: the list re-renders when a box leaves it, not on every keystroke.
  const open = useSyncExternalStore(store.subscribe, () => refusal.listed.filter(({ box }) => store.hasProblem(box)).map(({ box }) => box).join(','));
  const openBoxes = new Set(open ? open.split(',').map(Number) : []);
  const listed = refusal.listed.filter(({ box }) => openBoxes.has(box));
  const fixed = refusal.listed.length - listed.length;
  const total = refusal.listed.length;
  const unlisted = Math.max(0, (refusal.marked ?? total) - total);
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
      <p className="grid-refusal-progress" role="status">
        {fixed === 0
          ? ''
          : listed.length === 0
            ? unlisted > 0
              ? `All ${withThousands(total)} listed boxes changed; ${counted(unlisted, 'more box was', 'more boxes were')} marked: choose "Save Changes" to check them all.`
              : `All ${withThousands(total)} marked ${total === 1 ? 'box' : 'boxes'} changed: choose "Save Changes" to check and save ${total === 1 ? 'it' : 'them'}.`
            : `${withThousands(fixed)} of ${withThousands(total)} ${unlisted > 0 ? 'listed' : 'marked'} ${total === 1 ? 'box' : 'boxes'} changed; ${withThousands(listed.length)} left to fix.`}
      </p>
      {listed.length > 0 && (
        <ul className="grid-refusal-list" aria-label="Boxes to fix">
          {listed.map(({ box, message }) => (
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
