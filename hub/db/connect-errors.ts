/**
 * A database the hub cannot open at start (DATABASE_URL malformed, nothing listening, wrong password,
 * no such database) gets one sentence naming what is wrong and what to do, never node-postgres's or
 * PostgreSQL's own wording ("getaddrinfo ENOTFOUND base" for a URL that is not one). The password is
 * never repeated.
 */
import pg from 'pg';
import { CONNECT_TIMEOUT_MS } from './pool.js';

export class DatabaseUrlError extends Error {}

const SCHEMES = new Set(['postgres:', 'postgresql:', 'socket:']);
const EXAMPLE = 'postgres://USER:PASSWORD@HOST:5432/DATABASE';

interface Target {
  where: string;
  user: string;
  database: string;
}

/** The parts of DATABASE_URL a message may name, or a DatabaseUrlError when it is not a PostgreSQL URL. */
export function parseDatabaseUrl(databaseUrl: string): Target {
  let url: URL;
  try {
    // node-postgres also connects with a user and no host ("postgres://hub:pw@/hubdb?host=/run/postgresql",
    // a Unix socket), which URL alone refuses: it is read with a stand-in host, as node-postgres does.
    url = new URL(databaseUrl.replace('@/', '@localhost/'));
  } catch {
    throw new DatabaseUrlError(`DATABASE_URL is not a URL; write it as ${EXAMPLE}`);
  }
  if (!SCHEMES.has(url.protocol)) {
    throw new DatabaseUrlError(`DATABASE_URL must start with postgres:// (it starts with ${url.protocol}//); write it as ${EXAMPLE}`);
  }
  // What the pool connects to (?host=, ?port=, a socket's ?db=, the default user and database), as
  // node-postgres's own parser reads it; a Client connects to nothing until asked.
  let client: pg.Client;
  try {
    client = new pg.Client({ connectionString: databaseUrl });
  } catch {
    throw new DatabaseUrlError(`DATABASE_URL cannot be read as a PostgreSQL URL (its ssl files included); write it as ${EXAMPLE}`);
  }
  const host = client.host || 'localhost';
  return {
    where: host.startsWith('/') ? host : `${host}:${client.port}`,
    user: client.user || 'the default user',
    database: client.database || 'the default database',
  };
}

interface ConnectFailure {
  code?: unknown;
  message?: unknown;
  errors?: unknown;
}

function codeOf(err: unknown): string {
  const error = err as ConnectFailure | null;
  if (error === null || typeof error !== 'object') return '';
  if (typeof error.code === 'string' && error.code !== '') return error.code;
  // Node's AggregateError: one error per address tried (::1 and 127.0.0.1).
  if (Array.isArray(error.errors)) for (const inner of error.errors) if (codeOf(inner)) return codeOf(inner);
  return '';
}

/** The sentence for a failure to connect to DATABASE_URL at start. */
export function describeConnectFailure(databaseUrl: string, err: unknown): string {
  const { where, user, database } = parseDatabaseUrl(databaseUrl);
  const code = codeOf(err);
  const message = typeof (err as ConnectFailure | null)?.message === 'string' ? (err as { message: string }).message : '';
  switch (code) {
    case 'ECONNREFUSED':
      return `nothing accepts connections at ${where} (DATABASE_URL): start PostgreSQL there or correct the host and port`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the database host in DATABASE_URL (${where}) cannot be found: correct the host name`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `the database at ${where} (DATABASE_URL) cannot be reached: check the host, the port and any firewall between`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${where} refused user "${user}" (wrong password, or no such user): correct the user and password in DATABASE_URL (percent-encode special characters)`;
    case '3D000':
      return `there is no database "${database}" on ${where}: create it (createdb ${database}) or correct its name in DATABASE_URL`;
    case '53300':
      return `PostgreSQL at ${where} has no connection left (max_connections): close some or lower HUB_DB_POOL_SIZE`;
    case '57P03':
      return `PostgreSQL at ${where} is starting up or shutting down: start the hub again in a moment`;
  }
  if (/timeout exceeded when trying to connect/i.test(message)) {
    return `the database at ${where} (DATABASE_URL) did not answer within ${CONNECT_TIMEOUT_MS / 1000} s: check the host, the port and any firewall between`;
  }
  if (/ssl|tls|certificate/i.test(message)) {
    return `the TLS connection to the database at ${where} failed (${message}): check sslmode and sslrootcert in DATABASE_URL`;
  }
  return `cannot connect to the database at ${where} (DATABASE_URL)${code ? ` (${code})` : ''}: check DATABASE_URL and that PostgreSQL runs there`;
}

/** A PostgreSQL error code (SQLSTATE: five digits or capitals), or '' for anything else. */
function sqlStateOf(err: unknown): string {
  const code = codeOf(err);
  return /^[0-9A-Z]{5}$/.test(code) ? code : '';
}

/**
 * The sentence for migrations PostgreSQL refused at start (`migration` names the one running, if any).
 * PostgreSQL's error code is kept for the DBA; its wording only where no sentence fits.
 */
export function describeMigrationFailure(databaseUrl: string, err: unknown, migration: { version: number; name: string } | null): string {
  const { where, user, database } = parseDatabaseUrl(databaseUrl);
  const code = sqlStateOf(err);
  const message = typeof (err as ConnectFailure | null)?.message === 'string' ? (err as { message: string }).message : '';
  if (!code) return describeConnectFailure(databaseUrl, err);
  switch (code) {
    case '42501':
      if (/must be owner/i.test(message)) {
        return `the database user "${user}" does not own the hub's tables in database "${database}" on ${where} (PostgreSQL error 42501), so it cannot update them: use the account that created them in DATABASE_URL`;
      }
      return `the database user "${user}" may not create tables in database "${database}" on ${where} (PostgreSQL error 42501): grant it CREATE on schema public (GRANT CREATE ON SCHEMA public TO "${user}"), or use the owner's account in DATABASE_URL`;
    case '25006':
      return `the database at ${where} (DATABASE_URL) only accepts reads (PostgreSQL error 25006; a standby?): point DATABASE_URL at the primary server`;
    case '53100':
      return `the database server at ${where} is out of disk space (PostgreSQL error 53100): free some and start the hub again`;
  }
  const step = migration ? `migration ${migration.version} (${migration.name})` : 'the migrations';
  return `PostgreSQL at ${where} refused ${step} of database "${database}" (PostgreSQL error ${code}: ${message}): fix the cause (the server's log says more) and start the hub again`;
}
