/**
 * Schema migrations, applied in order and tracked by PRAGMA user_version. Never edit a shipped
 * migration; add a new one. The schema is the last line of defence for the identifier rules:
 * uniqueness per product, one allocation per order unit, a single-use identifier allocated once ever.
 */
import {
  MAX_LINE_NO,
  MAX_LINE_QUANTITY,
  MAX_STOCK_LEVEL,
  TEXT_RULES,
  TRIMMED_WHITESPACE,
  type TextRule,
} from '../../../shared/sync/bounds.js';
import { lotDateMigration } from '../allocations/lot-date-migration.js';
import { pickerSearchMigration } from '../allocations/picker-search-migration.js';
import { identifierHistoryMigration, importHistoryMigration, importIdsOnceMigration } from '../history/history-migration.js';
import { identifierSpecMigration } from '../products/identifier-spec-migration.js';
import { USE_BY_COLUMN } from '../allocations/lot-date-migration.js';
import type { TableRebuild } from './table-rebuild.js';

/** SQL run in one transaction, or a table rebuilt (table-rebuild.ts) in one transaction with foreign keys off. */
export type Migration = string | TableRebuild;

/**
 * The shared text bounds (shared/sync/bounds.ts) as an SQLite expression over `col`. length() stops at
 * a NUL, hence the separate instr; GLOB ranges compare code points. Lone surrogates cannot be seen
 * here (the driver stores U+FFFD): the shared schemas refuse them before any insert.
 */
export function sqliteTextCheck(col: string, rule: TextRule): string {
  const controls = rule.tab ? `char(1) || '-' || char(8) || char(10) || '-' || char(31)` : `char(1) || '-' || char(31)`;
  const parts = [
    `instr(${col}, char(0)) = 0`,
    `NOT ${col} GLOB '*[' || ${controls} || char(127) || '-' || char(159) || ']*'`,
    `length(${col}) BETWEEN ${rule.min} AND ${rule.max}`,
  ];
  if (rule.trimmed) parts.push(`${col} = trim(${col}, char(${TRIMMED_WHITESPACE.join(', ')}))`);
  return parts.join(' AND ');
}

/** BEFORE INSERT and UPDATE triggers refusing a row whose columns break their bounds (SQLite cannot add a CHECK to a table). */
function boundsTriggers(table: string, checks: Record<string, string>): string {
  const raises = Object.entries(checks)
    .map(([col, check]) => `    SELECT RAISE(ABORT, '${table}.${col} is out of bounds') WHERE NOT (${check});`)
    .join('\n');
  const cols = Object.keys(checks).join(', ');
  return `
  CREATE TRIGGER ${table}_bounds_insert BEFORE INSERT ON ${table}
  BEGIN
${raises}
  END;
  CREATE TRIGGER ${table}_bounds_update BEFORE UPDATE OF ${cols} ON ${table}
  BEGIN
${raises}
  END;`;
}

const text = (col: string, rule: TextRule, nullable = false) =>
  nullable ? `NEW.${col} IS NULL OR (${sqliteTextCheck(`NEW.${col}`, rule)})` : sqliteTextCheck(`NEW.${col}`, rule);

