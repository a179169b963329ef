/**
 * A push request as one transaction with a savepoint per op (push_entry's exception block around
 * apply_op), instead of a COMMIT per op: a 10,000-op push drops from seconds to under one. Semantics
 * stay: entries in order, per-station seq checked and advanced by every entry (a rejected op too),
 * a rejection undoes only its op, stop at a gap. A deadlock or serialization failure aborts the whole
 * request, which the hub then runs again (nothing of it was committed).
 */
export const pushOneTransactionSql = /* sql */ `
CREATE FUNCTION push_batch_tx(p_wh bigint, p_station text, p_entries jsonb, p_rejections text[],
  OUT p_statuses text[], OUT p_reasons text[])
LANGUAGE plpgsql AS $$
DECLARE
  v_entry jsonb;
  v_result jsonb;
BEGIN
  p_statuses := '{}';
  p_reasons := '{}';
  FOR i IN 0 .. jsonb_array_length(p_entries) - 1 LOOP
    v_entry := p_entries->i;
    v_result := push_entry(p_wh, p_station, (v_entry->>'seq')::bigint, v_entry->>'at', v_entry->'op', p_rejections[i + 1]);
    p_statuses := p_statuses || (v_result->>'status');
    p_reasons := p_reasons || COALESCE(v_result->>'reason', v_result->>'expected');
    EXIT WHEN v_result->>'status' = 'gap';
  END LOOP;
END $$;
`;
