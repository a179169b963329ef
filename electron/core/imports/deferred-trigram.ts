/**
 * The picker's trigram index (bench migration 7) kept up to date in one pass at the end of a large
 * identifier import, instead of row by row by its insert trigger: one FTS5 insert per identifier costs
 * far more than the identifier itself (segments flushed and merged over and over), while one
 * INSERT … SELECT of the new rows builds the same index in a single sweep.
 *
 * Runs inside the import's transaction: the trigger is dropped, the identifiers inserted, the new rows
 * indexed and the trigger created again from its own stored SQL before the commit. Other connections
 * never see the store without its trigger, and a rollback (cancel, a refusal) restores it with
 * everything else. Only the insert trigger is deferred: an import adds identifiers, never updates or
 * deletes them.
 */
import type { Db } from '../db/open.js';

const INSERT_TRIGGER = 'identifiers_trigram_insert';
/** Identifiers indexed per statement: between two, a Cancel is heard (a 200 MB file takes a while to index). */
const INDEX_CHUNK = 50_000;

export interface DeferredTrigramIndex {
  /**
   * Indexes every identifier with an id above `afterId` and restores the trigger; call once, in the same
   * transaction. `between` runs between chunks (it may throw to stop: the transaction then rolls back).
   */
  finish(afterId: number, between?: () => void): void;
}

/** Call inside a write transaction, before the identifiers are inserted. */
export function deferTrigramIndex(db: Db): DeferredTrigramIndex {
  const triggerSql = db
    .prepare<[string], string>("SELECT sql FROM main.sqlite_schema WHERE type = 'trigger' AND name = ?")
    .pluck()
    .get(INSERT_TRIGGER);
  if (!db.inTransaction) throw new Error('The trigram index can only be deferred inside a transaction.');
  // A store without the trigger (none is shipped that way) has nothing to keep in step.
  if (!triggerSql) return { finish: () => undefined };
  db.exec(`DROP TRIGGER main.${INSERT_TRIGGER}`);
  let finished = false;
  return {
    finish(afterId, between) {
      if (finished) return;
      finished = true;
      const last = db.prepare('SELECT coalesce(max(id), 0) FROM identifiers').pluck().get() as number;
      const indexChunk = db.prepare('INSERT INTO identifiers_trigram (rowid, value) SELECT id, value FROM identifiers WHERE id > ? AND id <= ? ORDER BY id');
      for (let from = afterId; from < last; from += INDEX_CHUNK) {
        if (from > afterId) between?.();
        indexChunk.run(from, Math.min(from + INDEX_CHUNK, last));
      }
      db.exec(triggerSql);
    },
  };
}
