/**
 * `npm run hub` starts the hub; `npm run hub -- <command>` runs a set-up command (see cli.ts).
 * Environment: DATABASE_URL (else an embedded PostgreSQL in HUB_DATA_DIR, default ./.hub-data),
 * HUB_PORT (default 8787; 0 = any free port), HUB_HOST (default 0.0.0.0), HUB_TLS_CERT + HUB_TLS_KEY
 * (PEM files: serve HTTPS), HUB_DB_POOL_SIZE (database connections, default 10).
 */
import { runCommand, usage } from './cli.js';
import { startHub } from './hub.js';
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

async function serve(env: NodeJS.ProcessEnv): Promise<void> {
  const port = env.HUB_PORT === undefined || env.HUB_PORT === '' ? DEFAULT_PORT : Number(env.HUB_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`HUB_PORT must be a port number, got "${env.HUB_PORT}"`);
  const hub = await startHub({
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.HUB_DATA_DIR || undefined,
    port,
    host: env.HUB_HOST || '0.0.0.0',
    tls: tlsFromEnv(env) ?? undefined,
    poolSize: poolSizeFromEnv(env),
  });
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

async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...args] = argv;
  if (command === undefined || command === 'serve') {
    await serve(process.env);
    return undefined;
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(usage());
    return 0;
  }
  return runCommand(command, args, process.env);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exit(code);
  },
  (err: unknown) => {
    console.error(`hub: ${(err as Error)?.message ?? String(err)}`);
    process.exit(1);
  },
);
