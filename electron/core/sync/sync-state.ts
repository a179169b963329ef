/** The bench's one sync_state row (migration 2): hub binding, pull cursor, last outcome. */
import type { Db } from '../db/open.js';

export interface SyncState {
  hubStationId: string | null;
  hubWarehouse: string | null;
  pullCursor: string | null;
  lastSyncAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

interface Row {
  hub_station_id: string | null;
  hub_warehouse: string | null;
  pull_cursor: string | null;
  last_sync_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
}

export function createSyncStateStore(db: Db) {
  const read = db.prepare<[], Row>('SELECT * FROM sync_state WHERE id = 1');
  const bind = db.prepare('UPDATE sync_state SET hub_station_id = ?, hub_warehouse = ? WHERE id = 1');
  const cursor = db.prepare('UPDATE sync_state SET pull_cursor = ? WHERE id = 1');
  const succeeded = db.prepare('UPDATE sync_state SET last_sync_at = ?, last_error = NULL, last_error_at = NULL WHERE id = 1');
  const failed = db.prepare('UPDATE sync_state SET last_error = ?, last_error_at = ? WHERE id = 1');

  return {
    get(): SyncState {
      const row = read.get()!;
      return {
        hubStationId: row.hub_station_id,
        hubWarehouse: row.hub_warehouse,
        pullCursor: row.pull_cursor,
        lastSyncAt: row.last_sync_at,
        lastError: row.last_error,
        lastErrorAt: row.last_error_at,
      };
    },
    bind(stationId: string, warehouse: string): void {
      bind.run(stationId, warehouse);
    },
    /** Call inside the transaction that applies the page the cursor ends. */
    setCursor(value: string): void {
      cursor.run(value);
    },
    succeeded(at: string): void {
      succeeded.run(at);
    },
    failed(message: string, at: string): void {
      failed.run(message, at);
    },
  };
}
export type SyncStateStore = ReturnType<typeof createSyncStateStore>;
