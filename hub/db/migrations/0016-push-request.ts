/**
 * Push speed, continued (issue 9): a station's turn taken and given back inside the database.
 * A request took its station's turn (advisory lock) with one query, read the station's seq with
 * another, turned synchronous_commit off, called push_batch, turned it back on, read the seq again and
 * let the turn go: six round trips, and the turn was let go only once the hub's event loop came round
 * to it (busy parsing and validating the station's next request: 1,000 ops), so the next request, its
 * CALL already waiting, waited on that too. push_request does the same steps in one CALL: the next
 * request's push_batch starts the moment this one's last COMMIT is done.
 *
 * Same rules as before (hub/push/push.ts): the turn is held from before the station's seq is read
 * until push_batch has committed; a request that starts past the seq the hub expects has usually
 * overtaken the station's previous request and waits for it (up to p_overtaken_wait_ms, polling every
 * 10 ms with the turn given back) before push_batch answers the gap; push_batch's transactions commit
 * without a flush (the caller's one synchronous commit afterwards flushes them all, after the turn is
 * let go). A call that fails part-way leaves the turn and the setting with its session: the caller
 * discards that connection.
 */
export const pushRequestSql = /* sql */ `
CREATE PROCEDURE push_request(p_wh bigint, p_station text, p_entries jsonb, p_rejections text[], p_turn_class integer,
  p_turn_key text, p_overtaken_wait_ms integer, INOUT p_statuses text[] DEFAULT NULL, INOUT p_reasons text[] DEFAULT NULL,
  INOUT p_last_seq bigint DEFAULT NULL)
LANGUAGE plpgsql AS $$
DECLARE
  v_first bigint := (p_entries->0->>'seq')::bigint;
  v_waited integer := 0;
  v_last bigint;
  v_sync text := current_setting('synchronous_commit');
BEGIN
  LOOP
    PERFORM pg_advisory_lock(p_turn_class, hashtext(p_turn_key));
    EXIT WHEN v_first IS NULL OR v_waited >= p_overtaken_wait_ms;
    SELECT last_seq INTO v_last FROM stations WHERE warehouse_id = p_wh AND station_id = p_station;
    EXIT WHEN v_last IS NULL OR v_first <= v_last + 1;
    PERFORM pg_advisory_unlock(p_turn_class, hashtext(p_turn_key));
    COMMIT;
    PERFORM pg_sleep(0.01);
    v_waited := v_waited + 10;
  END LOOP;
  PERFORM set_config('synchronous_commit', 'off', false);
  CALL push_batch(p_wh, p_station, p_entries, p_rejections, p_statuses, p_reasons);
  PERFORM set_config('synchronous_commit', v_sync, false);
  -- This request's last seq, before the station's next request can move it.
  SELECT last_seq INTO p_last_seq FROM stations WHERE warehouse_id = p_wh AND station_id = p_station;
  PERFORM pg_advisory_unlock(p_turn_class, hashtext(p_turn_key));
END $$;
`;