export const MIGRATIONS: readonly Migration[] = [
  /* 1: the bench store */ `
  CREATE TABLE bench_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  CREATE TABLE products (
    id              INTEGER PRIMARY KEY,
    sku             TEXT NOT NULL COLLATE BINARY UNIQUE CHECK (length(sku) BETWEEN 1 AND 100),
    title           TEXT NOT NULL CHECK (length(title) <= 500),
    barcode         TEXT CHECK (barcode IS NULL OR length(barcode) BETWEEN 1 AND 100),
    identifier_mode TEXT NOT NULL CHECK (identifier_mode IN ('none', 'single_use', 'multiple_use')),
    stock_level     INTEGER NOT NULL CHECK (stock_level >= 0),
    updated_at      TEXT NOT NULL
  ) STRICT;
  CREATE INDEX products_title ON products (title COLLATE NOCASE);
  CREATE INDEX products_barcode ON products (barcode);

  CREATE TABLE identifiers (
    id         INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products (id),
    value      TEXT NOT NULL COLLATE BINARY CHECK (length(value) BETWEEN 1 AND 200),
    status     TEXT NOT NULL CHECK (status IN ('available', 'allocated', 'consumed')),
    created_at TEXT NOT NULL,
    UNIQUE (product_id, value)
  ) STRICT;
  CREATE INDEX identifiers_value ON identifiers (value);
  CREATE INDEX identifiers_product_order ON identifiers (product_id, id);

  CREATE TABLE orders (
    id           INTEGER PRIMARY KEY,
    order_number TEXT NOT NULL UNIQUE CHECK (length(order_number) BETWEEN 1 AND 100),
    customer     TEXT NOT NULL CHECK (length(customer) <= 500),
    status       TEXT NOT NULL CHECK (status IN ('awaiting', 'dispatched')),
    created_at   TEXT NOT NULL
  ) STRICT;
  CREATE INDEX orders_status ON orders (status, id);

  CREATE TABLE order_lines (
    id         INTEGER PRIMARY KEY,
    order_id   INTEGER NOT NULL REFERENCES orders (id),
    line_no    INTEGER NOT NULL CHECK (line_no >= 1),
    product_id INTEGER NOT NULL REFERENCES products (id),
    quantity   INTEGER NOT NULL CHECK (quantity >= 1),
    dispatched INTEGER NOT NULL DEFAULT 0 CHECK (dispatched >= 0 AND dispatched <= quantity),
    UNIQUE (order_id, line_no)
  ) STRICT;
  CREATE INDEX order_lines_product ON order_lines (product_id);

  CREATE TABLE dispatches (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    order_id   INTEGER NOT NULL REFERENCES orders (id),
    station_id TEXT NOT NULL,
    actor      TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX dispatches_order ON dispatches (order_id);

  CREATE TABLE dispatch_lines (
    dispatch_id INTEGER NOT NULL REFERENCES dispatches (id),
    line_id     INTEGER NOT NULL REFERENCES order_lines (id),
    quantity    INTEGER NOT NULL CHECK (quantity >= 1),
    PRIMARY KEY (dispatch_id, line_id)
  ) STRICT;

  -- One row per order-line unit that has an identifier. Dispatched rows are history and stay.
  CREATE TABLE allocations (
    id            INTEGER PRIMARY KEY,
    line_id       INTEGER NOT NULL REFERENCES order_lines (id),
    unit          INTEGER NOT NULL CHECK (unit >= 1),
    identifier_id INTEGER NOT NULL REFERENCES identifiers (id),
    single_use    INTEGER NOT NULL CHECK (single_use IN (0, 1)),
    dispatch_id   INTEGER REFERENCES dispatches (id),
    created_at    TEXT NOT NULL,
    UNIQUE (line_id, unit)
  ) STRICT;
  CREATE UNIQUE INDEX allocations_single_use_once ON allocations (identifier_id) WHERE single_use = 1;
  CREATE INDEX allocations_identifier ON allocations (identifier_id);

  -- An allocation must fit its line and carry its product's mode; these guard the unique index above.
  CREATE TRIGGER allocations_fit_line BEFORE INSERT ON allocations
  BEGIN
    SELECT RAISE(ABORT, 'allocation unit beyond the line quantity')
      WHERE NEW.unit > (SELECT quantity FROM order_lines WHERE id = NEW.line_id);
    SELECT RAISE(ABORT, 'allocation identifier belongs to another product')
      WHERE (SELECT product_id FROM identifiers WHERE id = NEW.identifier_id)
         IS NOT (SELECT product_id FROM order_lines WHERE id = NEW.line_id);
    SELECT RAISE(ABORT, 'allocation single_use flag does not match the product mode')
      WHERE NEW.single_use IS NOT (
        SELECT p.identifier_mode = 'single_use' FROM order_lines l JOIN products p ON p.id = l.product_id
        WHERE l.id = NEW.line_id);
    SELECT RAISE(ABORT, 'product has no dispatch identifiers')
      WHERE (SELECT p.identifier_mode FROM order_lines l JOIN products p ON p.id = l.product_id
             WHERE l.id = NEW.line_id) = 'none';
  END;

  CREATE TRIGGER allocations_dispatched_are_history BEFORE DELETE ON allocations
  WHEN OLD.dispatch_id IS NOT NULL
  BEGIN
    SELECT RAISE(ABORT, 'a dispatched allocation cannot be removed');
  END;

  CREATE TRIGGER identifiers_in_use_are_fixed BEFORE UPDATE OF value, product_id ON identifiers
  WHEN EXISTS (SELECT 1 FROM allocations WHERE identifier_id = OLD.id)
  BEGIN
    SELECT RAISE(ABORT, 'an allocated identifier cannot be changed');
  END;

  CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    station_id TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    detail     TEXT NOT NULL
  ) STRICT;

  -- Every local change appends its op here in the same transaction; sync pushes them in seq order.
  CREATE TABLE outbox (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    op       TEXT NOT NULL,
    acked_at TEXT
  ) STRICT;
  CREATE INDEX outbox_pending ON outbox (seq) WHERE acked_at IS NULL;
  `,
  /* 2: sync with the hub (electron/core/sync) */ `
  -- One row: which hub station this bench pushes as, where its pull stands, how the last sync went.
  CREATE TABLE sync_state (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    hub_station_id TEXT,
    hub_warehouse  TEXT,
    pull_cursor    TEXT,
    last_sync_at   TEXT,
    last_error     TEXT,
    last_error_at  TEXT
  ) STRICT;
  INSERT INTO sync_state (id) VALUES (1);

  -- An op the hub rejected: kept (with its local effect undone where needed) until a packer resolves it.
  CREATE TABLE sync_conflicts (
    id            INTEGER PRIMARY KEY,
    op_seq        INTEGER NOT NULL UNIQUE REFERENCES outbox (seq),
    op            TEXT NOT NULL,
    reason        TEXT NOT NULL,
    what_happened TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    resolved_at   TEXT,
    resolution    TEXT,
    CHECK ((resolved_at IS NULL) = (resolution IS NULL))
  ) STRICT;
  CREATE INDEX sync_conflicts_open ON sync_conflicts (id) WHERE resolved_at IS NULL;
  `,
  /* 3: the shared bounds (shared/sync/bounds.ts) and pulled changes held back (quarantined) */ `
  ${boundsTriggers('products', {
    sku: text('sku', TEXT_RULES.sku),
    title: text('title', TEXT_RULES.title),
    barcode: text('barcode', TEXT_RULES.barcode, true),
    stock_level: `NEW.stock_level BETWEEN 0 AND ${MAX_STOCK_LEVEL}`,
  })}
  ${boundsTriggers('identifiers', { value: text('value', TEXT_RULES.identifier) })}
  ${boundsTriggers('orders', { order_number: text('order_number', TEXT_RULES.orderNumber), customer: text('customer', TEXT_RULES.customer) })}
  ${boundsTriggers('order_lines', {
    line_no: `NEW.line_no BETWEEN 1 AND ${MAX_LINE_NO}`,
    quantity: `NEW.quantity BETWEEN 1 AND ${MAX_LINE_QUANTITY}`,
  })}
  ${boundsTriggers('allocations', { unit: `NEW.unit BETWEEN 1 AND ${MAX_LINE_QUANTITY}` })}
  ${boundsTriggers('dispatches', { uid: text('uid', TEXT_RULES.dispatchUid) })}

  -- Conflicts of two kinds: push (an op of this bench the hub rejected) and pull (a change from the hub
  -- this bench could not apply: kept here with the reason, the pull moved on). op: the op or change JSON.
  CREATE TABLE sync_conflicts_v3 (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('push', 'pull')),
    op_seq        INTEGER UNIQUE REFERENCES outbox (seq),
    op            TEXT NOT NULL,
    reason        TEXT NOT NULL,
    what_happened TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    resolved_at   TEXT,
    resolution    TEXT,
    CHECK ((kind = 'push') = (op_seq IS NOT NULL)),
    CHECK ((resolved_at IS NULL) = (resolution IS NULL))
  ) STRICT;
  INSERT INTO sync_conflicts_v3 (id, kind, op_seq, op, reason, what_happened, created_at, resolved_at, resolution)
    SELECT id, 'push', op_seq, op, reason, what_happened, created_at, resolved_at, resolution FROM sync_conflicts;
  DROP TABLE sync_conflicts;
  ALTER TABLE sync_conflicts_v3 RENAME TO sync_conflicts;
  CREATE INDEX sync_conflicts_open ON sync_conflicts (id) WHERE resolved_at IS NULL;
  `,
  /* 4: station names (electron/core/sync/stations.ts) */ `
  -- Names of the stations whose ids the records carry: this bench's own (its settings name until it
  -- binds to a hub, the hub's name after) and every station of the warehouse the hub told about.
  CREATE TABLE stations (
    station_id TEXT PRIMARY KEY,
    name       TEXT NOT NULL CHECK (${sqliteTextCheck('name', TEXT_RULES.stationName)})
  ) STRICT;
  `,
  /* 5: identifier history and recall (electron/core/history, electron/core/trace) */ identifierHistoryMigration,
  /* 6: identifier kinds, formats and minimum shelf life (issue 12) */ identifierSpecMigration,
  /* 7: trigram index for the picker's contains search (issue 12) */ pickerSearchMigration,
  /* 8: lots with a use-by date (issue 12) */ lotDateMigration,
  /* 9: dispatch lines keyed by their primary key alone (issue 11) */ `
  -- WITHOUT ROWID: the table is its (dispatch_id, line_id) key, so each dispatch writes one b-tree
  -- instead of a table and its key's index (one page fewer in every "Complete Order" commit).
  CREATE TABLE dispatch_lines_v9 (
    dispatch_id INTEGER NOT NULL REFERENCES dispatches (id),
    line_id     INTEGER NOT NULL REFERENCES order_lines (id),
    quantity    INTEGER NOT NULL CHECK (quantity >= 1),
    PRIMARY KEY (dispatch_id, line_id)
  ) STRICT, WITHOUT ROWID;
  INSERT INTO dispatch_lines_v9 (dispatch_id, line_id, quantity) SELECT dispatch_id, line_id, quantity FROM dispatch_lines;
  DROP TABLE dispatch_lines;
  ALTER TABLE dispatch_lines_v9 RENAME TO dispatch_lines;
  `,
  /* 10: the hub's change id last applied per pulled row (electron/core/sync/apply-pull.ts) */ `
  -- Pull pages are not in commit order; within one row the hub's change ids are. A pulled state older
  -- than the one applied for its row is skipped. key: the row's kind and natural key (pulledKey).
  CREATE TABLE pulled_changes (
    key       TEXT PRIMARY KEY,
    change_id INTEGER NOT NULL CHECK (change_id >= 1)
  ) STRICT, WITHOUT ROWID;
  `,
  /* 11: the identifiers' bounds as a CHECK of the table, not a trigger (issue 11) */ {
    // The same rule the bounds triggers of migration 3 ran as a trigger program per row (about twice the
    // CHECK's cost on a 1,000,000-row import); every other column, key, index and trigger is unchanged.
    // Unlike the trigger's RAISE(ABORT), a CHECK gives way to INSERT/UPDATE OR IGNORE (the row is skipped,
    // not refused): no statement on identifiers uses OR IGNORE (ON CONFLICT DO NOTHING covers keys only).
    table: 'identifiers',
    createNew: `
  CREATE TABLE identifiers_new (
    id         INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products (id),
    value      TEXT NOT NULL COLLATE BINARY CHECK (length(value) BETWEEN 1 AND 200),
    status     TEXT NOT NULL CHECK (status IN ('available', 'allocated', 'consumed')),
    created_at TEXT NOT NULL,
    ${USE_BY_COLUMN},
    UNIQUE (product_id, value),
    CONSTRAINT identifiers_value_in_bounds CHECK (${sqliteTextCheck('value', TEXT_RULES.identifier)})
  ) STRICT;`,
    dropTriggers: ['identifiers_bounds_insert', 'identifiers_bounds_update'],
  },
  /* 12: fewer b-trees written by every "Complete Order" commit (issue 11) */ `
  -- Every statement on the orders' status asks for awaiting orders: an index of those alone. Dispatching
  -- an order deletes its entry (one page) where the (status, id) index moved it (two pages).
  DROP INDEX orders_status;
  CREATE INDEX orders_awaiting ON orders (id) WHERE status = 'awaiting';

  -- One index instead of two over identifier_id (every allocation wrote both): it finds a value's
  -- allocations by identifier_id as the plain one did, and is unique as the partial one was: a
  -- single-use allocation's key is (identifier_id, 1), so one per identifier ever; a multiple-use one's
  -- is (identifier_id, NULL), and NULLs never clash, so a value may be on any number of units.
  DROP INDEX allocations_single_use_once;
  DROP INDEX allocations_identifier;
  CREATE UNIQUE INDEX allocations_identifier_once ON allocations (identifier_id, (CASE WHEN single_use = 1 THEN 1 END));
  `,
  /* 13: an import's 'added' history as one row per import (issue 11) */ importHistoryMigration,
  /* 14: an import's row id is never handed out again */ importIdsOnceMigration,
  /* 15: Recall's product filter, a SKU prefix in any case (skuPrefixRange), through an index */ `
  -- SKUs stay unique as typed (BINARY); this index orders them ignoring ASCII case, so a range compared
  -- under NOCASE ("ph" to "ph" || U+10FFFF) reads the matching products only.
  CREATE INDEX products_sku_nocase ON products (sku COLLATE NOCASE);
  `,
  /* 16: a lot's use-by date as it was when the unit went out (the slip of a past dispatch) */ `
  -- Set when an allocation is dispatched (here, or by a dispatch pulled from the hub: the lot's date at
  -- this bench then), cleared when a dispatch is undone; NULL for an undated lot or another kind. A lot
  -- re-dated later leaves what went out as it went. Plain column: adding it reads no row. Units already
  -- dispatched get their lot's date as it is now, the best this file knows.
  ALTER TABLE allocations ADD COLUMN use_by_at_dispatch TEXT;
  UPDATE allocations SET use_by_at_dispatch = (SELECT i.use_by FROM identifiers i WHERE i.id = allocations.identifier_id)
   WHERE dispatch_id IS NOT NULL AND identifier_id IN (SELECT id FROM identifiers WHERE use_by IS NOT NULL);
  `,
];
