/**
 * An order system that times out and sends a new order again while the first request still runs: the
 * second insert waits for the first and then fails on orders_number_unique, which intake_order answered
 * as "rejected: duplicate key ...". The order exists by then (the unique check waits for its commit), so
 * taking it once more as an existing order answers what a later retry would: unchanged (or updated).
 */
export const intakeOrderRetriedSql = /* sql */ `
CREATE OR REPLACE FUNCTION intake_order(p_wh bigint, p_op jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_constraint text;
  v_detail text;
  v_message text;
BEGIN
  FOR v_attempt IN 1..2 LOOP
    BEGIN
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
