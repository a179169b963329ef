/**
 * A small HTTP proxy on 127.0.0.1 between a bench and the hub, to make the network misbehave on cue:
 * refuse a request, drop the connection after the hub has answered (the hub committed, the bench never
 * hears), deliver a request twice, or hold it back and deliver it late (after newer ones).
 */
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyAction =
  | 'forward'
  /** Close the bench's connection without contacting the hub. */
  | 'refuse'
  /** Forward, let the hub answer in full, then close the bench's connection instead of answering. */
  | 'drop-response'
  /** Forward twice at once; the bench gets the first answer. */
  | 'duplicate'
  /** Forward after a delay (the bench may have given up and retried by then: a late duplicate). */
  | { delayMs: number };

export interface ProxiedRequest {
  method: string;
  path: string;
  /** 1-based count of requests to this path so far. */
  n: number;
  body: Buffer;
  headers: IncomingHttpHeaders;
}

export type ProxyRule = (req: ProxiedRequest) => ProxyAction | Promise<ProxyAction>;

export interface TestProxy {
  url: string;
  /** Every request seen, in arrival order. */
  seen: ProxiedRequest[];
  rule: ProxyRule;
  /** Resolves when every request whose rule has decided (late ones included) has been answered or dropped. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

interface HubAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function forwardTo(target: URL, req: ProxiedRequest): Promise<HubAnswer> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: target.host, 'content-length': String(req.body.length) };
    delete headers.connection;
    const out = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.path, headers, agent: false },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(req.body);
  });
}

export async function startProxy(target: () => string, rule: ProxyRule = () => 'forward'): Promise<TestProxy> {
  const counts = new Map<string, number>();
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    const settled = p.catch(() => undefined);
    inFlight.add(settled);
    void settled.then(() => inFlight.delete(settled));
    return p;
  };

  const proxy: TestProxy = {
    url: '',
    seen: [],
    rule,
    async settled() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    close: async () => undefined,
  };

  const reply = (res: ServerResponse, answer: HubAnswer) => {
    if (res.destroyed) return;
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const key = path.split('?')[0]!;
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      const seen: ProxiedRequest = { method: req.method ?? 'GET', path, n, body: Buffer.concat(chunks), headers: req.headers };
      proxy.seen.push(seen);
      const handle = async (action: ProxyAction) => {
        const hub = new URL(target());
        if (action === 'refuse') {
          res.socket?.destroy();
          return;
        }
        if (action === 'forward') {
          reply(res, await forwardTo(hub, seen));
          return;
        }
        if (action === 'drop-response') {
          await forwardTo(hub, seen);
          res.socket?.destroy();
          return;
        }
        if (action === 'duplicate') {
          const [first] = await Promise.all([forwardTo(hub, seen), forwardTo(hub, seen)]);
          reply(res, first);
          return;
        }
        await new Promise((r) => setTimeout(r, action.delayMs));
        reply(res, await forwardTo(hub, seen));
      };
      // The rule is not tracked: it may itself wait for the requests before it to settle.
      void Promise.resolve(proxy.rule(seen))
        .then((action) => track(handle(action)))
        .catch(() => res.socket?.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = async () => {
    await proxy.settled();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };
  return proxy;
}

/** Polls until check() is truthy (or fails the test after timeoutMs). */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
