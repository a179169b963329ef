/**
 * Stations by name. The hub is the authority on station ids and names: when a bench binds to a hub
 * it adopts the hub's id for its own records (dispatches, audit entries made before it ever synced are
 * rewritten, in one transaction), and it keeps the names of the warehouse's stations so every screen
 * shows "Packing 3" rather than an id, the same on every bench.
 */
import type { CoreContext } from '../context.js';

export interface StationIdentity {
  stationId: string;
  stationName: string;
  warehouse: string;
  /** Every station of the warehouse, as the hub names them. */
  stations: ReadonlyArray<{ stationId: string; name: string }>;
}

export function createStationDirectory(ctx: CoreContext) {
  const { db } = ctx;
  const name = db.prepare<[string, string]>(
    'INSERT INTO stations (station_id, name) VALUES (?, ?) ON CONFLICT (station_id) DO UPDATE SET name = excluded.name WHERE name IS NOT excluded.name',
  );
  const forget = db.prepare<[string]>('DELETE FROM stations WHERE station_id = ?');
  const rewriteDispatches = db.prepare<[string, string]>('UPDATE dispatches SET station_id = ? WHERE station_id = ?');
  const rewriteAudit = db.prepare<[string, string]>('UPDATE audit_log SET station_id = ? WHERE station_id = ?');
  const rewriteHistory = db.prepare<[string, string]>('UPDATE identifier_events SET station_id = ? WHERE station_id = ?');
  const rewriteImportHistory = db.prepare<[string, string]>('UPDATE identifier_import_events SET station_id = ? WHERE station_id = ?');
  const setOwnId = db.prepare<[string]>("UPDATE bench_meta SET value = ? WHERE key = 'station_id'");
  const bind = db.prepare<[string, string]>('UPDATE sync_state SET hub_station_id = ?, hub_warehouse = ? WHERE id = 1');
  const own = db.prepare<[], { id: string; name: string | null }>(
    'SELECT s.hub_station_id AS id, st.name FROM sync_state s LEFT JOIN stations st ON st.station_id = s.hub_station_id WHERE s.id = 1 AND s.hub_station_id IS NOT NULL',
  );

  const adopt = db.transaction((me: StationIdentity): { dispatches: number; auditEntries: number } | null => {
    const previous = ctx.stationId;
    let rewritten: { dispatches: number; auditEntries: number } | null = null;
    if (previous !== me.stationId) {
      rewritten = {
        dispatches: rewriteDispatches.run(me.stationId, previous).changes,
        auditEntries: rewriteAudit.run(me.stationId, previous).changes,
      };
      rewriteHistory.run(me.stationId, previous);
      rewriteImportHistory.run(me.stationId, previous);
      setOwnId.run(me.stationId);
      forget.run(previous);
    }
    for (const station of me.stations) name.run(station.stationId, station.name);
    name.run(me.stationId, me.stationName);
    bind.run(me.stationId, me.warehouse);
    ctx.adoptStation(me.stationId, me.stationName);
    if (rewritten) {
      ctx.audit('sync.station.adopted', me.stationId, { previousStationId: previous, name: me.stationName, warehouse: me.warehouse, ...rewritten });
    }
    return rewritten;
  });

  return {
    /**
     * Binds this bench to the hub's station (or refreshes the names when already bound). The bench's
     * records move to the hub's id in the same transaction; in memory the context follows.
     */
    adopt(me: StationIdentity): void {
      const before = { id: ctx.stationId, name: ctx.stationName };
      try {
        adopt.immediate(me);
      } catch (err) {
        ctx.adoptStation(before.id, before.name); // rolled back: so is the context
        throw err;
      }
    },
    /** A station's name as the hub gave it (e.g. with a pulled dispatch); call inside a transaction. */
    remember(stationId: string, stationName: string): void {
      name.run(stationId, stationName);
    },
    /** This bench as the hub knows it, or null before its first contact. */
    own(): { id: string; name: string } | null {
      const row = own.get();
      return row ? { id: row.id, name: row.name ?? row.id } : null;
    },
  };
}
export type StationDirectory = ReturnType<typeof createStationDirectory>;
