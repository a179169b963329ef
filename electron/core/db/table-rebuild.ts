/**
 * A table rebuilt by SQLite's documented procedure (https://sqlite.org/lang_altertable.html, "Making
 * Other Kinds Of Table Schema Changes"), for a change ALTER TABLE cannot make, such as a CHECK on an
 * existing table. migrate() turns foreign keys off around the transaction this runs in (the pragma is
 * a no-op inside one); the rows keep their ids, every index and trigger of the table is created again
 * from its stored SQL, and PRAGMA foreign_key_check must find nothing before the commit.
 */
import type { Db } from './open.js';

export interface TableRebuild {
  readonly table: string;
  /** CREATE TABLE of `<table>_new`: the same columns in the same order, with the new constraints. */
  readonly createNew: string;
  /** Triggers on the table left out of the rebuilt one (what its new constraints now do). */
  readonly dropTriggers: readonly string[];
}

const columnsOf = (db: Db, table: string) => db.prepare<[string], string>('SELECT name FROM pragma_table_info(?)').pluck().all(table);

/** Call inside a transaction with foreign keys off; throws (the transaction then rolls back) if anything does not line up. */
export function rebuildTable(db: Db, { table, createNew, dropTriggers }: TableRebuild): void {
  if (db.pragma('foreign_keys', { simple: true }) !== 0) throw new Error(`Rebuilding ${table} needs foreign keys off.`);
  const kept = db
    .prepare<[string], { name: string; sql: string }>(
      "SELECT name, sql FROM main.sqlite_schema WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid",
    )
    .all(table)
    .filter((entry) => !dropTriggers.includes(entry.name));
  const columns = columnsOf(db, table);
  db.exec(createNew);
  const newColumns = columnsOf(db, `${table}_new`);
  if (newColumns.join() !== columns.join()) throw new Error(`${table}_new has columns ${newColumns.join(', ')}; ${table} has ${columns.join(', ')}.`);
  const list = columns.map((c) => `"${c}"`).join(', ');
  db.exec(`INSERT INTO main.${table}_new (${list}) SELECT ${list} FROM main.${table}; DROP TABLE main.${table};`);
  // Triggers of other tables name the dropped table until the rename: the legacy rename does not re-check
  // them (it only renames the table and its own indexes), and they find the new table by name after it.
  const legacy = db.pragma('legacy_alter_table', { simple: true }) as number;
  db.pragma('legacy_alter_table = ON');
  try {
    db.exec(`ALTER TABLE main.${table}_new RENAME TO ${table}`);
  } finally {
    db.pragma(`legacy_alter_table = ${legacy}`);
  }
  for (const { sql } of kept) db.exec(sql);
  const broken = db.pragma('foreign_key_check') as unknown[];
  if (broken.length) throw new Error(`Rebuilding ${table} left ${broken.length} foreign key(s) broken.`);
}
