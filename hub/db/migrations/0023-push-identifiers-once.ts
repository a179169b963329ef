/**
 * A bench's identifier.add (push) of values the product already holds, as when the same file is imported
 * on two benches, changed nothing but still recorded an "added" event per value sent (0007's
 * record_identifier_events reads the op), so each bench's import added "added" events to the identifier's
 * history; 0022 fixed the order system's path only. apply_op now records as added only the values its
 * insert added or brought back (removed), each once in the order first sent: read from the insert
 * itself (RETURNING), so two benches adding the same new value at once record it once. Rows, change log
 * and answers are as before (identifiers_add's insert, unchanged); rename still adds through identifiers_add.
 */
export const pushIdentifiersOnceSql = /* sql */ `
-- As in 0011; identifier.add records only the values it added.
CREATE OR REPLACE FUNCTION apply_op(p_wh bigint, p_station text, p_at text, p_op jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_op jsonb := p_op;
  v_product bigint;
  v_added jsonb;
BEGIN
  CASE p_op->>'type'
    WHEN 'product.upsert' THEN PERFORM op_product_upsert(p_wh, p_op);
    WHEN 'product.mode' THEN PERFORM op_product_mode(p_wh, p_op);
    WHEN 'stock.delta' THEN PERFORM op_stock_delta(p_wh, p_at, p_op);
    WHEN 'stock.count' THEN PERFORM op_stock_count(p_wh, p_op);
    WHEN 'identifier.add' THEN
      -- identifiers_add's insert, returning the values it inserted or brought back; a held value is not a step.
      v_product := product_id_of(p_wh, p_op->>'sku');
      WITH added AS (
        INSERT INTO identifiers (product_id, value)
        SELECT DISTINCT v_product, v FROM jsonb_array_elements_text(p_op->'values') v
        ON CONFLICT ON CONSTRAINT identifiers_value_unique DO UPDATE SET status = 'available'
          WHERE identifiers.status = 'removed'
        RETURNING value)
      SELECT COALESCE(jsonb_agg(sent.v ORDER BY sent.first), '[]'::jsonb) INTO v_added
        FROM (SELECT v, min(n) AS first FROM jsonb_array_elements_text(p_op->'values') WITH ORDINALITY AS e (v, n) GROUP BY v) sent
       WHERE sent.v IN (SELECT value FROM added);
      v_op := jsonb_set(p_op, '{values}', v_added);
    WHEN 'identifier.remove' THEN PERFORM identifiers_remove(p_wh, p_op->>'sku', p_op->'values');
    WHEN 'identifier.rename' THEN
      PERFORM identifiers_remove(p_wh, p_op->>'sku', jsonb_build_array(p_op->>'from'));
      PERFORM identifiers_add(p_wh, p_op->>'sku', jsonb_build_array(p_op->>'to'));
    WHEN 'identifier.use_by' THEN PERFORM op_identifier_use_by(p_wh, p_op);
    WHEN 'order.upsert' THEN PERFORM order_upsert(p_wh, p_op);
    WHEN 'allocation.set' THEN PERFORM op_allocation_set(p_wh, p_station, p_at, p_op);
    WHEN 'allocation.clear' THEN PERFORM op_allocation_clear(p_wh, p_op);
    WHEN 'order.dispatch' THEN PERFORM op_order_dispatch(p_wh, p_station, p_at, p_op);
    ELSE PERFORM reject(format('unknown op type %s', p_op->>'type'));
  END CASE;
  -- In the op's savepoint: a rejection takes its events with it.
  PERFORM record_identifier_events(p_wh, p_station, NULLIF(current_setting('hub.seq', true), '')::bigint, p_at, v_op, NULL);
END $$;
`;
