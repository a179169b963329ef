/**
 * A push request is one transaction (migration 5), so it holds its row locks until it commits. Two
 * requests touching the same products then deadlock: one holds a product's lock (a stock change)
 * and waits for a single-use identifier the other has just allocated, while the other waits for that
 * product (its dispatch locks it FOR UPDATE); with 20 benches at once every retry deadlocked again.
 * So a request first locks every existing product its ops name, in id order: requests sharing a
 * product queue up before touching anything, and no two can wait for each other over products,
 * their identifiers or allocations.
 */
export const pushLocksProductsFirstSql = /* sql */ `
CREATE OR REPLACE FUNCTION push_batch_tx(p_wh bigint, p_station text, p_entries jsonb, p_rejections text[],
  OUT p_statuses text[], OUT p_reasons text[])
LANGUAGE plpgsql AS $$
DECLARE
  v_entry jsonb;
  v_result jsonb;
BEGIN
  p_statuses := '{}';
  p_reasons := '{}';
  -- The SKUs of every op and of every line of an order or a dispatch (entries already refused carry no op).
  PERFORM 1 FROM products
    WHERE warehouse_id = p_wh
      AND sku IN (
        SELECT e.value->'op'->>'sku' FROM jsonb_array_elements(p_entries) e
         WHERE jsonb_typeof(e.value->'op') = 'object'
        UNION
        SELECT l.value->>'sku' FROM jsonb_array_elements(p_entries) e,
               jsonb_array_elements(CASE WHEN jsonb_typeof(e.value->'op'->'lines') = 'array' THEN e.value->'op'->'lines' ELSE '[]'::jsonb END) l)
    ORDER BY id FOR UPDATE;
  FOR i IN 0 .. jsonb_array_length(p_entries) - 1 LOOP
    v_entry := p_entries->i;
    v_result := push_entry(p_wh, p_station, (v_entry->>'seq')::bigint, v_entry->>'at', v_entry->'op', p_rejections[i + 1]);
    p_statuses := p_statuses || (v_result->>'status');
    p_reasons := p_reasons || COALESCE(v_result->>'reason', v_result->>'expected');
    EXIT WHEN v_result->>'status' = 'gap';
  END LOOP;
END $$;
`;
