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
