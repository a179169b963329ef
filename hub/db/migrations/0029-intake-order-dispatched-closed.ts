/**
 * An order the warehouse has dispatched in full (every line's dispatched = quantity, as the bench marks
 * an order dispatched) is closed to the order system. intake_order (0025) took a changed quantity, customer
 * or an added line on such an order as "updated", which reopened it and asked the benches to dispatch it
 * again. Now the same order again is still "unchanged" (a retry), and any change is "rejected" with a
 * reason that says extra units go in a new order. An order dispatched only in part keeps the old rules.
 * Only intake_order changes: a bench's order.upsert (apply_op, push_set) is as before.
 */
export const intakeOrderDispatchedClosedSql = /* sql */ `
CREATE OR REPLACE FUNCTION intake_order(p_wh bigint, p_op jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_constraint text;
  v_detail text;
  v_message text;
  v_order_id bigint;
  v_status text;
BEGIN
  FOR v_attempt IN 1..2 LOOP
    BEGIN
      -- The order and its lines locked first (as order_upsert and a dispatch lock them), so a dispatch
      -- in flight is waited for and cannot complete the order between this check and the change.
      SELECT id INTO v_order_id FROM orders WHERE warehouse_id = p_wh AND order_number = p_op->>'orderNumber' FOR UPDATE;
      IF FOUND THEN
        PERFORM 1 FROM order_lines WHERE order_id = v_order_id ORDER BY id FOR UPDATE;
        IF EXISTS (SELECT 1 FROM order_lines WHERE order_id = v_order_id)
           AND NOT EXISTS (SELECT 1 FROM order_lines WHERE order_id = v_order_id AND dispatched < quantity) THEN
          -- Dispatched in full: order_upsert says whether the order sent is the one held; anything but
          -- unchanged (a change, or a change it refuses) is undone and refused as a closed order.
          BEGIN
            v_status := order_upsert(p_wh, p_op);
          EXCEPTION WHEN SQLSTATE 'HB001' OR integrity_constraint_violation OR data_exception THEN
            v_status := 'rejected';
          END;
          IF v_status = 'unchanged' THEN
            RETURN jsonb_build_object('status', v_status);
          END IF;
          PERFORM reject(format('order %s was already dispatched in full and is closed; send extra units in a new order',
            p_op->>'orderNumber'));
        END IF;
      END IF;
      RETURN jsonb_build_object('status', order_upsert(p_wh, p_op));
    EXCEPTION WHEN SQLSTATE 'HB001' OR integrity_constraint_violation OR data_exception THEN
      GET STACKED DIAGNOSTICS v_constraint = CONSTRAINT_NAME, v_detail = PG_EXCEPTION_DETAIL, v_message = MESSAGE_TEXT;
      IF v_constraint IS DISTINCT FROM 'orders_number_unique' OR v_attempt = 2 THEN
        RETURN jsonb_build_object('status', 'rejected', 'reason', explain_violation(v_constraint, v_detail, v_message));
      END IF;
    END;
  END LOOP;
END $$;
`;
