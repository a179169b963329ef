/**
 * An operator setting the hub up from its README, with the usual mistakes: each gets one sentence
 * saying what is wrong and what to do (no stack, no raw PostgreSQL or Node wording), a non-zero exit,
 * and nothing changes. Set-up commands run in-process (runHubCli); `npm run hub` serving runs as a
 * child process; both against the file's one PostgreSQL.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { makeTempDir } from '../../hub/testing/postgres.js';
import { useHubFixture } from './fixture.js';
import { runHubCommand, runHubInProcess, type HubRun } from './hub-process.js';

const fx = useHubFixture();

/** A refusal: exit 1, nothing on stdout, one sentence on stderr matching `sentence`. */
function expectRefusal(run: HubRun, sentence: RegExp): void {
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(sentence);
  expect(run.stderr).not.toMatch(/\n\s+at |undefined|getaddrinfo|ECONNREFUSED|EADDRINUSE|authentication failed/);
  expect(run.code).toBe(1);
}

describe('operator mistakes', () => {
  it('says what is wrong with a DATABASE_URL that leads nowhere, without its password', async () => {
    const url = new URL((await fx.hub()).databaseUrl);
    const wrongPassword = new URL(url);
    wrongPassword.password = 'not-the-password';
    const noDatabase = new URL(url);
    noDatabase.pathname = '/no_such_db';
    const closedPort = new URL(url);
    closedPort.port = '1';
    const cases: [databaseUrl: string, sentence: RegExp][] = [
      ['not a url', /^hub: DATABASE_URL is not a URL; write it as postgres:\/\/USER:PASSWORD@HOST:5432\/DATABASE\n$/],
      ['mysql://db.example/hub', /^hub: DATABASE_URL must start with postgres:\/\/ \(it starts with mysql:\/\/\)/],
      [closedPort.href, /^hub: nothing accepts connections at 127\.0\.0\.1:1 \(DATABASE_URL\): start PostgreSQL there or correct the host and port\n$/],
      [wrongPassword.href, /^hub: PostgreSQL at 127\.0\.0\.1:\d+ refused user "postgres" \(wrong password, or no such user\): correct the user and password in DATABASE_URL/],
      [noDatabase.href, /^hub: there is no database "no_such_db" on 127\.0\.0\.1:\d+: create it \(createdb no_such_db\) or correct its name in DATABASE_URL\n$/],
    ];
    const [commands, served] = await Promise.all([
      Promise.all(cases.map(([databaseUrl]) => runHubInProcess(['add-warehouse', '--name', 'North'], { DATABASE_URL: databaseUrl }))),
      // The hub itself says the same and stops (the same code path: two cases are enough).
      Promise.all(cases.slice(2, 4).map(([databaseUrl]) => runHubCommand([], { DATABASE_URL: databaseUrl, HUB_PORT: '0', HUB_HOST: '127.0.0.1' }, 20_000))),
    ]);
    commands.forEach((run, i) => expectRefusal(run, cases[i]![1]));
    served.forEach((run, i) => expectRefusal(run, cases[i + 2]![1]));
    for (const run of [...commands, ...served]) expect(run.stderr).not.toContain(url.password);
  });

  it('says in one sentence that the database user may not create tables, with PostgreSQL\'s code and without its password', async () => {
    // A role that may connect but not create tables: what a DBA hands out by mistake.
    const owner = new URL(await fx.postgres().createDatabase());
    const database = owner.pathname.slice(1);
    const role = `hub_no_create_${process.pid}`;
    const admin = new pg.Client({ connectionString: owner.href });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'secret-pw-1'`);
      await admin.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
      await admin.query(`GRANT CONNECT ON DATABASE ${database} TO ${role}`);
    } finally {
      await admin.end();
    }
    const limited = new URL(owner);
    limited.username = role;
    limited.password = 'secret-pw-1';
    const sentence = new RegExp(
      `^hub: the database user "${role}" may not create tables in database "${database}" on 127\\.0\\.0\\.1:\\d+ \\(PostgreSQL error 42501\\): ` +
        `grant it CREATE on schema public \\(GRANT CREATE ON SCHEMA public TO "${role}"\\), or use the owner's account in DATABASE_URL\\n$`,
    );
    const [served, command] = await Promise.all([
      runHubCommand([], { DATABASE_URL: limited.href, HUB_PORT: '0', HUB_HOST: '127.0.0.1' }, 20_000),
      runHubInProcess(['add-warehouse', '--name', 'North'], { DATABASE_URL: limited.href }),
    ]);
    for (const run of [served, command]) {
      expectRefusal(run, sentence);
      expect(run.stderr).not.toMatch(/secret-pw-1|permission denied/);
    }
  });

  it('says which of HUB_PORT and HUB_HOST keeps the hub from listening', async () => {
    const hub = await fx.hub({ host: '127.0.0.1' });
    const env = { DATABASE_URL: hub.databaseUrl };
    const [inUse, blank, notHere] = await Promise.all([
      runHubCommand([], { ...env, HUB_PORT: String(hub.port), HUB_HOST: '127.0.0.1' }, 20_000),
      // " " is a mistake, not "any free port".
      runHubCommand([], { ...env, HUB_PORT: ' ', HUB_HOST: '127.0.0.1' }, 20_000),
      // TEST-NET-1: never an address of this machine.
      runHubCommand([], { ...env, HUB_PORT: '0', HUB_HOST: '192.0.2.1' }, 20_000),
    ]);
    expectRefusal(inUse, new RegExp(`^hub: HUB_PORT ${hub.port} is already in use on 127\\.0\\.0\\.1 \\(another hub or program listens there\\): stop it or choose another HUB_PORT\\n$`));
    expectRefusal(blank, /^hub: HUB_PORT must be a port number from 0 to 65535 \(0 = any free port\), got " "\n$/);
    expectRefusal(notHere, /^hub: HUB_HOST "192\.0\.2\.1" is not an address of this machine: use 0\.0\.0\.0 \(every interface\), 127\.0\.0\.1 \(this machine only\) or one of its own addresses\n$/);
    // The hub already there still serves.
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
  });

  it('says that HUB_DATA_DIR names a file, or a folder under a file, in one sentence (not Node\'s "EEXIST ... mkdir"), creating nothing', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'hub-data-dir-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    const file = path.join(root, 'hub.db');
    writeFileSync(file, '');
    const under = path.join(file, 'data');
    const [command, served, commandUnder] = await Promise.all([
      runHubInProcess(['add-warehouse', '--name', 'North'], { DATABASE_URL: '', HUB_DATA_DIR: file }),
      runHubCommand([], { DATABASE_URL: '', HUB_DATA_DIR: file, HUB_PORT: '0', HUB_HOST: '127.0.0.1' }, 20_000),
      runHubInProcess(['list'], { DATABASE_URL: '', HUB_DATA_DIR: under }),
    ]);
    const isAFile = `hub: the hub's data folder ${file} is a file, not a folder: set HUB_DATA_DIR to a folder this user may create or write\n`;
    for (const run of [command, served, commandUnder]) {
      expect(run.stdout).toBe('');
      expect(run.stderr).not.toMatch(/EEXIST|ENOTDIR|mkdir|\n\s+at /);
      expect(run.code).toBe(1);
    }
    // A set-up command first says which folder it uses, then why it cannot.
    expect(command.stderr).toBe(`hub: DATABASE_URL is not set: using the embedded PostgreSQL in ${file}\n${isAFile}`);
    expect(served.stderr).toBe(isAFile);
    expect(commandUnder.stderr).toMatch(new RegExp(`hub: the hub's data folder ${under.replaceAll('.', '\\.')} cannot be made \\(a folder on its path is a file\\): set HUB_DATA_DIR to a folder this user may create or write\n$`));
    expect(existsSync(under)).toBe(false);
  });

  it('names a credentials.json cut short in HUB_DATA_DIR, not with JSON.parse\'s "Unexpected end of JSON input"', async () => {
    // One the "postgres" user may enter, as a hub running as root needs.
    const dataDir = makeTempDir('hub-data-dir-');
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    // A cluster's marker is enough: the password is read before PostgreSQL is started.
    mkdirSync(path.join(dataDir, 'pg'));
    writeFileSync(path.join(dataDir, 'pg', 'PG_VERSION'), '17\n');
    const credentials = path.join(dataDir, 'credentials.json');
    writeFileSync(credentials, '{"password":');
    const run = await runHubInProcess(['list'], { DATABASE_URL: '', HUB_DATA_DIR: dataDir });
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toMatch(new RegExp(`\nhub: ${credentials.replaceAll('.', '\\.')} is missing or unreadable; the cluster in ${dataDir.replaceAll('.', '\\.')}/pg cannot be opened\n$`));
    expect(readFileSync(credentials, 'utf8')).toBe('{"password":');
  });

  it('refuses a blank --warehouse or integration --name as empty, not by looking up a warehouse or integration named ""', async () => {
    const hub = await fx.hub();
    const env = { DATABASE_URL: hub.databaseUrl };
    await hub.admin.addWarehouse('North');
    await hub.admin.addIntegration({ warehouse: 'North' });
    const [bench, revokeIntegration] = await Promise.all([
      runHubInProcess(['add-bench', '--warehouse', '  ', '--station', 'A'], env),
      runHubInProcess(['revoke-integration', '--warehouse', 'North', '--name', ' '], env),
    ]);
    // It was 'no warehouse named ""; add it first with add-warehouse --name ""', a warehouse no one may add.
    expectRefusal(bench, /^the warehouse name is empty\nusage: npm run hub -- add-bench /);
    expectRefusal(revokeIntegration, /^the integration name is empty\nusage: npm run hub -- revoke-integration /);
    const sql = await fx.sql(hub);
    expect((await sql.query('SELECT 1 FROM stations')).rowCount).toBe(0);
    expect((await sql.query('SELECT 1 FROM tokens WHERE revoked_at IS NOT NULL')).rowCount).toBe(0);
  });

  it('refuses a blank rename-bench or revoke-bench --station as empty, not as no station "  "', async () => {
    const hub = await fx.hub();
    const env = { DATABASE_URL: hub.databaseUrl };
    await hub.admin.addWarehouse('North');
    await hub.admin.addBench({ warehouse: 'North', station: 'A', name: 'Packing 1' });
    const [rename, revoke] = await Promise.all([
      runHubInProcess(['rename-bench', '--warehouse', 'North', '--station', '  ', '--name', 'Packing One'], env),
      runHubInProcess(['revoke-bench', '--warehouse', 'North', '--station', ' '], env),
    ]);
    expectRefusal(rename, /^the station id is empty\nusage: npm run hub -- rename-bench /);
    expectRefusal(revoke, /^the station id is empty\nusage: npm run hub -- revoke-bench /);
    const sql = await fx.sql(hub);
    expect((await sql.query('SELECT name FROM stations')).rows).toEqual([{ name: 'Packing 1' }]);
    expect((await sql.query('SELECT 1 FROM tokens WHERE revoked_at IS NOT NULL')).rowCount).toBe(0);
  });

  it('takes a --station with spaces around it as the station, as --warehouse is taken, in add-bench, rename-bench and revoke-bench', async () => {
    const hub = await fx.hub();
    const env = { DATABASE_URL: hub.databaseUrl };
    await hub.admin.addWarehouse('North');
    // add-bench refused " A" as no station id; rename-bench and revoke-bench answered 'no station " A"'.
    const added = await runHubInProcess(['add-bench', '--warehouse', ' North', '--station', ' A', '--name', 'Packing 1'], env);
    expect(added).toMatchObject({ code: 0, stderr: '', stdout: expect.stringMatching(/^bench added to warehouse "North" as station A \("Packing 1"\)\n/) });
    const renamed = await runHubInProcess(['rename-bench', '--warehouse', 'North', '--station', 'A ', '--name', 'Packing One'], env);
    expect(renamed).toMatchObject({ code: 0, stdout: 'station A is now "Packing One" (benches learn it when they next connect)\n' });
    const revoked = await runHubInProcess(['revoke-bench', '--warehouse', 'North', '--station', ' A '], env);
    expect(revoked).toMatchObject({ code: 0, stdout: 'token of station A revoked\n' });
    // A blank one is refused as empty by add-bench too (it was told what a station id is made of).
    expectRefusal(await runHubInProcess(['add-bench', '--warehouse', 'North', '--station', '  '], env), /^the station id is empty\nusage: npm run hub -- add-bench /);
    const sql = await fx.sql(hub);
    expect((await sql.query('SELECT station_id, name FROM stations')).rows).toEqual([{ station_id: 'A', name: 'Packing One' }]);
    expect((await sql.query("SELECT station_id, revoked_at IS NOT NULL AS revoked FROM tokens WHERE kind = 'bench'")).rows).toEqual([{ station_id: 'A', revoked: true }]);
  });

  it('refuses warehouse and integration names people could not tell apart or use again', async () => {
    const hub = await fx.hub();
    const env = { DATABASE_URL: hub.databaseUrl };
    expect((await runHubInProcess(['add-warehouse', '--name', 'North'], env)).code).toBe(0);
    const [lowerCase, control, emptyIntegration, blankIntegration, wrongCase] = await Promise.all([
      runHubInProcess(['add-warehouse', '--name', 'north'], env),
      runHubInProcess(['add-warehouse', '--name', 'South\u0007'], env),
      runHubInProcess(['add-integration', '--warehouse', 'North', '--name', ''], env),
      runHubInProcess(['add-integration', '--warehouse', 'North', '--name', '  '], env),
      runHubInProcess(['add-bench', '--warehouse', 'NORTH', '--station', 'A'], env),
    ]);
    const usage = '\nusage: npm run hub -- ';
    expectRefusal(lowerCase, /^warehouse "North" already exists \(names differing only in case are refused\); use "North" or another name\n/);
    expectRefusal(control, /^the warehouse name contains a control character \(U\+0007\)\n/);
    // An integration named "" could never be revoked (revoke-integration requires --name).
    expectRefusal(emptyIntegration, /^the integration name is empty\n/);
    expectRefusal(blankIntegration, /^the integration name is empty\n/);
    expectRefusal(wrongCase, /^no warehouse named "NORTH"; did you mean "North"\? \(names are case-sensitive\)\n/);
    for (const run of [lowerCase, control, emptyIntegration, wrongCase]) expect(run.stderr).toContain(usage);

    // Nothing was added.
    const sql = await fx.sql(hub);
    expect((await sql.query<{ name: string }>('SELECT name FROM warehouses ORDER BY id')).rows).toEqual([{ name: 'North' }]);
    expect((await sql.query('SELECT 1 FROM tokens')).rowCount).toBe(0);
    expect((await sql.query('SELECT 1 FROM stations')).rowCount).toBe(0);
  });
});
