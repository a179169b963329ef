/**
 * DATABASE_URL as node-postgres reads it: a form it connects with is never refused as "not a URL" at the
 * hub's start, and the one sentence for a failure names what node-postgres was really connecting to.
 */
import { describe, expect, it } from 'vitest';
import { DatabaseUrlError, describeConnectFailure, parseDatabaseUrl } from '../../hub/db/connect-errors.js';

describe('DATABASE_URL at the hub start', () => {
  it('takes a Unix socket given as ?host= with a user and no host (node-postgres connects with it)', () => {
    const url = 'postgres://hub:s3cret@/hubdb?host=/var/run/postgresql';
    expect(() => parseDatabaseUrl(url)).not.toThrow();
    const said = describeConnectFailure(url, { code: '3D000' });
    expect(said).toBe('there is no database "hubdb" on /var/run/postgresql: create it (createdb hubdb) or correct its name in DATABASE_URL');
    expect(said).not.toContain('s3cret');
  });

  it('names the database of a socket: URL from its db parameter, not the socket path', () => {
    expect(describeConnectFailure('socket:/var/run/postgresql?db=hubdb', { code: '3D000' })).toContain('no database "hubdb" on /var/run/postgresql');
  });

  it('names host, port, user and database of an ordinary URL, never the password', () => {
    const said = describeConnectFailure('postgres://hub:p%40ss@db.example:6543/trace', { code: '28P01' });
    expect(said).toBe('PostgreSQL at db.example:6543 refused user "hub" (wrong password, or no such user): correct the user and password in DATABASE_URL (percent-encode special characters)');
    expect(describeConnectFailure('postgres://hub@db.example/trace', { code: 'ECONNREFUSED' })).toContain('at db.example:5432');
  });

  it('still refuses what is not a PostgreSQL URL, in one sentence', () => {
    expect(() => parseDatabaseUrl('base')).toThrow(DatabaseUrlError);
    expect(() => parseDatabaseUrl('mysql://x@y/z')).toThrow(/must start with postgres:\/\//);
  });
});
