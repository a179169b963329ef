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
  /**
   * Writes the ops of every identifier with an id above `afterId`; call inside the import's transaction,
   * once its identifiers are in. `between` runs before each window (it may throw: the transaction then rolls back).
   */
  addedSince(afterId: number, between?: () => void): void;
}

/**
 * The window's rows with a use-by date, numbered in chunks of MAX_VALUES_PER_OP per product (few: a file
 * of lots). NOT INDEXED: the id range of the table itself, never identifiers_product_order (a page per row).
 */
const datedWindowRows = `
  SELECT product_id, id, value, use_by, (row_number() OVER (PARTITION BY product_id ORDER BY id) - 1) / ${MAX_VALUES_PER_OP} AS chunk
    FROM identifiers NOT INDEXED WHERE id > ? AND id <= ? AND use_by IS NOT NULL`;

export function createBulkIdentifierOps(db: Db, source: { readonly actor: string; now(): string }): BulkIdentifierOps {
  const insertAdds = db.prepare<[{ at: string; actor: string; from: number; to: number }]>(
    `WITH RECURSIVE
     -- One group per product of the window, its values in id order (one sort: a window function
     -- numbering every row cost a second sort of the whole window, ~1 s per 1,000,000 identifiers).
     per_product AS (
       SELECT product_id, min(id) AS first, count(*) AS n, json_group_array(value ORDER BY id) AS vals
         FROM identifiers NOT INDEXED WHERE id > @from AND id <= @to GROUP BY product_id),
     chunk_no (k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM chunk_no WHERE k + 1 < ${Math.ceil(OPS_WINDOW / MAX_VALUES_PER_OP)}),
     -- A product with more than MAX_VALUES_PER_OP values in the window: its k-th slice of them, first
     -- id and all (rare: only a file listing that many values of one product close together).
     op_values AS (
       SELECT product_id, first, vals FROM per_product WHERE n <= ${MAX_VALUES_PER_OP}
       UNION ALL
       SELECT g.product_id,
              (SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS r FROM identifiers NOT INDEXED WHERE product_id = g.product_id AND id > @from AND id <= @to)
                WHERE r = c.k * ${MAX_VALUES_PER_OP}),
              (SELECT json_group_array(j.value ORDER BY j.key) FROM json_each(g.vals) j WHERE j.key >= c.k * ${MAX_VALUES_PER_OP} AND j.key < (c.k + 1) * ${MAX_VALUES_PER_OP})
         FROM per_product g JOIN chunk_no c ON c.k * ${MAX_VALUES_PER_OP} < g.n WHERE g.n > ${MAX_VALUES_PER_OP})
     INSERT INTO outbox (at, actor, op)
     SELECT @at, @actor, json_object('type', 'identifier.add', 'sku', p.sku, 'values', json(o.vals))
       FROM op_values o JOIN products p ON p.id = o.product_id ORDER BY o.first`,
  );
  const insertDates = db.prepare<[string, string, number, number]>(
    `INSERT INTO outbox (at, actor, op)
     SELECT ?, ?, json_object('type', 'identifier.use_by', 'sku', p.sku, 'dates', json_group_array(json_object('value', n.value, 'useBy', n.use_by) ORDER BY n.id))
       FROM (${datedWindowRows}) n JOIN products p ON p.id = n.product_id
      GROUP BY n.product_id, n.chunk ORDER BY min(n.id)`,
  );
  const lastId = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM identifiers').pluck();
  return {
    addedSince(afterId, between) {
      const last = lastId.get() ?? 0;
      for (let from = afterId; from < last; from += OPS_WINDOW) {
        between?.();
        const to = Math.min(from + OPS_WINDOW, last);
        const at = source.now();
        insertAdds.run({ at, actor: source.actor, from, to });
        insertDates.run(at, source.actor, from, to);
      }
    },
  };
}
