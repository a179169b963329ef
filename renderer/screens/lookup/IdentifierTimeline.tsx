/** An identifier's history at this bench as a timeline, oldest first: what happened, where, when, who. */
import type { IdentifierEvent } from '../../../shared/contract/trace-schemas.js';
import { timeWithZone } from '../../components/format-time.js';
import { withThousands } from '../../../shared/domain/counted.js';

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

export function IdentifierTimeline({ events, truncated, label }: { events: IdentifierEvent[]; truncated: boolean; label: string }) {
  if (events.length === 0) return <p>No history recorded at this bench.</p>;
  return (
    <section className="timeline" aria-label={label}>
      <h4>History</h4>
      <ol>
        {events.map((e, i) => (
          <li key={`${i}-${e.at}`} className={`timeline-${e.kind}`}>
            <time dateTime={e.at}>{timeWithZone(e.at)}</time>{' '}
            <strong>{KIND_LABELS[e.kind]}</strong>
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
      {truncated && <p>Only the first {withThousands(events.length)} steps are shown.</p>}
    </section>
  );
}
