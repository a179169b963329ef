/**
 * Which sync engine (if any) runs for a bench database. The contract handlers are built with the core,
 * before settings are known; startSync attaches the engine later and they find it here.
 */
import type { Db } from '../db/open.js';
import type { SyncEngine } from './engine.js';

const engines = new WeakMap<Db, SyncEngine>();

export function attachEngine(db: Db, engine: SyncEngine): void {
  const existing = engines.get(db);
  if (existing && existing !== engine && existing.running) {
    throw new Error('Sync is already running for this bench; stop it before starting another.');
  }
  engines.set(db, engine);
}

export function detachEngine(db: Db, engine: SyncEngine): void {
  if (engines.get(db) === engine) engines.delete(db);
}

export function engineFor(db: Db): SyncEngine | undefined {
  return engines.get(db);
}
