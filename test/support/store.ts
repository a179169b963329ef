/**
 * A test's own connections to a bench file, beside the core (which hands out only the contract and
 * close()): a read-only one to look at stored rows, and a writable one to arrange state no contract
 * call makes (a fault trigger, a hand-edited row). Both are real better-sqlite3 connections.
 */
import Database from 'better-sqlite3';

export type StoreConnection = Database.Database;

/** Looks at the file as it is committed; cannot write. */
export function openStoreReader(file: string): StoreConnection {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Writes beside the core, as another process would (the core sees it as an external change). */
export function openStoreWriter(file: string): StoreConnection {
  const db = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}

/** Runs `look` on a fresh read-only connection and closes it. */
export function readStore<T>(file: string, look: (db: StoreConnection) => T): T {
  const db = openStoreReader(file);
  try {
    return look(db);
  } finally {
    db.close();
  }
}
