/**
 * The IPC layer as plain functions: a minimal stand-in for ipcMain (it stores handlers and, like
 * Electron, structured-clones what crosses), the real bench core on a temp SQLite file, no other fakes.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_METHODS, benchApiContract } from '../../shared/contract/api.js';
import { invokeBenchMethod } from '../../shared/contract/invoke.js';
import { benchErrorSchema, type Result } from '../../shared/contract/result.js';
import { openBenchCore, type BenchCore } from '../../electron/core/bench-core.js';
import { benchChannel } from '../../electron/ipc/channels.js';
import { registerBenchIpc, type InvokeEventLike, type InvokeListener, type IpcMainLike, type RegisteredBenchIpc } from '../../electron/ipc/register-ipc.js';
import type { FrameLike } from '../../electron/ipc/sender-policy.js';
import { tempFolder } from './helpers.js';

/** Stands in for Electron's ipcMain: one handler per channel, and a way to play the renderer's invoke. */
class IpcMainStandIn implements IpcMainLike {
  readonly listeners = new Map<string, InvokeListener>();
  handle(channel: string, listener: InvokeListener): void {
    if (this.listeners.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.listeners.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.listeners.delete(channel);
  }
  async invoke(channel: string, event: InvokeEventLike, ...args: unknown[]): Promise<unknown> {
    const listener = this.listeners.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await listener(event, ...structuredClone(args)));
  }
}

const mainFrame = (url: string): FrameLike => ({ url, parent: null, detached: false });
const APP = mainFrame('app://bench/index.html');
const from = (frame: FrameLike | null): InvokeEventLike => ({ senderFrame: frame });

const log: Array<string> = [];
let core: BenchCore;
let ipc: IpcMainStandIn;
let registered: RegisteredBenchIpc;

beforeAll(() => {
  const dir = tempFolder('bench-ipc-');
  core = openBenchCore({ file: join(dir, 'bench.db'), stationName: 'IPC test bench' });
  ipc = new IpcMainStandIn();
  registered = registerBenchIpc(ipc, {
    handlers: core,
    trustedOrigin: { protocol: 'app:', host: 'bench' },
    log: (message) => log.push(message),
  });
});
afterAll(() => core.close());

const productCount = () => core.getBenchInfo({}).productCount;

describe('registration', () => {
  it('registers one bench:<method> channel per contract method, and nothing else', () => {
    expect([...ipc.listeners.keys()].sort()).toEqual(BENCH_METHODS.map((m) => `bench:${m}`).sort());
    expect(registered.channels).toHaveLength(BENCH_METHODS.length);
  });

  it('removes every handler on dispose', () => {
    const other = new IpcMainStandIn();
    const r = registerBenchIpc(other, { handlers: core, trustedOrigin: { protocol: 'app:', host: 'bench' } });
    r.dispose();
    expect(other.listeners.size).toBe(0);
  });
});

