/**
 * A retried push must be able to learn that an op was rejected. Before this, a retry of a rejected op
 * was answered "duplicate", so a bench whose first answer was lost in transit (connection dropped
 * after the commit) could never turn it into a conflict. Now the reason is kept per (station, seq)
 * and a retry of that seq is answered "rejected" with the same reason again; applied ops still
 * answer "duplicate".
 */
export const rememberRejectionsSql = /* sql */ `
CREATE TABLE station_rejections (
  warehouse_id bigint NOT NULL,
  station_id text COLLATE "C" NOT NULL,
  seq bigint NOT NULL,
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (warehouse_id, station_id, seq),
  FOREIGN KEY (warehouse_id, station_id) REFERENCES stations (warehouse_id, station_id)
);

CREATE OR REPLACE FUNCTION push_entry(p_wh bigint, p_station text, p_seq bigint, p_at text, p_op jsonb, p_rejection text)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_last bigint;
  v_reason text := p_rejection;
  v_constraint text;
  v_detail text;
  v_message text;
BEGIN
  SELECT last_seq INTO v_last FROM stations WHERE warehouse_id = p_wh AND station_id = p_station FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'unknown station %', p_station; END IF;
  IF p_seq <= v_last THEN
    SELECT reason INTO v_reason FROM station_rejections
     WHERE warehouse_id = p_wh AND station_id = p_station AND seq = p_seq;
    IF FOUND THEN RETURN jsonb_build_object('status', 'rejected', 'reason', v_reason); END IF;
    RETURN jsonb_build_object('status', 'duplicate');
  END IF;
  IF p_seq > v_last + 1 THEN RETURN jsonb_build_object('status', 'gap', 'expected', v_last + 1); END IF;
  IF v_reason IS NULL THEN
    BEGIN
      PERFORM apply_op(p_wh, p_station, p_at, p_op);
    EXCEPTION WHEN SQLSTATE 'HB001' OR integrity_constraint_violation OR data_exception THEN
      GET STACKED DIAGNOSTICS v_constraint = CONSTRAINT_NAME, v_detail = PG_EXCEPTION_DETAIL,
        v_message = MESSAGE_TEXT;
      v_reason := explain_violation(v_constraint, v_detail, v_message);
    END;
  END IF;
  UPDATE stations SET last_seq = p_seq WHERE warehouse_id = p_wh AND station_id = p_station;
  IF v_reason IS NULL THEN RETURN jsonb_build_object('status', 'applied'); END IF;
  INSERT INTO station_rejections (warehouse_id, station_id, seq, reason) VALUES (p_wh, p_station, p_seq, v_reason);
  RETURN jsonb_build_object('status', 'rejected', 'reason', v_reason);
END $$;
`;
