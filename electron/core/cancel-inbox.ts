/**
 * Long work the packer cancelled (an import, a grid save), heard even while the core's thread is busy
 * with it: the relay posts the work's id down the worker's cancel lane (service/protocol.ts,
 * CoreWorkerData) as well as making the cancel call, which waits until the work ends. `take` reads what
 * the lane holds without a turn of the event loop; the work asks between its steps.
 */
export interface CancelInbox {
  /** Whether `id` was cancelled (reads the lane first). */
  cancelled(id: string): boolean;
  /** The work ended: its id is not asked about again. */
  forget(id: string): void;
}

/** Ids kept at most: a cancel for work that had already ended is never asked about. */
const KEPT = 100;

export function createCancelInbox(take: () => string[] = () => []): CancelInbox {
  const heard = new Set<string>();
  return {
    cancelled(id) {
      for (const received of take()) {
        heard.add(received);
        if (heard.size > KEPT) heard.delete(heard.values().next().value!);
      }
      return heard.has(id);
    },
    forget(id) {
      heard.delete(id);
    },
  };
}
