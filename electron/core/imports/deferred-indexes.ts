/**
 * The identifier indexes a large import builds in one pass at the end instead of row by row.
 *
 * - The picker's trigram index (bench migration 7): one FTS5 insert per identifier by its insert
 *   trigger costs far more than the identifier itself (segments flushed and merged over and over),
 *   while one INSERT … SELECT of the new rows builds the same index in a single sweep.
 * - The secondary B-tree indexes on identifiers (value; product and id): a file spread over many
 *   products writes each of them at as many places at once, page after page leaving the cache;
 *   CREATE INDEX sorts once. Only when the import at least doubles the table: on a
 *   large store a small import keeps them up to date row by row (a rebuild would cost the whole table).
 *
 * Runs inside the import's transaction: triggers and indexes are dropped, the identifiers inserted and
 * then everything is created again from its own stored SQL before the commit. Other connections never
 * see the store without them, and a rollback (cancel, a refusal) restores them with everything else.
 * The UNIQUE (product_id, value) index stays: the import's inserts rely on it. Only the insert trigger
 * is deferred: an import adds identifiers, never updates or deletes them.
 * The connection's own per-row notes of inserted identifiers (the change tracker's TEMP trigger) are
 * suspended the same way and written in one pass at the end (db/insert-observers.ts).
 */
import { suspendInsertObservers } from '../db/insert-observers.js';
import type { Db } from '../db/open.js';

const INSERT_TRIGGER = 'identifiers_trigram_insert';
/** Rebuilt after the rows are in, by table; none of them serves a query the import makes while inserting. */
const REBUILT_INDEXES = {
  identifiers: ['identifiers_value', 'identifiers_product_order'],
} as const;
/** Identifiers indexed per statement: between two, a Cancel is heard (a 200 MB file takes a while to index). */
const INDEX_CHUNK = 50_000;

export interface DeferredIndexes {
  /** Restores the identifiers' B-tree indexes: call once every identifier of the file is inserted. */
  restoreIdentifierIndexes(): void;
  /**
   * Indexes every identifier with an id above `afterId` for the picker and restores the trigger (and the
   * B-tree indexes, if not yet); call once, in the same transaction.
   * `between` runs before each chunk (it may throw to stop: the transaction then rolls back).
   */
  finish(afterId: number, between?: () => void): void;
}

/** Call inside a write transaction, before `rows` identifiers are inserted. */
export function deferIdentifierIndexes(db: Db, rows: number): DeferredIndexes {
  if (!db.inTransaction) throw new Error('The identifier indexes can only be deferred inside a transaction.');
  const triggerSql = db
    .prepare<[string], string>("SELECT sql FROM main.sqlite_schema WHERE type = 'trigger' AND name = ?")
    .pluck()
    .get(INSERT_TRIGGER);
  // A store without the trigger (none is shipped that way) has nothing to keep in step.
  if (triggerSql) db.exec(`DROP TRIGGER main.${INSERT_TRIGGER}`);
  const observers = suspendInsertObservers(db, 'identifiers');
  const identifiers = dropIndexesIfSmall(db, 'identifiers', rows);
  let restored = false;
  let finished = false;
  const restoreIdentifierIndexes = () => {
    if (restored) return;
    restored = true;
    for (const sql of identifiers) db.exec(sql);
  };
  return {
    restoreIdentifierIndexes,
    finish(afterId, between) {
      if (finished) return;
      finished = true;
      restoreIdentifierIndexes();
      observers.resume(afterId);
      if (!triggerSql) return;
      const last = db.prepare('SELECT coalesce(max(id), 0) FROM identifiers').pluck().get() as number;
      const indexChunk = db.prepare('INSERT INTO identifiers_trigram (rowid, value) SELECT id, value FROM identifiers WHERE id > ? AND id <= ? ORDER BY id');
      for (let from = afterId; from < last; from += INDEX_CHUNK) {
        between?.();
        indexChunk.run(from, Math.min(from + INDEX_CHUNK, last));
      }
      db.exec(triggerSql);
    },
  };
}

/** Drops `table`'s rebuilt indexes when `rows` at least doubles it (its largest id says about how many it holds); returns their SQL. */
function dropIndexesIfSmall(db: Db, table: keyof typeof REBUILT_INDEXES, rows: number): string[] {
  const held = db.prepare(`SELECT coalesce(max(id), 0) FROM main.${table}`).pluck().get() as number;
  if (rows < held) return [];
  const schemaSql = db.prepare<[string], string>("SELECT sql FROM main.sqlite_schema WHERE type = 'index' AND name = ?").pluck();
  const dropped = REBUILT_INDEXES[table].flatMap((name) => schemaSql.get(name) ?? []);
  for (const name of REBUILT_INDEXES[table]) db.exec(`DROP INDEX IF EXISTS main.${name}`);
  return dropped;
}