describe('sender checks run before anything else', () => {
  const refused: Array<[string, FrameLike | null]> = [
    ['no frame (navigated away or destroyed)', null],
    ['a subframe on our own origin', { url: 'app://bench/index.html', parent: APP }],
    ['a remote page', mainFrame('https://evil.example/')],
    ['a loopback dev server', mainFrame('http://127.0.0.1:5173/')],
    ['a file:// page', mainFrame('file:///tmp/index.html')],
    ['another host on our scheme', mainFrame('app://other/index.html')],
    ['credentials smuggled into our URL', mainFrame('app://evil@bench/index.html')],
    ['about:blank', mainFrame('about:blank')],
    ['a detached frame', { url: 'app://bench/index.html', parent: null, detached: true }],
    ['a malformed URL', mainFrame('not a url')],
  ];

  for (const [name, frame] of refused) {
    it(`refuses ${name}, without touching the core`, async () => {
      const before = productCount();
      const reply = (await ipc.invoke(benchChannel('loadDemoData'), from(frame), {})) as Result<unknown>;
      expect(reply.ok).toBe(false);
      if (reply.ok) return;
      expect(benchErrorSchema.parse(reply.error)).toMatchObject({ code: 'unauthorized' });
      expect(reply.error.message).toMatch(/^Call refused: /);
      expect(productCount()).toBe(before);
    });
  }

  it('refuses a bad sender even when its arguments are also bad (the sender is checked first)', async () => {
    const reply = (await ipc.invoke(benchChannel('getProduct'), from(mainFrame('https://evil.example/')), { productId: 'nope' })) as Result<unknown>;
    expect(reply).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});

describe('arguments are validated with the contract schemas', () => {
  const malformed: Array<[(typeof BENCH_METHODS)[number], unknown]> = [
    ['getProduct', { productId: 'seven' }],
    ['getProduct', 'seven'],
    ['findProducts', { query: 42 }],
    ['importCsv', { files: [] }],
    ['importCsv', { files: [{ name: '', content: 'sku,title' }] }],
    ['lookupIdentifier', {}],
    ['saveAllocations', null],
  ];

  for (const [method, args] of malformed) {
    it(`refuses ${method}(${JSON.stringify(args)}) with the contract's error`, async () => {
      const reply = (await ipc.invoke(benchChannel(method), from(APP), args)) as Result<unknown>;
      const direct = invokeBenchMethod(core, method, args);
      expect(reply.ok).toBe(false);
      if (reply.ok || direct.ok) return;
      expect(reply.error.code).toBe('invalid_argument');
      expect(benchErrorSchema.parse(reply.error)).toEqual(direct.error);
      expect(reply.error.issues.length).toBeGreaterThan(0);
    });
  }

  it('refuses extra positional arguments', async () => {
    const reply = (await ipc.invoke(benchChannel('getBenchInfo'), from(APP), {}, { sneaky: true })) as Result<unknown>;
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });
});

describe('good calls reach the core and return its typed result', () => {
  it('loads demo data, then reports it through the same core', async () => {
    const loaded = (await ipc.invoke(benchChannel('loadDemoData'), from(APP), {})) as Result<unknown>;
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const summary = benchApiContract.loadDemoData.result.parse(loaded.value);
    expect(summary.files.length).toBeGreaterThan(0);

    const info = (await ipc.invoke(benchChannel('getBenchInfo'), from(APP))) as Result<unknown>;
    expect(info.ok).toBe(true);
    if (!info.ok) return;
    const parsed = benchApiContract.getBenchInfo.result.parse(info.value);
    expect(parsed.stationName).toBe('IPC test bench');
    expect(parsed.productCount).toBeGreaterThan(0);
    expect(parsed).toEqual(core.getBenchInfo({}));
  });

  it('answers a query exactly as the core does', async () => {
    const reply = (await ipc.invoke(benchChannel('findProducts'), from(APP), { query: '' })) as Result<unknown>;
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const value = benchApiContract.findProducts.result.parse(reply.value);
    expect(value).toEqual(core.findProducts(benchApiContract.findProducts.args.parse({ query: '' })));
  });

  it("returns the core's refusals as typed errors", async () => {
    const reply = (await ipc.invoke(benchChannel('getProduct'), from(APP), { productId: 987654 })) as Result<unknown>;
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(benchErrorSchema.parse(reply.error).code).toBe('not_found');
  });

  it('turns unexpected failures into a generic internal error, never a stack trace', async () => {
    const dir = tempFolder('bench-ipc-closed-');
    const closed = openBenchCore({ file: join(dir, 'bench.db') });
    const other = new IpcMainStandIn();
    const seen: string[] = [];
    registerBenchIpc(other, { handlers: closed, trustedOrigin: { protocol: 'app:', host: 'bench' }, log: (m) => seen.push(m) });
    closed.close();
    const reply = (await other.invoke(benchChannel('getBenchInfo'), from(APP), {})) as Result<unknown>;
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'The bench hit an unexpected error; nothing was changed.', issues: [] } });
    expect(JSON.stringify(reply)).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(seen).toContain('getBenchInfo failed');
  });
});
