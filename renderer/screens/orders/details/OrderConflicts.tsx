/**
 * The open sync conflicts about one order, on its page: "Open order" from the conflicts panel closes
 * the panel, and the order then said nothing of why it was opened (which unit the hub refused an
 * identifier for, which change from the hub was held back). Read through the conflicts' own cache
 * topic, so a conflict that resolves itself (the hub took another identifier) leaves the page at once.
 */
import { useId } from 'react';
import type { BenchApi, SyncConflict } from '../../../../shared/contract/api.js';
import { MAX_CONFLICTS_READ } from '../../../../shared/contract/sync-schemas.js';
import { counted } from '../../../../shared/domain/counted.js';
import { benchKeys, useBenchQuery } from '../../../api/queries.js';

/** One read of the bench's open conflicts (the most one read may hold), kept to this order's. */
function useOpenConflictsOfOrder(api: BenchApi, orderId: number): SyncConflict[] {
  const open = useBenchQuery(benchKeys.orderConflicts(orderId), async () => {
    const read = await api.listConflicts({ includeResolved: false, limit: MAX_CONFLICTS_READ });
    return read.ok ? { ...read, value: read.value.items.filter((c) => c.order?.orderId === orderId) } : read;
  });
  return open.data ?? [];
}

export function OrderConflicts({ api, orderId }: { api: BenchApi; orderId: number }) {
  const headingId = useId();
  const conflicts = useOpenConflictsOfOrder(api, orderId);
  if (conflicts.length === 0) return null;
  return (
    <section className="needed-box order-conflicts" aria-labelledby={headingId}>
      <h3 id={headingId}>{conflicts.length === 1 ? 'Sync conflict' : counted(conflicts.length, 'sync conflict', 'sync conflicts')}</h3>
      <ul>
        {conflicts.map((c) => (
          <li key={c.conflictId}>
            <p>
              <strong>{c.summary}</strong>
            </p>
            <p>{c.whatHappened}</p>
            {c.needsIdentifier && c.order && (
              <p>
                Line {c.order.lineNo} unit {c.order.unit} needs another identifier: choose one in "Dispatch Identifiers".
              </p>
            )}
          </li>
        ))}
      </ul>
      <p className="small muted">
        {conflicts.length === 1 ? 'It stays' : 'Each stays'} in Sync conflicts (the conflicts button at the top) until it resolves itself or is acknowledged there.
      </p>
    </section>
  );
}
