/**
 * A minimal hub client for tests and benchmarks: real HTTP via fetch, typed answers.
 * (The bench's sync engine has its own client; this one exists to drive and inspect a hub.)
 */
import type { DispatchFeedResponse, OrderInput, OrdersResponse, PullChange, PullResponse, PushResponse } from '../../shared/sync/protocol.js';
import type { OutboxEntry, SyncOp } from '../../shared/sync/ops.js';

export interface Answer<T> {
  status: number;
  body: T;
}

export async function call<T = unknown>(
  url: string,
  token: string | null,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Answer<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
}

/** A bench's view of the hub: numbers its ops like an outbox does. */
export class BenchClient {
  private seq = 0;

  constructor(
    readonly url: string,
    readonly token: string,
    readonly stationId: string,
  ) {}

  /** Outbox entries for ops, numbered from the last one made. */
  entries(ops: SyncOp[]): OutboxEntry[] {
    return ops.map((op) => ({ seq: ++this.seq, at: new Date().toISOString(), actor: 'test', op }));
  }

  async pushEntries(entries: OutboxEntry[]): Promise<Answer<PushResponse>> {
    return call<PushResponse>(this.url, this.token, 'POST', '/v1/push', { stationId: this.stationId, entries });
  }

  /** Pushes ops as the next entries; throws unless the hub answered 200. */
  async push(...ops: SyncOp[]): Promise<PushResponse> {
    const answer = await this.pushEntries(this.entries(ops));
    if (answer.status !== 200) throw new Error(`push: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  async pull(cursor?: string, limit?: number): Promise<Answer<PullResponse>> {
    const query = new URLSearchParams();
    if (cursor !== undefined) query.set('cursor', cursor);
    if (limit !== undefined) query.set('limit', String(limit));
    return call<PullResponse>(this.url, this.token, 'GET', `/v1/pull?${query}`);
  }

  /** Pulls until `more` is false; returns every change and the final cursor. */
  async pullAll(cursor?: string, limit?: number): Promise<{ changes: PullChange[]; cursor: string; pages: number }> {
    const changes: PullChange[] = [];
    let pages = 0;
    for (;;) {
      const answer = await this.pull(cursor, limit);
      if (answer.status !== 200) throw new Error(`pull: ${answer.status} ${JSON.stringify(answer.body)}`);
      pages++;
      changes.push(...answer.body.changes);
      cursor = answer.body.cursor;
      if (!answer.body.more) return { changes, cursor, pages };
    }
  }
}

/** The order system's view of the hub. */
export class IntegrationClient {
  constructor(
    readonly url: string,
    readonly token: string,
  ) {}

  orders(orders: OrderInput[]): Promise<Answer<OrdersResponse>> {
    return call<OrdersResponse>(this.url, this.token, 'POST', '/v1/orders', { orders });
  }

  dispatches(cursor?: string, limit?: number): Promise<Answer<DispatchFeedResponse>> {
    const query = new URLSearchParams();
    if (cursor !== undefined) query.set('cursor', cursor);
    if (limit !== undefined) query.set('limit', String(limit));
    return call<DispatchFeedResponse>(this.url, this.token, 'GET', `/v1/dispatches?${query}`);
  }
}
