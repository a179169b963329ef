/**
 * Commit-safe paging over an xid-stamped log (changes, dispatches).
 *
 * Rows are read in (xid, id) order and only if xid < the reading snapshot's xmin: every transaction
 * below xmin has finished, so no row can later appear behind the cursor. A bare sequence would not do:
 * a transaction that took its numbers earlier can commit later, after a reader has moved past them.
 * A long transaction holds the watermark back (its rows and everything after wait); nothing is skipped.
 * (xid, id) is not commit order: a transaction takes its xid at its first write and may change a row
 * only later, on top of a transaction with a larger xid that committed first. Within one row the ids
 * are in commit order (a change row is written after the row's lock is taken), which is why the
 * changes carry them (changeId) and a bench keeps the highest per row.
 */
import type pg from 'pg';
import { badRequest } from '../http/errors.js';
import { decodeCursor, encodeCursor, START, type Position } from './cursor.js';

/** A page of `table` (which has warehouse_id, xid, id) with each row as JSON text. */
const pageSql = (table: string, json: string) =>
  `SELECT t.id, t.xid::text AS xid, ${json}::text AS json FROM ${table} t
    WHERE t.warehouse_id = $1 AND (t.xid, t.id) > ($2::xid8, $3::bigint)
      AND t.xid < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
    ORDER BY t.xid, t.id LIMIT $4`;

const SOURCES = {
  changes: pageSql('changes', 't.payload'),
  dispatches: pageSql('dispatches', 'dispatch_payload(t)'),
} as const;

/**
 * Each change carries its id (changeId, see shared/sync/protocol.ts): a page's order is not commit
 * order, the id is within one row. Spliced into the object's JSON text here (the id is read anyway):
 * in SQL the splice cost PostgreSQL ~1.5 µs a row, here it is a string concatenation.
 */
const WITH_ID: Record<keyof typeof SOURCES, boolean> = { changes: true, dispatches: false };
const withId = (row: { id: string; json: string }) => `{"changeId":${row.id},${row.json.slice(1)}`;

export interface Page {
  /** Each item as JSON text, straight from PostgreSQL (no parse and re-stringify). */
  items: string[];
  cursor: string;
  more: boolean;
}

export async function readPage(
  db: pg.Pool,
  source: keyof typeof SOURCES,
  warehouseId: string,
  cursor: string | undefined,
  limit: number,
): Promise<Page> {
  const from = decodeCursor(cursor);
  // One statement, so the watermark and the rows come from the same snapshot.
  const result = await db.query<{ id: string; xid: string; json: string }>({
    name: `hub_page_${source}`,
    text: SOURCES[source],
    values: [warehouseId, from.xid, from.id, limit + 1],
  });
  const rows = result.rows.slice(0, limit);
  if (rows.length === 0 && from !== START) await refuseCursorAhead(db, from);
  const last = rows[rows.length - 1];
  return {
    items: WITH_ID[source] ? rows.map(withId) : rows.map((r) => r.json),
    cursor: encodeCursor(last ? { xid: last.xid, id: last.id } : from),
    more: result.rows.length > limit,
  };
}

/**
 * A cursor past every transaction this database has started was not issued by it (the database was
 * replaced, or restored from an older backup): paging on would wait forever for rows that never come.
 */
export async function refuseCursorAhead(db: pg.Pool, from: Position): Promise<void> {
  const check = await db.query<{ ahead: boolean }>({
    name: 'hub_cursor_ahead',
    text: 'SELECT $1::xid8 >= pg_snapshot_xmax(pg_current_snapshot()) AS ahead',
    values: [from.xid],
  });
  if (check.rows[0]?.ahead) {
    throw badRequest('cursor: ahead of this hub\'s database (was it replaced or restored from a backup?); start again without one');
  }
}

/** `{"<key>":[...],"cursor":"...","more":...}` assembled from the JSON texts. */
export function pageJson(key: string, page: Page): string {
  return `{"${key}":[${page.items.join(',')}],"cursor":${JSON.stringify(page.cursor)},"more":${page.more}}`;
}
