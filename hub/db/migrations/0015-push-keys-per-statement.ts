/**
 * Push speed, continued (issue 9): foreign keys checked once per statement instead of once per row.
 * A request of 1,000 packing ops wrote ~2,600 rows whose foreign keys PostgreSQL checked one at a
 * time (a query, an executor start and a row lock each): about a seventh of the database's CPU for
 * the request (perf: RI_FKey_check 14.6% of the backend's samples). push_set itself guarantees those
 * keys (it made or locked every row it points to), so they were only ever the schema's safety net.
 *
 * The net stays, set-wise, as 0014 did for identifier_events → warehouses: after each statement that
 * writes orders, order lines, allocations, dispatches, dispatched units or stock movements, one query
 * checks that every key it wrote names an existing row (23503 otherwise, naming the key). A check
 * without a lock holds because those parents are kept: an order, product, identifier or dispatch is
 * never deleted or given another key (nothing does either; triggers now refuse both, and truncation),
 * so a row that exists when the check runs exists for good.
 *
 * allocations → order_lines stays a row-by-row key: order lines are deleted (an order re-sent without
 * a line) and the key's lock is what keeps an allocation from pointing at a line deleted meanwhile.
 * The unique (id, warehouse_id, order_id) of dispatches served only as the target of dispatched units'
 * key (0010) and goes with it.
 */

interface Key {
  /** The constraint replaced (its name is kept in the error). */
  name: string;
  columns: readonly string[];
  parent: string;
  parentColumns: readonly string[];
}

interface Child {
  table: string;
  keys: readonly Key[];
}

const CHILDREN: readonly Child[] = [
  { table: 'orders', keys: [{ name: 'orders_warehouse_id_fkey', columns: ['warehouse_id'], parent: 'warehouses', parentColumns: ['id'] }] },
  {
    table: 'order_lines',
    keys: [
      { name: 'order_lines_order_id_fkey', columns: ['order_id'], parent: 'orders', parentColumns: ['id'] },
      { name: 'order_lines_product_id_fkey', columns: ['product_id'], parent: 'products', parentColumns: ['id'] },
    ],
  },
  {
    table: 'allocations',
    keys: [{ name: 'allocations_identifier_id_product_id_fkey', columns: ['identifier_id', 'product_id'], parent: 'identifiers', parentColumns: ['id', 'product_id'] }],
  },
  {
    table: 'dispatches',
    keys: [
      { name: 'dispatches_warehouse_id_fkey', columns: ['warehouse_id'], parent: 'warehouses', parentColumns: ['id'] },
      { name: 'dispatches_order_id_fkey', columns: ['order_id'], parent: 'orders', parentColumns: ['id'] },
    ],
  },
  {
    table: 'dispatched_units',
    keys: [{ name: 'dispatched_units_dispatch_fkey', columns: ['dispatch_id', 'warehouse_id', 'order_id'], parent: 'dispatches', parentColumns: ['id', 'warehouse_id', 'order_id'] }],
  },
  { table: 'stock_movements', keys: [{ name: 'stock_movements_product_id_fkey', columns: ['product_id'], parent: 'products', parentColumns: ['id'] }] },
];

/** Parents kept for good, with the columns their children's keys name (warehouses: 0014). */
const KEPT: ReadonlyArray<readonly [table: string, keyColumns: readonly string[]]> = [
  ['orders', ['id']],
  ['products', ['id']],
  ['identifiers', ['id', 'product_id']],
  ['dispatches', ['id', 'warehouse_id', 'order_id']],
];

/**
 * One key's check: the first distinct key written (all columns set: MATCH SIMPLE, as the key was)
 * with no parent row. The parent is looked up row by row through its unique index (a scalar subquery
 * is never turned into a join that could scan the whole parent table).
 */
function keyCheck(child: Child, key: Key): string {
  const cols = key.columns.join(', ');
  const match = key.parentColumns.map((p, i) => `p.${p} = w.${key.columns[i]}`).join(' AND ');
  const shown = key.columns.map((c) => `w.${c}`).join(`, ', ', `);
  return /* sql */ `
  SELECT concat_ws(', ', ${shown}) INTO v_missing
    FROM (SELECT DISTINCT ${cols} FROM written WHERE ${key.columns.map((c) => `${c} IS NOT NULL`).join(' AND ')}) w
   WHERE (SELECT true FROM ${key.parent} p WHERE ${match}) IS NULL
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', TABLE = '${child.table}', CONSTRAINT = '${key.name}',
      MESSAGE = format('%s names ${key.parent} (${key.parentColumns.join(', ')}) = (%s), which does not exist', '${child.table}', v_missing);
  END IF;`;
}

function childSql(child: Child): string {
  const fn = `${child.table}_keys_exist`;
  return /* sql */ `
${child.keys.map((key) => `ALTER TABLE ${child.table} DROP CONSTRAINT ${key.name};`).join('\n')}
CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_missing text;
BEGIN${child.keys.map((key) => keyCheck(child, key)).join('')}
  RETURN NULL;
END $$;
CREATE TRIGGER ${child.table}_keys_inserted AFTER INSERT ON ${child.table}
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();
CREATE TRIGGER ${child.table}_keys_updated AFTER UPDATE ON ${child.table}
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();
`;
}

function keptSql([table, keyColumns]: readonly [string, readonly string[]]): string {
  const changed = keyColumns.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');
  return /* sql */ `
CREATE TRIGGER ${table}_kept_deleted BEFORE DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION rows_kept();
CREATE TRIGGER ${table}_kept_rekeyed BEFORE UPDATE OF ${keyColumns.join(', ')} ON ${table} FOR EACH ROW
  WHEN (${changed}) EXECUTE FUNCTION rows_kept();
CREATE TRIGGER ${table}_kept_truncated BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION rows_kept();
`;
}

export const keysPerStatementSql = /* sql */ `
-- A kept row is never deleted, truncated or given another key: other rows name it (checked per statement).
CREATE FUNCTION rows_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME,
    MESSAGE = format('a row of %s is never deleted or given another key: other rows refer to it', TG_TABLE_NAME);
END $$;
${KEPT.map(keptSql).join('')}
${CHILDREN.map(childSql).join('')}
ALTER TABLE dispatches DROP CONSTRAINT dispatches_id_warehouse_order_unique;
`;
