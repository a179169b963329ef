/**
 * The fault harness's processes: the real hub (`hub/main.ts`) and the real bench host
 * (`electron/web/main.ts`) run as `node --import tsx <script>`, so the child IS the server (no tsx
 * wrapper in between: a signal sent to it reaches the server). Each is the leader of its own process
 * group (detached), so a cleanup can end it and anything it started at once (kill(-pgid)).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  readonly name: string;
  /** The server's own pid (also its process group id). */
  readonly pid: number;
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  readonly running: boolean;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Waits for a line of output matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Sends a signal to the server process itself. */
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM, and how it ended and how long it took (ms). */
  terminate(): Promise<Exit & { ms: number }>;
  /** Ends the whole process group (SIGCONT first, in case it is frozen; then SIGKILL). */
  kill(): Promise<void>;
}

const started = new Set<ServerProcess>();

/** Ends every process the harness started that still runs (for afterEach/afterAll). */
export async function killAll(): Promise<void> {
  await Promise.all([...started].map((p) => p.kill()));
}

export function startServerProcess(name: string, script: string, env: NodeJS.ProcessEnv, args: string[] = []): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, script), ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name} did not start`);
  // The child is node running the script itself, not a launcher.
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  if (!cmdline.includes(join(REPO, script))) throw new Error(`${name}: pid ${pid} runs ${cmdline.join(' ')}, not ${script}`);
  let output = '';
  const watchers = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const watcher of watchers) watcher();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let running = true;
  const exited = new Promise<Exit>((resolveExit) =>
    child.on('exit', (code, signal) => {
      running = false;
      started.delete(proc);
      for (const watcher of watchers) watcher();
      resolveExit({ code, signal });
    }),
  );
  const proc: ServerProcess = {
    name,
    pid,
    child,
    exited,
    get running() {
      return running;
    },
    output: () => output,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolveWait, rejectWait) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) {
            done();
            resolveWait(match);
          } else if (!running) {
            done();
            rejectWait(new Error(`${name} exited before printing ${pattern}:\n${output}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          rejectWait(new Error(`${name} did not print ${pattern} within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          watchers.delete(check);
        };
        watchers.add(check);
        check();
      });
    },
    signal(signal) {
      process.kill(pid, signal);
    },
    async terminate() {
      const at = Date.now();
      process.kill(pid, 'SIGTERM');
      const exit = await exited;
      return { ...exit, ms: Date.now() - at };
    },
    async kill() {
      for (const signal of ['SIGCONT', 'SIGKILL'] as const) {
        try {
          process.kill(-pid, signal);
        } catch {
          // the group is gone
        }
      }
      if (running) await exited;
    },
  };
  started.add(proc);
  return proc;
}

export interface HubProcess extends ServerProcess {
  readonly url: string;
}

/** `npm run hub` (serve) on 127.0.0.1, until it prints its URL. env: DATABASE_URL or HUB_DATA_DIR, HUB_PORT. */
export async function startHubProcess(env: NodeJS.ProcessEnv): Promise<HubProcess> {
  const proc = startServerProcess('hub', 'hub/main.ts', { HUB_PORT: '0', HUB_HOST: '127.0.0.1', DATABASE_URL: '', ...env });
  try {
    const [, url] = await proc.waitFor(/hub listening on (https?:\/\/\S+)/);
    return Object.assign(proc, { url: url! });
  } catch (err) {
    await proc.kill();
    throw err;
  }
}

export interface BenchHostProcess extends ServerProcess {
  readonly origin: string;
  /** A contract call over the host's HTTP API, as the browser makes it. */
  call<T = unknown>(method: string, args?: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>;
  /** The same, expecting success. */
  ok<T = unknown>(method: string, args?: unknown): Promise<T>;
}

/** `npm run host` on a data folder (and a hub when hubUrl/token are given), until it prints its URL. */
export async function startBenchHost(options: { dataDir: string; hubUrl?: string; token?: string; port?: number }): Promise<BenchHostProcess> {
  const proc = startServerProcess('bench host', 'electron/web/main.ts', {
    BENCH_DATA_DIR: options.dataDir,
    BENCH_PORT: String(options.port ?? 0),
    BENCH_HUB_URL: options.hubUrl ?? '',
    BENCH_HUB_TOKEN: options.token ?? '',
  });
  try {
    const [, origin, secret] = await proc.waitFor(/Open: (http:\/\/127\.0\.0\.1:\d+)\/#secret=(\S+)/);
    const call = async (method: string, args: unknown = {}) => {
      const response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      return (await response.json()) as Awaited<ReturnType<BenchHostProcess['call']>>;
    };
    return Object.assign(proc, {
      origin: origin!,
      call,
      async ok(method: string, args?: unknown) {
        const result = await call(method, args);
        if (!result.ok) throw new Error(`${method} refused: ${JSON.stringify(result.error)}`);
        return result.value;
      },
    }) as BenchHostProcess;
  } catch (err) {
    await proc.kill();
    throw err;
  }
}
