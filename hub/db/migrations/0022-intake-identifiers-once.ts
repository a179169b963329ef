/**
 * The order system's POST /v1/identifiers is idempotent: sent again, it changes nothing. intake_op (0005)
 * applied identifier.add with every value sent, and the op's trace events (0007) record an "added"
 * event per value sent, so each resend (and each value listed twice) added "added" events to the
 * identifier's history. Now values the product already holds (not removed) are left out, each value
 * once: a value new to the product, or removed and sent again, is added and recorded as before. The
 * held values are read FOR SHARE, so a removal waits for this intake rather than slipping between
 * the check and the add. Benches' identifier.add (push) is unchanged.
 */
export const intakeIdentifiersOnceSql = /* sql */ `
CREATE OR REPLACE FUNCTION intake_op(p_wh bigint, p_op jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_constraint text;
  v_detail text;
  v_message text;
  v_op jsonb := p_op;
  v_product bigint;
  v_new jsonb;
BEGIN
  IF p_op->>'type' = 'identifier.add' THEN
    v_product := product_id_of(p_wh, p_op->>'sku');
    PERFORM 1 FROM identifiers
     WHERE product_id = v_product AND value IN (SELECT jsonb_array_elements_text(p_op->'values')) AND status <> 'removed'
     ORDER BY id FOR SHARE;
    SELECT jsonb_agg(sent.v ORDER BY sent.first) INTO v_new
      FROM (SELECT v, min(n) AS first FROM jsonb_array_elements_text(p_op->'values') WITH ORDINALITY AS e (v, n) GROUP BY v) sent
     WHERE NOT EXISTS (SELECT 1 FROM identifiers i WHERE i.product_id = v_product AND i.value = sent.v AND i.status <> 'removed');
    IF v_new IS NULL THEN RETURN jsonb_build_object('status', 'applied'); END IF;
    v_op := jsonb_set(p_op, '{values}', v_new);
  END IF;
  PERFORM apply_op(p_wh, NULL, now()::text, v_op);
  RETURN jsonb_build_object('status', 'applied');
EXCEPTION WHEN SQLSTATE 'HB001' OR integrity_constraint_violation OR data_exception THEN
  GET STACKED DIAGNOSTICS v_constraint = CONSTRAINT_NAME, v_detail = PG_EXCEPTION_DETAIL, v_message = MESSAGE_TEXT;
  RETURN jsonb_build_object('status', 'rejected', 'reason', explain_violation(v_constraint, v_detail, v_message));
END $$;
`;
