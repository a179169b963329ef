/**
 * The Electron preload's bridge, as the renderer uses it: every answer is checked against the
 * contract, as the HTTP transport's are, so a reply the contract does not describe is refused with a
 * message naming the call instead of reaching a screen.
 */
import { describe, expect, it } from 'vitest';
import { BENCH_METHODS, type BenchApi } from '../../shared/contract/api.js';
import type { Result } from '../../shared/contract/result.js';
import { checkedBridge } from '../../renderer/api/bench-api.js';

/** A bridge answering every call with `reply` (as a preload relaying a main process would). */
function bridgeAnswering(reply: (method: string, args: unknown) => unknown): { api: BenchApi; calls: Array<[string, unknown]> } {
  const calls: Array<[string, unknown]> = [];
  const api = Object.fromEntries(
    BENCH_METHODS.map((method) => [method, async (args: unknown) => (calls.push([method, args]), reply(method, args) as Result<unknown>)]),
  ) as BenchApi;
  return { api, calls };
}

describe('the preload bridge, checked', () => {
  it('passes answers the contract describes, and refusals, as they are', async () => {
    const info = { stationId: 's-1', stationName: 'Bench 1', productCount: 2, awaitingOrderCount: 3, schemaVersion: 40 };
    const { api, calls } = bridgeAnswering((method) =>
      method === 'getBenchInfo' ? { ok: true, value: info } : { ok: false, error: { code: 'not_found', message: 'No such order.', issues: [] } },
    );
    const checked = checkedBridge(api);
    const answered = await checked.getBenchInfo({});
    expect(answered).toEqual({ ok: true, value: info });
    expect(await checked.getOrder({ orderId: 9 })).toEqual({ ok: false, error: { code: 'not_found', message: 'No such order.', issues: [] } });
    expect(calls).toEqual([['getBenchInfo', {}], ['getOrder', { orderId: 9 }]]);
  });

  it('refuses an answer the contract does not describe, naming the call', async () => {
    const { api } = bridgeAnswering(() => ({ ok: true, value: { stationName: 42 } }));
    const answered = await checkedBridge(api).getBenchInfo({});
    expect(answered).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/^The bench answered getBenchInfo with something unexpected/) } });
    const { api: garbled } = bridgeAnswering(() => 'not a result');
    expect(await checkedBridge(garbled).getBenchInfo({})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
