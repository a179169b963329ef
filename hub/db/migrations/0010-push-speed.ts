/**
 * Push speed (issue 9). While push_set runs (hub.set_apply on) the change-log triggers return at once,
 * but each row still queued an after-trigger event and called plpgsql: about 1,200 calls per request of
 * 1,000 packing ops. The same guard as a WHEN clause on the trigger skips both; the functions keep their
 * own guard, so the semantics are unchanged (quiet while set_apply is 'on', logging otherwise). Same
 * names, so the firing order (by name) is unchanged.
 */
const whileNotSetApply = /* sql */ `current_setting('hub.set_apply', true) IS DISTINCT FROM 'on'`;

export const pushSpeedSql = /* sql */ `
DROP TRIGGER products_logged_update ON products;
CREATE TRIGGER products_logged_update AFTER UPDATE ON products FOR EACH ROW
  WHEN (${whileNotSetApply} AND OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION log_product();

DROP TRIGGER identifiers_logged_update ON identifiers;
CREATE TRIGGER identifiers_logged_update AFTER UPDATE ON identifiers FOR EACH ROW
  WHEN (${whileNotSetApply} AND OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION log_identifier();

DROP TRIGGER orders_logged ON orders;
CREATE TRIGGER orders_logged AFTER UPDATE OF version ON orders FOR EACH ROW
  WHEN (${whileNotSetApply} AND OLD.version IS DISTINCT FROM NEW.version) EXECUTE FUNCTION log_order();

DROP TRIGGER allocations_logged_insert ON allocations;
CREATE TRIGGER allocations_logged_insert AFTER INSERT OR DELETE ON allocations FOR EACH ROW
  WHEN (${whileNotSetApply}) EXECUTE FUNCTION log_allocation();
DROP TRIGGER allocations_logged_update ON allocations;
CREATE TRIGGER allocations_logged_update AFTER UPDATE ON allocations FOR EACH ROW
  WHEN (${whileNotSetApply} AND (OLD.identifier_id IS DISTINCT FROM NEW.identifier_id OR OLD.status IS DISTINCT FROM NEW.status))
  EXECUTE FUNCTION log_allocation();

DROP TRIGGER dispatches_logged ON dispatches;
CREATE TRIGGER dispatches_logged AFTER INSERT ON dispatches FOR EACH ROW
  WHEN (${whileNotSetApply}) EXECUTE FUNCTION log_dispatch();
DROP TRIGGER dispatches_indexed ON dispatches;
CREATE TRIGGER dispatches_indexed AFTER INSERT ON dispatches FOR EACH ROW
  WHEN (${whileNotSetApply}) EXECUTE FUNCTION index_dispatched_units();
`;

/**
 * push_set's statements are planned once per connection: with the default plan cache mode each of its
 * ~60 statements was planned afresh for its first five calls (custom plans) before the cached generic
 * plan took over, which made a connection's first requests up to twice as slow. Its lookups go through
 * unique indexes whatever the parameters (see 0008), so the generic plan is the one it ends up with anyway.
 */
export const pushSetGenericPlansSql = /* sql */ `
ALTER FUNCTION push_set(bigint, text, jsonb) SET plan_cache_mode = force_generic_plan;
`;

/**
 * A dispatched unit's warehouse and order are its dispatch's (both written from the dispatch row): one
 * composite foreign key to the dispatch says exactly that, instead of three separate ones (warehouse,
 * dispatch, order). Stronger (a unit cannot name another warehouse or order than its dispatch's, which
 * has its own keys to both) and one check per unit instead of three: 800 fewer per request of 1,000
 * packing ops.
 */
export const dispatchedUnitsKeySql = /* sql */ `
ALTER TABLE dispatches ADD CONSTRAINT dispatches_id_warehouse_order_unique UNIQUE (id, warehouse_id, order_id);
ALTER TABLE dispatched_units
  DROP CONSTRAINT dispatched_units_warehouse_id_fkey,
  DROP CONSTRAINT dispatched_units_dispatch_id_fkey,
  DROP CONSTRAINT dispatched_units_order_id_fkey,
  ADD CONSTRAINT dispatched_units_dispatch_fkey FOREIGN KEY (dispatch_id, warehouse_id, order_id)
    REFERENCES dispatches (id, warehouse_id, order_id);
`;
