import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations.js';
import { rebuildTable } from './table-rebuild.js';

export type Db = Database.Database;

/** Opens (creating if needed) one bench database file and brings its schema up to date. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: a committed dispatch survives power loss, not only a process crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Another connection (the CLI, a sync worker) may write the same file. Write use cases begin
  // IMMEDIATE (tx.immediate(...)), so they wait for the lock up to this timeout; a deferred one that
  // read first and then found a newer snapshot would fail at once with SQLITE_BUSY.
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db): void {
  const current = schemaVersion(db);
  if (current > MIGRATIONS.length) {
    throw new Error(`The bench database has schema version ${current}, newer than this app (${MIGRATIONS.length}); update the app.`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    const migration = MIGRATIONS[version]!;
    const step = db.transaction(() => {
      if (typeof migration === 'string') db.exec(migration);
      else rebuildTable(db, migration);
      db.pragma(`user_version = ${version + 1}`);
    });
    if (typeof migration === 'string') {
      step();
      continue;
    }
    // A rebuild drops the old table: with foreign keys on, that would delete its rows first (and fail on
    // every reference to them). The pragma only takes effect outside a transaction.
    db.pragma('foreign_keys = OFF');
    try {
      step();
    } finally {
      db.pragma('foreign_keys = ON');
    }
  }
}
