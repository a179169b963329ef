/**
 * Failed-token throttling, over real HTTP: an address that keeps sending bad tokens is answered 429
 * with Retry-After; valid tokens and other addresses are not held back. Loopback has many addresses
 * (127.0.0.2, 127.0.0.3, ...), so each test speaks from its own.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { createFailedTokenLimiter } from '../../hub/http/rate-limit.js';
import { useHubFixture, warehouse } from './fixture.js';

const fx = useHubFixture();

interface Reply {
  status: number;
  retryAfter: string | undefined;
  body: { error?: string; message?: string };
}

/** GET /v1/whoami from `localAddress` with `token` (null: no Authorization header). */
function whoami(hubUrl: string, token: string | null, localAddress: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${hubUrl}/v1/whoami`,
      { localAddress, headers: token === null ? {} : { authorization: `Bearer ${token}` }, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const statuses = async (count: number, send: () => Promise<Reply>) => {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) seen.push((await send()).status);
  return seen;
};

describe('failed tokens from one address', () => {
  it('are answered 401 ten times a minute, then 429 with Retry-After until the back-off ends', async () => {
    const hub = await fx.hub({ failedTokens: { blockMs: 2_000 } });
    const [a] = await warehouse(hub, 'North', ['A']);
    const from = '127.0.0.2';
    // Missing, unknown and revoked-looking tokens all count.
    const bad = [null, 'pbh_guess', `${a!.token}x`];
    const first = await statuses(10, () => whoami(hub.url, bad[Math.floor(Math.random() * 3)]!, from));
    expect(first).toEqual(Array(10).fill(401));

    const throttled = await whoami(hub.url, 'pbh_guess', from);
    expect(throttled.status).toBe(429);
    expect(throttled.retryAfter).toBe('2');
    expect(throttled.body).toEqual({ error: 'too_many_requests', message: 'too many failed tokens from this address; try again in 2 s' });

    // The bench with a good token at the same address (e.g. behind the same NAT) is still served...
    expect(await whoami(hub.url, a!.token, from)).toMatchObject({ status: 200, body: { stationId: 'A' } });
    // ...and other addresses are not affected.
    expect((await whoami(hub.url, 'pbh_guess', '127.0.0.3')).status).toBe(401);

    // After the back-off the address starts afresh.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await whoami(hub.url, 'pbh_guess', from)).status).toBe(401);
  });

  it('count a revoked token like any other failed one: told it was revoked, then throttled the same', async () => {
    const hub = await fx.hub({ failedTokens: { blockMs: 2_000 } });
    const [a] = await warehouse(hub, 'North', ['A']);
    await hub.admin.revokeBench({ warehouse: 'North', station: 'A' });
    const from = '127.0.0.5';
    expect(await statuses(5, () => whoami(hub.url, a!.token, from))).toEqual(Array(5).fill(401));
    expect((await whoami(hub.url, a!.token, from)).body).toMatchObject({ reason: 'token_revoked' });
    expect(await statuses(4, () => whoami(hub.url, 'pbh_guess', from))).toEqual(Array(4).fill(401));
    const throttled = await whoami(hub.url, a!.token, from);
    expect(throttled).toEqual({ status: 429, retryAfter: '2', body: { error: 'too_many_requests', message: 'too many failed tokens from this address; try again in 2 s' } });
  });

  it('are counted apart from successes, which neither count nor reset them', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    const from = '127.0.0.4';
    expect(await statuses(9, () => whoami(hub.url, 'pbh_guess', from))).toEqual(Array(9).fill(401));
    expect(await statuses(30, () => whoami(hub.url, a!.token, from))).toEqual(Array(30).fill(200));
    expect((await whoami(hub.url, 'pbh_guess', from)).status).toBe(401);
    const throttled = await whoami(hub.url, 'pbh_guess', from);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.retryAfter)).toBeGreaterThanOrEqual(59);
    expect(Number(throttled.retryAfter)).toBeLessThanOrEqual(60);
  });
});

describe('the failed-token limiter', () => {
  it('forgets failures older than the window', () => {
    let now = 0;
    const limiter = createFailedTokenLimiter({ maxFailures: 3, windowMs: 1_000, blockMs: 5_000, now: () => now });
    limiter.fail('a');
    limiter.fail('a');
    now = 1_000;
    expect(limiter.fail('a')).toBeNull();
    expect(limiter.fail('a')).toBeNull();
    expect(limiter.fail('a')).toBeNull();
    expect(limiter.retryAfter('a')).toBe(5);
    now = 3_500;
    expect(limiter.fail('a')).toBe(3);
    now = 6_000;
    expect(limiter.retryAfter('a')).toBeNull();
    expect(limiter.fail('a')).toBeNull();
  });

  it('tracks a bounded number of addresses, forgetting the oldest first', () => {
    const limiter = createFailedTokenLimiter({ maxFailures: 2, maxAddresses: 100 });
    limiter.fail('first');
    limiter.fail('first');
    expect(limiter.retryAfter('first')).not.toBeNull();
    for (let i = 0; i < 10_000; i++) limiter.fail(`10.0.${i >> 8}.${i & 255}`);
    expect(limiter.size).toBe(100);
    expect(limiter.retryAfter('first')).toBeNull();
  });
});
