/**
 * Learns what each commit changed, without any feature having to say so: TEMP triggers (they live only
 * on this connection, so no migration and no effect on other processes) note the ids of changed
 * products, identifiers' products, orders and conflicts in a TEMP table, inside the writing transaction,
 * so a rolled-back change notes nothing. drain() reads and empties that table after the commit.
 * Writes by another process (the CLI) are seen through PRAGMA data_version and reported as "all".
 * A bulk insert (a large identifiers file) suspends the per-row insert notes and has them written in
 * one pass over its new rows instead (db/insert-observers.ts): the same notes, without a trigger per row.
 */
import { observeInserts } from '../db/insert-observers.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open.js';
import { MAX_KEYS_PER_EVENT, type DataChangedEvent, type RowIds } from '../../../shared/contract/change-events.js';

type Topic = 'product' | 'identifiers' | 'order' | 'conflicts';

/**
 * For each watched table: the topics a changed row touches, each from one column of the row
 * (through `key` when the id lives elsewhere). null: the topic has no id (conflicts).
 */
const WATCHED: Record<string, Array<[Topic, column: string | null, key?: (value: string) => string]>> = {
  products: [['product', 'id']],
  identifiers: [
    ['identifiers', 'product_id'],
    ['product', 'product_id'],
  ],
  orders: [['order', 'id']],
  order_lines: [['order', 'order_id']],
  allocations: [
    ['order', 'line_id', (v) => `(SELECT order_id FROM order_lines WHERE id = ${v})`],
    ['identifiers', 'identifier_id', (v) => `(SELECT product_id FROM identifiers WHERE id = ${v})`],
  ],
  dispatches: [['order', 'order_id']],
  sync_conflicts: [['conflicts', null]],
};

/** The notes one row change writes. An UPDATE notes the old row's id too, but only where the column moved. */
function notesFor(topics: (typeof WATCHED)[string], event: 'INSERT' | 'UPDATE' | 'DELETE'): string {
  const rows = event === 'INSERT' ? (['NEW'] as const) : event === 'DELETE' ? (['OLD'] as const) : (['NEW', 'OLD'] as const);
  return topics
    .flatMap(([topic, column, key = (v: string) => v]) =>
      rows
        .filter((row) => column !== null || row === rows[0])
        .map((row) => {
          const value = column === null ? '0' : key(`${row}.${column}`);
          const moved = event === 'UPDATE' && row === 'OLD' ? ` AND OLD.${column} IS NOT NEW.${column}` : '';
          return `INSERT OR IGNORE INTO bench_changes (topic, id) SELECT '${topic}', k FROM (SELECT ${value} AS k) WHERE k IS NOT NULL${moved};`;
        }),
    )
    .join('\n');
}

/** The notes of every row of `table` with an id above the statement's one parameter, as one statement per topic. */
function bulkNotesFor(table: string, topics: (typeof WATCHED)[string]): string[] {
  return topics.map(([topic, column, key = (v: string) => v]) => {
    const value = column === null ? '0' : key(`r.${column}`);
    return `INSERT OR IGNORE INTO bench_changes (topic, id) SELECT '${topic}', k FROM (SELECT DISTINCT ${value} AS k FROM main.${table} r WHERE r.id > ?) WHERE k IS NOT NULL`;
  });
}

export interface ChangeTracker {
  /** What changed since the last drain, or null when nothing did. Call outside any transaction. */
  drain(source: 'local' | 'sync'): DataChangedEvent | null;
}

export function createChangeTracker(db: Db): ChangeTracker {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS bench_changes (topic TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (topic, id)) WITHOUT ROWID');
  for (const [table, topics] of Object.entries(WATCHED)) {
    const triggerSql = (event: 'INSERT' | 'UPDATE' | 'DELETE') =>
      `CREATE TEMP TRIGGER IF NOT EXISTS bench_changes_${table}_${event.toLowerCase()} AFTER ${event} ON main.${table} BEGIN\n${notesFor(topics, event)}\nEND`;
    for (const event of ['INSERT', 'UPDATE', 'DELETE'] as const) db.exec(triggerSql(event));
    // Prepared on the first bulk insert into the table (most tables never see one).
    let bulkNotes: Statement[] | null = null;
    observeInserts(db, table, {
      suspend: () => db.exec(`DROP TRIGGER IF EXISTS temp.bench_changes_${table}_insert`),
      resume(afterId) {
        bulkNotes ??= bulkNotesFor(table, topics).map((sql) => db.prepare(sql));
        for (const notes of bulkNotes) notes.run(afterId);
        db.exec(triggerSql('INSERT'));
      },
    });
  }
  // An order's summary and lines show what its products' modes ask of it ("No identifiers needed",
  // "2 of 2 units need identifiers"), so a mode change touches every order holding the product,
  // though no order row moved. Only the mode: a stock or title change leaves those figures alone.
  db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS bench_changes_products_mode AFTER UPDATE OF identifier_mode ON main.products
    WHEN OLD.identifier_mode IS NOT NEW.identifier_mode BEGIN
    INSERT OR IGNORE INTO bench_changes (topic, id) SELECT DISTINCT 'order', order_id FROM order_lines WHERE product_id = NEW.id;
    END`);
  const readNotes = db.prepare('SELECT topic, id FROM temp.bench_changes');
  const clearNotes = db.prepare('DELETE FROM temp.bench_changes');
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let seenVersion = dataVersion.get() as number;

  return {
    drain(source) {
      const version = dataVersion.get() as number;
      const external = version !== seenVersion;
      seenVersion = version;
      if (external) {
        clearNotes.run();
        return { kind: 'data', products: 'all', identifiers: 'all', orders: 'all', conflicts: true, source: 'external' };
      }
      const notes = readNotes.all() as Array<{ topic: Topic; id: number }>;
      if (notes.length === 0) return null;
      clearNotes.run();
      const ids: Record<Topic, number[]> = { product: [], identifiers: [], order: [], conflicts: [] };
      for (const note of notes) ids[note.topic].push(note.id);
      const keys = (list: number[]): RowIds => (list.length > MAX_KEYS_PER_EVENT ? 'all' : list);
      return {
        kind: 'data',
        products: keys(ids.product),
        identifiers: keys(ids.identifiers),
        orders: keys(ids.order),
        conflicts: ids.conflicts.length > 0,
        source,
      };
    },
  };
}
