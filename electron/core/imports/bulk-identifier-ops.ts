/**
 * The sync ops of the identifiers an import added, written from the store once the file is in: for each
 * OPS_WINDOW new identifiers (by id, the file's order), one identifier.add op per product (at most
 * MAX_VALUES_PER_OP values each, in id order), then the identifier.use_by ops of those that carry a lot
 * date (after the values they date) — the ops recordOp wrote before, when the import queued its values.
 * SQLite reads the new rows once, in id order, and groups a window at a time (sorted in memory), so a
 * large file never holds its values in JavaScript between the insert and the op: held there, they
 * outlived V8's young generation and grew the importer's heap by ~100 MB on a 200 MB file. (Reading
 * them per product instead would visit a table page per value when a file interleaves its products.)
 * Every value and date was checked on the way in against the shared bounds (normaliseIdentifier,
 * normaliseLotDate, the store's CHECKs), so these are ops syncOpSchema accepts; the
 * import tests parse them with it.
 */
import { MAX_VALUES_PER_OP } from '../../../shared/sync/ops.js';
import type { Db } from '../db/open.js';

/** New identifiers grouped per statement (and so at most this many per SKU between two ops of it). */
const OPS_WINDOW = 20_000;

export interface BulkIdentifierOps {
  /** Writes the ops of every identifier with an id above `afterId`; call inside the import's transaction, once its identifiers are in. */
  addedSince(afterId: number): void;
}

/**
 * The window's rows (`dated`: only those with a use-by date), numbered in chunks of MAX_VALUES_PER_OP per
 * product. NOT INDEXED: the id range of the table itself, never identifiers_product_order (a page per row).
 */
const windowRows = (dated: boolean) => `
  SELECT product_id, id, value, use_by, (row_number() OVER (PARTITION BY product_id ORDER BY id) - 1) / ${MAX_VALUES_PER_OP} AS chunk
    FROM identifiers NOT INDEXED WHERE id > ? AND id <= ?${dated ? ' AND use_by IS NOT NULL' : ''}`;

export function createBulkIdentifierOps(db: Db, source: { readonly actor: string; now(): string }): BulkIdentifierOps {
  const insertAdds = db.prepare<[string, string, number, number]>(
    `INSERT INTO outbox (at, actor, op)
     SELECT ?, ?, json_object('type', 'identifier.add', 'sku', p.sku, 'values', json_group_array(n.value ORDER BY n.id))
       FROM (${windowRows(false)}) n JOIN products p ON p.id = n.product_id
      GROUP BY n.product_id, n.chunk ORDER BY min(n.id)`,
  );
  const insertDates = db.prepare<[string, string, number, number]>(
    `INSERT INTO outbox (at, actor, op)
     SELECT ?, ?, json_object('type', 'identifier.use_by', 'sku', p.sku, 'dates', json_group_array(json_object('value', n.value, 'useBy', n.use_by) ORDER BY n.id))
       FROM (${windowRows(true)}) n JOIN products p ON p.id = n.product_id
      GROUP BY n.product_id, n.chunk ORDER BY min(n.id)`,
  );
  const lastId = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM identifiers').pluck();
  return {
    addedSince(afterId) {
      const last = lastId.get() ?? 0;
      for (let from = afterId; from < last; from += OPS_WINDOW) {
        const to = Math.min(from + OPS_WINDOW, last);
        const at = source.now();
        insertAdds.run(at, source.actor, from, to);
        insertDates.run(at, source.actor, from, to);
      }
    },
  };
}
