/**
 * The order system's POST /v1/stock-counts says what a count did. A count as old as or older than the
 * product's last one changes nothing (the later count wins, 0005), yet was answered `applied`, so an
 * ERP correcting a typo at the same count time never learnt it was ignored. The level of the held
 * count is now kept (counted_level; unknown for counts taken before this migration) and intake_op
 * answers: the same count again `unchanged`; an older count `unchanged`, naming the held count's
 * time; another level at the held count's time `rejected`, asking for a later countedAt. The rule
 * itself and benches' stock.count (push) are unchanged.
 * Also: a product.upsert to identifier mode none is refused while the product has allocations awaiting
 * dispatch, as a bench refuses the same change; its identifiers are kept, as at a bench.
 */
import { MAX_STOCK_LEVEL } from '../../../shared/sync/bounds.js';

export const stockCountAnswersSql = /* sql */ `
ALTER TABLE products ADD COLUMN counted_level bigint;

CREATE OR REPLACE FUNCTION op_stock_count(p_wh bigint, p_op jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v products;
  v_counted_at timestamptz := (p_op->>'countedAt')::timestamptz;
  v_after bigint;
BEGIN
  SELECT * INTO v FROM products WHERE warehouse_id = p_wh AND sku = p_op->>'sku' FOR UPDATE;
  IF NOT FOUND THEN PERFORM reject(format('unknown SKU %s', p_op->>'sku')); END IF;
  IF v.counted_at IS NOT NULL AND v_counted_at <= v.counted_at THEN RETURN; END IF;
  SELECT COALESCE(sum(delta), 0) INTO v_after FROM stock_movements WHERE product_id = v.id AND at > v_counted_at;
  UPDATE products
     SET stock_level = GREATEST(0, LEAST((p_op->>'level')::bigint + v_after, ${MAX_STOCK_LEVEL})), counted_at = v_counted_at,
         counted_level = (p_op->>'level')::bigint
   WHERE id = v.id;
END $$;

CREATE OR REPLACE FUNCTION intake_op(p_wh bigint, p_op jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_constraint text;
  v_detail text;
  v_message text;
  v_op jsonb := p_op;
  v_product bigint;
  v_new jsonb;
  v_held products;
  v_held_at text;
  v_live bigint;
BEGIN
  IF p_op->>'type' = 'product.upsert' AND p_op->>'identifierMode' = 'none' THEN
    -- As a bench refuses (products-feature): a unit awaiting dispatch would lose the identifier it holds.
    SELECT * INTO v_held FROM products WHERE warehouse_id = p_wh AND sku = p_op->>'sku' AND identifier_mode <> 'none' FOR UPDATE;
    IF FOUND THEN
      SELECT count(*) INTO v_live FROM allocations WHERE product_id = v_held.id AND status = 'live';
      IF v_live > 0 THEN
        RETURN jsonb_build_object('status', 'rejected', 'reason', format(
          'SKU %s has %s on orders awaiting dispatch; clear them before turning identifiers off', v_held.sku,
          CASE WHEN v_live = 1 THEN '1 identifier allocation' ELSE v_live || ' identifier allocations' END));
      END IF;
    END IF;
  END IF;
  IF p_op->>'type' = 'stock.count' THEN
    -- Locked as op_stock_count would, so the answer describes the count it is compared with.
    SELECT * INTO v_held FROM products WHERE warehouse_id = p_wh AND sku = p_op->>'sku' FOR UPDATE;
    IF FOUND AND v_held.counted_at IS NOT NULL AND (p_op->>'countedAt')::timestamptz <= v_held.counted_at THEN
      v_held_at := to_char(v_held.counted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
      IF (p_op->>'countedAt')::timestamptz < v_held.counted_at THEN
        RETURN jsonb_build_object('status', 'unchanged', 'reason', format('a later count of SKU %s is already held (counted at %s)', v_held.sku, v_held_at));
      ELSIF v_held.counted_level IS NULL THEN
        RETURN jsonb_build_object('status', 'unchanged', 'reason', format('a count of SKU %s at %s is already held', v_held.sku, v_held_at));
      ELSIF v_held.counted_level = (p_op->>'level')::bigint THEN
        RETURN jsonb_build_object('status', 'unchanged');
      END IF;
      RETURN jsonb_build_object('status', 'rejected', 'reason', format('SKU %s already has a count of %s at %s; send the corrected count with a later countedAt',
        v_held.sku, v_held.counted_level, v_held_at));
    END IF;
  END IF;
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
