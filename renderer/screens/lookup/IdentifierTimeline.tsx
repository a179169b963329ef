/**
 * An identifier's history at this bench as a timeline, oldest first: what happened, where, when, who.
 * It shows the product's latest steps (MAX_HISTORY_EVENTS), so a step taken while it is open (here, at
 * another bench, pulled) shows at its end. "Show earlier steps" shows a page more above them, up to
 * MAX_TIMELINE_STEPS, and puts the focus on the first step it brought. Steps shown stay shown when a
 * change reads the history again (from the same first step to the latest: none left out, none gone),
 * and rows are keyed by their step number, so the packer keeps their place and the focus.
 */
import { useEffect, useRef, useState } from 'react';
import type { BenchApi, ResultOf } from '../../../shared/contract/api.js';
import { MAX_HISTORY_EVENTS, MAX_TIMELINE_STEPS, type IdentifierEvent } from '../../../shared/contract/trace-schemas.js';
import { benchKeys, useBenchQuery } from '../../api/queries.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useBeepOnFailure } from '../../scanner/use-beep-on-failure.js';
import { timeWithZone } from '../../components/format-time.js';
import { counted, withThousands } from '../../../shared/domain/counted.js';

type History = ResultOf<'getIdentifierHistory'>;

const KIND_LABELS: Record<IdentifierEvent['kind'], string> = {
  added: 'Added',
  renamed: 'Renamed',
  removed: 'Removed',
  allocated: 'Allocated',
  cleared: 'Allocation cleared',
  dispatched: 'Dispatched',
  conflict: 'Refused by the hub (conflict)',
  resolved: 'Conflict resolved',
};

function where(e: IdentifierEvent): string {
  if (e.orderNumber === null) return '';
  return ` — order ${e.orderNumber}${e.lineNo !== null ? `, line ${e.lineNo}` : ''}${e.unit !== null ? `, unit ${e.unit}` : ''}`;
}

interface TimelineProps {
  api: BenchApi;
  /** The identifier and the product whose timeline this is. */
  value: string;
  sku: string;
  /** The product's latest steps, as the lookup read them (oldest first). */
  events: IdentifierEvent[];
  /** Whether it has steps before the first of `events`. */
  truncated: boolean;
  label: string;
}

export function IdentifierTimeline({ api, value, sku, events: latest, truncated, label }: TimelineProps) {
  /** The first step asked for by "Show earlier steps"; null: the latest steps, as the lookup read them. */
  const [from, setFrom] = useState<number | null>(null);
  const earlierSteps = useBenchQuery<History>(
    benchKeys.trace('history', value, sku, from),
    () => api.getIdentifierHistory({ value, sku, from: from ?? 1 }),
    // While a page more is read, the steps shown stay.
    { enabled: from !== null, keepPrevious: true },
  );
  const asked = from !== null && earlierSteps.data !== undefined;
  const events = asked ? earlierSteps.data.events.filter((e) => e.sku === sku) : latest;
  const firstStep = events[0]?.step ?? 1;
  const lastStep = events.at(-1)?.step ?? 0;
  const shown = lastStep - firstStep + 1;
  const earlier = asked ? earlierSteps.data.truncatedSkus.includes(sku) : truncated;
  const reading = from !== null && (earlierSteps.isPlaceholderData || earlierSteps.isPending);
  const readFailed = from !== null && !reading && earlierSteps.error ? earlierSteps.error : null;
  // Heard, as every read the packer asked for that failed (the lookup's own, the conflicts list).
  useBeepOnFailure(readFailed);

  const listRef = useRef<HTMLOListElement>(null);
  const moreRef = useRef<HTMLButtonElement>(null);
  /** The first step shown when "Show earlier steps" was pressed: the focus goes to the first step it brought. */
  const pressedAt = useRef<number | null>(null);
  useEffect(() => {
    const before = pressedAt.current;
    if (before === null || reading) return;
    pressedAt.current = null;
    // Only if the focus is still on the button (or fell with it): a packer who went on elsewhere keeps their place.
    const active = document.activeElement;
    if (active && active !== document.body && active !== moreRef.current) return;
    // Nothing brought (a failed read) and the button still there: the focus stays on it.
    if (firstStep >= before && moreRef.current?.isConnected) return;
    listRef.current?.querySelector<HTMLElement>(`li[data-step="${Math.min(firstStep, before)}"]`)?.focus();
  }, [reading, firstStep]);

  const showEarlier = () => {
    if (reading) return;
    pressedAt.current = firstStep;
    // After a failed read, the same steps are read again (the steps shown are the latest meanwhile).
    if (readFailed) void earlierSteps.refetch();
    else setFrom(Math.max(1, firstStep - MAX_HISTORY_EVENTS));
  };

  if (events.length === 0) return <p>No history recorded at this bench.</p>;
  return (
    <section className="timeline" aria-label={label}>
      <h4>History</h4>
      {earlier && (
        <p className="timeline-earlier">
          The latest {withThousands(shown)} of {counted(lastStep, 'step is', 'steps are')} shown
          {shown < MAX_TIMELINE_STEPS ? (
            <>
              .{' '}
              {/* Not disabled while it reads: a disabled button drops the focus to the page. */}
              <button ref={moreRef} type="button" onClick={showEarlier} aria-disabled={reading || undefined}>
                {reading ? 'Reading earlier steps…' : 'Show earlier steps'}
              </button>
            </>
          ) : (
            ': Recall (Exactly) lists and exports every dispatch of it.'
          )}
        </p>
      )}
      {readFailed && <ErrorText>{`The earlier steps could not be read: ${readFailed.message}`}</ErrorText>}
      <ol ref={listRef} start={firstStep}>
        {events.map((e) => (
          <li key={e.step} data-step={e.step} tabIndex={-1} className={`timeline-${e.kind}`}>
            <time dateTime={e.at}>{timeWithZone(e.at)}</time> <strong>{KIND_LABELS[e.kind]}</strong>
            {where(e)}
            {e.detail ? ` (${e.detail})` : ''}
            <span className="timeline-who">
              {' '}
              at {e.stationName || e.stationId}
              {e.actor ? ` by ${e.actor}` : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
