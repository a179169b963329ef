/**
 * `npm run hub` starts the hub; `npm run hub -- <command>` runs a set-up command (see cli.ts).
 * Environment: DATABASE_URL (else an embedded PostgreSQL in HUB_DATA_DIR, default ./.hub-data),
 * HUB_PORT (default 8787; 0 = any free port), HUB_HOST (default 0.0.0.0), HUB_TLS_CERT + HUB_TLS_KEY
 * (PEM files: serve HTTPS), HUB_DB_POOL_SIZE (database connections, default 10).
 */
import { consoleOutput, runHubCli } from './cli.js';
import { ListenError, startHub, type Hub } from './hub.js';
import { tlsFromEnv } from './http/tls.js';

const DEFAULT_PORT = 8787;
/** SIGTERM/SIGINT to exit: a stop taking longer than this is a bug; the process ends anyway (code 1). */
export const SHUTDOWN_DEADLINE_MS = 4_500;

/** HUB_DB_POOL_SIZE: database connections this hub may hold (default 10). */
function poolSizeFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  if (env.HUB_DB_POOL_SIZE === undefined || env.HUB_DB_POOL_SIZE === '') return undefined;
  const size = Number(env.HUB_DB_POOL_SIZE);
  if (!Number.isInteger(size) || size < 1 || size > 1000) throw new Error(`HUB_DB_POOL_SIZE must be a whole number from 1 to 1000, got "${env.HUB_DB_POOL_SIZE}"`);
  return size;
}

const MAX_PORT = 65_535;
/** Below this a port needs root (or CAP_NET_BIND_SERVICE). */
const FIRST_UNPRIVILEGED_PORT = 1024;

/** HUB_PORT: digits only (" " or "8787abc" is a mistake, not port 0 or NaN). */
function portFromEnv(env: NodeJS.ProcessEnv): number {
  if (env.HUB_PORT === undefined || env.HUB_PORT === '') return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(env.HUB_PORT) ? Number(env.HUB_PORT) : NaN;
  if (!(port <= MAX_PORT)) throw new Error(`HUB_PORT must be a port number from 0 to ${MAX_PORT} (0 = any free port), got "${env.HUB_PORT}"`);
  return port;
}

/** Why the hub could not listen, in terms of HUB_PORT and HUB_HOST. */
function listenProblem(err: ListenError): string {
  const at = `${err.host}:${err.port}`;
  switch (err.code) {
    case 'EADDRINUSE':
      return `HUB_PORT ${err.port} is already in use on ${err.host} (another hub or program listens there): stop it or choose another HUB_PORT`;
    case 'EACCES':
      return err.port < FIRST_UNPRIVILEGED_PORT
        ? `HUB_PORT ${err.port} needs root (ports below ${FIRST_UNPRIVILEGED_PORT}): choose a port from ${FIRST_UNPRIVILEGED_PORT} up, e.g. ${DEFAULT_PORT}`
        : `the hub may not listen on ${at}: choose another HUB_PORT or HUB_HOST`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EINVAL':
      return `HUB_HOST "${err.host}" is not an address of this machine: use 0.0.0.0 (every interface), 127.0.0.1 (this machine only) or one of its own addresses`;
    default:
      return `the hub cannot listen on ${at} (${err.code}): check HUB_HOST and HUB_PORT`;
  }
}

async function serve(env: NodeJS.ProcessEnv): Promise<void> {
  const port = portFromEnv(env);
  let hub: Hub;
  try {
    hub = await startHub({
      databaseUrl: env.DATABASE_URL || undefined,
      dataDir: env.HUB_DATA_DIR || undefined,
      port,
      host: env.HUB_HOST || '0.0.0.0',
      tls: tlsFromEnv(env) ?? undefined,
      poolSize: poolSizeFromEnv(env),
    });
  } catch (err) {
    throw err instanceof ListenError ? new Error(listenProblem(err)) : err;
  }
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      console.error(`hub: stopping took over ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    // Closes the listener and every connection, ends the pool, stops the embedded PostgreSQL it owns.
    hub.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`hub: stopping failed: ${(err as Error)?.message ?? String(err)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  // Printed only once a signal is handled: a supervisor that sees it and signals at once gets a clean stop.
  console.log(`hub listening on ${hub.url}`);
}

runHubCli(process.argv.slice(2), { env: process.env, ...consoleOutput, serve }).then(
  (code) => {
    if (code !== undefined) process.exit(code);
  },
  (err: unknown) => {
    console.error(`hub: ${(err as Error)?.message ?? String(err)}`);
    process.exit(1);
  },
);
