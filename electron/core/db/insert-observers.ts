/**
 * Per-row observers of a table's inserts that a bulk insert may replace with one pass: a connection's
 * TEMP triggers (the change tracker's, service/change-tracker.ts) cost a trigger program per row, which
 * on a 1,000,000-row import is seconds. A bulk writer suspends them inside its transaction (a rollback
 * brings them back with everything else), inserts, and has each note every row above an id at once.
 * Kept per connection: only the connection that installed an observer sees its triggers.
 */
import type { Db } from './open.js';

export interface InsertObserver {
  /** Stops noting rows one by one (drops its per-row trigger); called inside the bulk write's transaction. */
  suspend(): void;
  /** Notes every row of the table with an id above `afterId` in one statement, then notes row by row again. */
  resume(afterId: number): void;
}

const observers = new WeakMap<Db, Map<string, InsertObserver[]>>();

/** Registers `observer` of inserts into `table` on this connection. */
export function observeInserts(db: Db, table: string, observer: InsertObserver): void {
  const byTable = observers.get(db) ?? new Map<string, InsertObserver[]>();
  observers.set(db, byTable);
  byTable.set(table, [...(byTable.get(table) ?? []), observer]);
}

/** Suspends every observer of inserts into `table`; call `resume` once the rows are in, in the same transaction. */
export function suspendInsertObservers(db: Db, table: string): { resume(afterId: number): void } {
  if (!db.inTransaction) throw new Error('Insert observers can only be suspended inside a transaction.');
  const suspended = [...(observers.get(db)?.get(table) ?? [])];
  for (const observer of suspended) observer.suspend();
  let resumed = false;
  return {
    resume(afterId) {
      if (resumed) return;
      resumed = true;
      for (const observer of suspended) observer.resume(afterId);
    },
  };
}
