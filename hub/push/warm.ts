/**
 * Push's first request on a database connection was its slowest by far (about 1.5× the CPU of the
 * next ones): the session compiled push_set, loaded the catalog entries of every table it writes,
 * created its scratch tables (set_push_scratch) and planned each of its ~60 statements. With two
 * requests in flight a bench's push goes over two or three pool connections, so a 10-request push
 * paid that two or three times, on the station's turn where nothing else can go on.
 *
 * So the hub warms each connection when the pool opens it, before any request uses it (and keeps
 * PUSH_IN_FLIGHT of them open): the scratch tables made and push_set run on an empty run, which plans
 * and caches every statement it has and writes nothing. Plans stay valid across transactions as long
 * as the tables they name are not altered (the scratch tables are emptied in place, see 0013).
 */
import type pg from 'pg';

/**
 * One query (one implicit transaction: an error leaves nothing open). Committed without a flush:
 * it writes only the catalog rows of temporary tables, which do not outlive a crash anyway.
 */
const WARM_UP = `SET LOCAL synchronous_commit TO off; SELECT set_push_scratch(); SELECT push_set(0, '', '[]'::jsonb)`;

/** Never fails: a warm-up is only an optimisation (a connection it could not warm plans at first use). */
export async function warmPushConnection(client: pg.ClientBase): Promise<void> {
  try {
    await client.query(WARM_UP);
  } catch {
    // The first push on this connection plans for itself, or meets the same problem and reports it.
  }
}
