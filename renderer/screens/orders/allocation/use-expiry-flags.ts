/**
 * Use-by dates in a dialog left open (issue 12): "today" follows the clock, so a value put in a box
 * before midnight (a pre-selection, a scan, a pick, or a lot saved earlier, which the core sends with its
 * use-by date) may have expired since. The boxes holding such a value are flagged when the dialog opens,
 * as later pages of units are read, and again as the day changes, in the words of the refusal
 * for entering it, and the dialog's live region says so: the packer fixes them before "Complete Order",
 * which the core would refuse.
 */
import { useEffect } from 'react';
import type { AllocationBoxStore } from './allocation-box-store.js';
import { boxByKey, describeBox, parseBoxKey } from './allocation-model.js';
import { heldValueProblemText, type UseByLines } from './use-by-rules.js';

/** How often the day is looked at (a timer set for midnight would miss a clock changed or a sleep). */
const DAY_CHECK_MS = 30_000;

export function useExpiryFlags(store: AllocationBoxStore | null, useByLines: UseByLines, today: () => string): void {
  useEffect(() => {
    if (!store || useByLines.size === 0) return;
    let day: string | null = null;
    const check = () => {
      const now = today();
      if (now === day) return;
      const opening = day === null;
      day = now;
      const flagged = store.flagValues((key, held) => {
        const line = useByLines.get(parseBoxKey(key).lineId);
        return line ? heldValueProblemText(line, held, now) : null;
      });
      const [first] = flagged;
      if (opening || !first) return;
      const box = boxByKey(store.index, first[0]);
      const where = box ? describeBox(box) : 'a box';
      store.setAlert(
        flagged.length === 1
          ? `The day has changed: ${where} holds a value that may no longer go out. ${first[1]}`
          : `The day has changed: ${flagged.length} boxes hold a value that may no longer go out, the first ${where}. ${first[1]}`,
        first[0],
      );
    };
    check();
    const timer = setInterval(check, DAY_CHECK_MS);
    return () => clearInterval(timer);
  }, [store, useByLines, today]);
}
