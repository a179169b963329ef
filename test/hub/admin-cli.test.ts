/**
 * The set-up commands as an operator types them (`npm run hub -- ...` run in-process through runHubCli,
 * the entry point of hub/main.ts, with a few as a child process proving that wiring; real PostgreSQL):
 * renaming a warehouse, help, typos and stray arguments. Refusals are one sentence on stderr, a
 * non-zero exit, and change nothing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../hub/db/embedded.js';
import { useHubFixture } from './fixture.js';
import { runHubCommand, runHubInProcess } from './hub-process.js';

const fx = useHubFixture();

async function whoami(url: string, token: string): Promise<{ warehouse: string }> {
  const res = await fetch(`${url}/v1/whoami`, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()) as { warehouse: string };
}

describe('set-up commands', () => {
  it('rename-warehouse renames under the same name rules as add-warehouse; benches learn the new name', async () => {
    const hub = await fx.hub({ host: '127.0.0.1' });
    const env = { DATABASE_URL: hub.databaseUrl };
    const sql = await fx.sql(hub);
    await hub.admin.addWarehouse('North');
    await hub.admin.addWarehouse('South');
    const { token } = await hub.admin.addBench({ warehouse: 'North', station: 'A' });
    const names = async () => (await sql.query<{ name: string }>('SELECT name FROM warehouses ORDER BY id')).rows.map((r) => r.name);

    const refusals = await Promise.all([
      runHubInProcess(['rename-warehouse', '--name', 'North', '--to', 'south'], env),
      runHubInProcess(['rename-warehouse', '--name', 'North', '--to', 'Nor\u0007th'], env),
      runHubInProcess(['rename-warehouse', '--name', 'North', '--to', '  '], env),
      runHubInProcess(['rename-warehouse', '--name', 'north', '--to', 'East'], env),
      runHubInProcess(['rename-warehouse', '--name', 'West', '--to', 'East'], env),
      runHubInProcess(['rename-warehouse', '--name', 'North', '--to', ' North '], env),
      runHubInProcess(['rename-warehouse', '--name', 'North'], env),
    ]);
    const sentences = [
      /^warehouse "South" already exists \(names differing only in case are refused\); use another name\n/,
      /^the warehouse name contains a control character \(U\+0007\)\n/,
      /^the warehouse name is empty\n/,
      /^no warehouse named "north"; did you mean "North"\? \(names are case-sensitive\)\n/,
      /^no warehouse named "West"; add it first with add-warehouse --name "West"\n/,
      /^warehouse "North" is already named "North"; nothing changed\n/,
      /^--to is required\n/,
    ];
    refusals.forEach((run, i) => {
      expect(run.stdout, String(i)).toBe('');
      expect(run.stderr, String(i)).toMatch(sentences[i]!);
      expect(run.code, String(i)).not.toBe(0);
    });
    expect(await names()).toEqual(['North', 'South']);

    const renamed = await runHubInProcess(['rename-warehouse', '--name', 'North', '--to', ' Nörth "Site" 2 '], env);
    expect(renamed).toMatchObject({ code: 0, stderr: '' });
    expect(renamed.stdout).toBe('warehouse "North" is now "Nörth "Site" 2" (benches learn it when they next connect)\n');
    expect(await names()).toEqual(['Nörth "Site" 2', 'South']);
    // The bench's token still works, and the hub names the warehouse anew.
    expect((await whoami(hub.url, token)).warehouse).toBe('Nörth "Site" 2');
    // A change of case alone is a rename, not a clash with itself.
    expect((await runHubInProcess(['rename-warehouse', '--name', 'South', '--to', 'SOUTH'], env)).code).toBe(0);
    expect(await names()).toEqual(['Nörth "Site" 2', 'SOUTH']);
  });

  it('answers help, typos, repeated flags and a second revoke in one sentence, changing nothing', async () => {
    const hub = await fx.hub();
    const env = { DATABASE_URL: hub.databaseUrl };
    const sql = await fx.sql(hub);
    await hub.admin.addWarehouse('North');
    await hub.admin.addBench({ warehouse: 'North', station: 'A' });
    await hub.admin.revokeBench({ warehouse: 'North', station: 'A' });
    const [help, typo, twice, revokedAgain, positional] = await Promise.all([
      runHubInProcess(['add-warehouse', '--help'], env),
      runHubInProcess(['add-warehuose', '--name', 'South'], env),
      runHubInProcess(['add-warehouse', '--name', 'South', '--name', 'East'], env),
      runHubInProcess(['revoke-bench', '--warehouse', 'North', '--station', 'A'], env),
      runHubInProcess(['add-warehouse', 'South'], env),
    ]);
    expect.soft(help).toMatchObject({ code: 0, stdout: expect.stringMatching(/^usage: npm run hub -- add-warehouse --name <name>\n/), stderr: '' });
    expect.soft(typo.stderr).toMatch(/^unknown command "add-warehuose"; did you mean "add-warehouse"\?\n/);
    expect.soft(twice.stderr).toMatch(/^--name is given twice \("South", "East"\); give it once\n/);
    expect.soft(revokedAgain.stderr).toMatch(/^the token of station "A" in warehouse "North" is already revoked; add-bench --warehouse "North" --station "A" issues a new one\n/);
    expect.soft(positional.stderr).toMatch(/^unexpected argument "South" \(flags are written --flag value\)\n/);
    for (const run of [typo, twice, revokedAgain, positional]) {
      expect(run.stdout).toBe('');
      expect(run.code).not.toBe(0);
    }
    expect((await sql.query<{ name: string }>('SELECT name FROM warehouses ORDER BY id')).rows).toEqual([{ name: 'North' }]);
  });

  it('help <command> shows that command\'s usage; outputs name the stored warehouse; revoking an unknown station says there is none', async () => {
    const hub = await fx.hub();
    const env = { DATABASE_URL: hub.databaseUrl };
    await hub.admin.addWarehouse('North');
    const [help, helpUnknown, bench, integration, noStation, missingFlag] = await Promise.all([
      runHubInProcess(['help', 'revoke-bench'], env),
      runHubInProcess(['help', 'revoke-bnech'], env),
      runHubInProcess(['add-bench', '--warehouse', ' North ', '--station', 'A'], env),
      runHubInProcess(['add-integration', '--warehouse', ' North '], env),
      runHubInProcess(['revoke-bench', '--warehouse', ' North ', '--station', 'Z'], env),
      runHubInProcess(['revoke-bench', '--warehouse', 'North'], env),
    ]);
    expect.soft(help).toMatchObject({ code: 0, stdout: expect.stringMatching(/^usage: npm run hub -- revoke-bench --warehouse <name> --station <id>\n/), stderr: '' });
    expect.soft(helpUnknown).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^unknown command "revoke-bnech"; did you mean "revoke-bench"\?\n/) });
    expect.soft(bench.stdout).toMatch(/^bench added to warehouse "North" as station A \("A"\)\n/);
    expect.soft(integration.stdout).toMatch(/^integration "orders" added to warehouse "North" /);
    expect.soft(noStation).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^no station "Z" in warehouse "North"\n/) });
    // README: a required flag missing is a refusal (1); flags it cannot read are 2.
    expect.soft(missingFlag).toMatchObject({ code: 1, stderr: expect.stringMatching(/^--station is required\n/) });
  });

  it('help serve and help help answer with their usage; a revoked integration is named trimmed; "-h" after --name is no help, and no name', async () => {
    const hub = await fx.hub();
    const env = { DATABASE_URL: hub.databaseUrl };
    const sql = await fx.sql(hub);
    await hub.admin.addWarehouse('North');
    await hub.admin.addIntegration({ warehouse: 'North', name: 'orders' });
    const [helpServe, helpHelp, serveHelp, revoked, dashH] = await Promise.all([
      runHubInProcess(['help', 'serve'], env),
      runHubInProcess(['help', 'help'], env),
      runHubInProcess(['serve', '--help'], env),
      runHubInProcess(['revoke-integration', '--warehouse', 'North', '--name', ' orders '], env),
      runHubInProcess(['add-warehouse', '--name', '-h'], env),
    ]);
    expect.soft(helpServe).toMatchObject({ code: 0, stderr: '', stdout: expect.stringMatching(/^usage: npm run hub +start the hub \(HUB_PORT, HUB_HOST, DATABASE_URL or HUB_DATA_DIR\)\n[^]*\nexample: /) });
    expect.soft(helpHelp).toMatchObject({ code: 0, stderr: '', stdout: expect.stringMatching(/^usage: npm run hub +start the hub[^]*add-warehouse --name <name>\n/) });
    expect.soft(serveHelp).toEqual(helpServe);
    expect.soft(revoked).toEqual({ code: 0, stdout: 'integration "orders" revoked\n', stderr: '' });
    expect.soft(dashH).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^--name needs a value \("-h" asks for help; for a name "-h" write --name=-h\)\n/) });
    expect((await sql.query<{ name: string }>('SELECT name FROM warehouses ORDER BY id')).rows).toEqual([{ name: 'North' }]);
  });

  it('list shows what exists: warehouses (with former names), benches and integrations, and whether their tokens are live', async () => {
    const hub = await fx.hub();
    const env = { DATABASE_URL: hub.databaseUrl };
    expect(await runHubInProcess(['list'], env)).toEqual({
      code: 0,
      stdout: 'no warehouses yet; add one with: npm run hub -- add-warehouse --name <name>\n',
      stderr: '',
    });
    await hub.admin.addWarehouse('North');
    await hub.admin.addWarehouse('South');
    await hub.admin.addBench({ warehouse: 'North', station: 'A', name: 'Packing "1"' });
    await hub.admin.addBench({ warehouse: 'North', station: 'B' });
    await hub.admin.revokeBench({ warehouse: 'North', station: 'B' });
    await hub.admin.addIntegration({ warehouse: 'North' });
    await hub.admin.renameWarehouse({ name: 'North', to: 'Nörth' });
    expect(await runHubInProcess(['list'], env)).toEqual({
      code: 0,
      stdout: [
        'warehouse "Nörth" (formerly "North")',
        '  bench A "Packing \\"1\\"": token live, never used',
        '  bench B "B": token revoked',
        '  integration "orders": token live, never used',
        'warehouse "South"',
        '  no benches or integrations yet',
        '',
      ].join('\n'),
      stderr: '',
    });
    const extra = await runHubInProcess(['list', '--name', 'North'], env);
    expect(extra).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^unknown flag --name; list takes no flags\n/) });
  });

  it('rename-bench names the station meant when the id differs only in case, as revoke-bench does, renaming nothing', async () => {
    const hub = await fx.hub();
    const env = { DATABASE_URL: hub.databaseUrl };
    const sql = await fx.sql(hub);
    await hub.admin.addWarehouse('North');
    await hub.admin.addBench({ warehouse: 'North', station: 'A', name: 'Packing 1' });
    const [rename, revoke] = await Promise.all([
      runHubInProcess(['rename-bench', '--warehouse', 'North', '--station', 'a', '--name', 'Packing One'], env),
      runHubInProcess(['revoke-bench', '--warehouse', 'North', '--station', 'a'], env),
    ]);
    const meant = /^no station "a" in warehouse "North"; did you mean "A"\? \(station ids are case-sensitive\)\n/;
    expect.soft(rename).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(meant) });
    expect.soft(revoke).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(meant) });
    expect((await sql.query('SELECT name FROM stations')).rows).toEqual([{ name: 'Packing 1' }]);
  });

  it('names a flag the command does not take even when it comes without a value (a switch such as --force), not as a flag missing its value', async () => {
    const hub = await fx.hub();
    const env = { DATABASE_URL: hub.databaseUrl };
    const sql = await fx.sql(hub);
    const [last, beforeAnother, known] = await Promise.all([
      runHubInProcess(['list', '--verbose'], env),
      runHubInProcess(['add-warehouse', '--force', '--name', 'North'], env),
      runHubInProcess(['add-warehouse', '--name'], env),
    ]);
    // "--verbose needs a value" sent the operator to give it one, only to be told then that it is no flag of list.
    expect.soft(last).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^unknown flag --verbose; list takes no flags\n/) });
    expect.soft(beforeAnother).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^unknown flag --force; add-warehouse takes --name\n/) });
    // A flag the command takes still needs its value.
    expect.soft(known).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^--name needs a value\n/) });
    expect((await sql.query('SELECT 1 FROM warehouses')).rowCount).toBe(0);
  });

  it('as a process (hub/main.ts), prints, exits and changes the database byte for byte as the in-process runs of these tests', async () => {
    const hub = await fx.hub();
    const env = { DATABASE_URL: hub.databaseUrl };
    const sql = await fx.sql(hub);
    const asked: string[][] = [
      ['revoke-bench', '--warehouse', 'Nowhere', '--station', 'A'],
      ['lsit'],
      ['help'],
    ];
    const notAUrl = { DATABASE_URL: 'not a url' };
    const [added, failed, ...runs] = await Promise.all([
      runHubCommand(['add-warehouse', '--name', 'North'], env),
      runHubCommand(['list'], notAUrl),
      ...asked.map((args) => runHubCommand(args, env)),
    ]);
    expect(added).toEqual({ code: 0, stdout: 'warehouse "North" added\n', stderr: '' });
    expect((await sql.query<{ name: string }>('SELECT name FROM warehouses')).rows).toEqual([{ name: 'North' }]);
    expect(failed).toEqual({ code: 1, stdout: '', stderr: 'hub: DATABASE_URL is not a URL; write it as postgres://USER:PASSWORD@HOST:5432/DATABASE\n' });
    expect(runs.map((run) => run.code)).toEqual([1, 2, 0]);
    expect(runs[0]!.stderr).toMatch(/^no warehouse named "Nowhere"; add it first with add-warehouse --name "Nowhere"\nusage: npm run hub -- revoke-bench /);
    expect(runs[2]!.stdout).toMatch(/^usage: npm run hub +start the hub[^]*\n {7}npm run hub -- help <command> +what a command does[^\n]*\n$/);
    // The same words, streams and codes in this process: what the other tests check holds for the process.
    expect(await runHubInProcess(['list'], notAUrl)).toEqual(failed);
    expect(await runHubInProcess(['add-warehouse', '--name', 'North'], env)).toMatchObject({ code: 1, stdout: '' });
    for (const [i, args] of asked.entries()) expect(await runHubInProcess(args, env), args.join(' ')).toEqual(runs[i]);
  });

  it('refuses arguments after serve (its settings are environment variables), instead of serving on another port than asked', async () => {
    const hub = await fx.hub();
    const env = { DATABASE_URL: hub.databaseUrl, HUB_PORT: '0', HUB_HOST: '127.0.0.1' };
    // It started on HUB_PORT (8787 by default) and printed where: easy to miss behind "--port 9000".
    const run = await runHubCommand(['serve', '--port', '9000'], env, 20_000);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'serve takes no arguments (got "--port", "9000"): set HUB_PORT, HUB_HOST, DATABASE_URL or HUB_DATA_DIR instead, e.g. HUB_PORT=9000 npm run hub\n',
    });
  });

  it('answers a --warehouse that is a former name or a typo with the warehouse meant, not with advice to add one', async () => {
    const hub = await fx.hub();
    const env = { DATABASE_URL: hub.databaseUrl };
    const sql = await fx.sql(hub);
    await hub.admin.addWarehouse('North');
    await hub.admin.addWarehouse('Harbour Depot');
    await hub.admin.renameWarehouse({ name: 'North', to: 'North Site' });
    const [former, formerOtherCase, typo, unknown] = await Promise.all([
      runHubInProcess(['add-bench', '--warehouse', 'North', '--station', 'A'], env),
      runHubInProcess(['revoke-integration', '--warehouse', 'north', '--name', 'orders'], env),
      runHubInProcess(['add-integration', '--warehouse', 'Harbor Depot'], env),
      runHubInProcess(['add-bench', '--warehouse', 'East', '--station', 'A'], env),
    ]);
    // It was 'add it first with add-warehouse --name "North"', which add-warehouse then refused (a former name).
    expect.soft(former).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^no warehouse named "North"; it was renamed to "North Site"; use "North Site"\n/) });
    expect.soft(formerOtherCase).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^no warehouse named "north"; "North" was renamed to "North Site"; use "North Site"\n/) });
    // A typo was sent to add a second, misspelt warehouse.
    expect.soft(typo).toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/^no warehouse named "Harbor Depot"; did you mean "Harbour Depot"\? If not, add it first with add-warehouse --name "Harbor Depot"\n/),
    });
    expect.soft(unknown).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^no warehouse named "East"; add it first with add-warehouse --name "East"\n/) });
    expect((await sql.query('SELECT 1 FROM stations')).rowCount).toBe(0);
    expect((await sql.query('SELECT 1 FROM tokens')).rowCount).toBe(0);
  });

  it('<command> --help says what the command does and what each flag means, with an example that runs as written', async () => {
    const hub = await fx.hub();
    const env = { DATABASE_URL: hub.databaseUrl };
    await hub.admin.addWarehouse('North');
    const order = ['add-warehouse', 'rename-warehouse', 'add-bench', 'rename-bench', 'revoke-bench', 'add-integration', 'revoke-integration', 'list'];
    const [addBench, ...helps] = await Promise.all([runHubInProcess(['add-bench', '--help'], env), ...order.map((command) => runHubInProcess(['help', command], env))]);
    // It was the usage line alone: what --station is, or that the token is shown only once, was nowhere.
    expect(addBench).toMatchObject({ code: 0, stderr: '' });
    expect(addBench.stdout).toMatch(/^usage: npm run hub -- add-bench --warehouse <name> \[--station <id>\] \[--name <shown name>\]\n[^\n]*token, once/);
    expect(addBench.stdout).toMatch(/\n {2}--station +the station's id: 1 to 100 letters, digits/);
    const examples = helps.map((help, i) => {
      expect(help, order[i]).toMatchObject({ code: 0, stderr: '' });
      // Each flag of the usage line has a line saying what it means.
      const usageLine = help.stdout.split('\n')[0]!;
      for (const [flag] of usageLine.matchAll(/--[a-z]+/g)) expect(help.stdout, `${order[i]} ${flag}`).toMatch(new RegExp(`\\n {2}${flag} +\\S`));
      const example = /\nexample: npm run hub -- (.+)\n$/.exec(help.stdout)?.[1];
      expect(example, order[i]).toBeDefined();
      return example!;
    });
    // Run in order, each example does what it says.
    for (const [i, example] of examples.entries()) {
      const args = [...example.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
      expect(args[0]).toBe(order[i]);
      expect(await runHubInProcess(args, env), example).toMatchObject({ code: 0, stderr: '' });
    }
  });

  it('help serve says what each environment variable the hub reads means, with its default and an example', async () => {
    const help = await runHubInProcess(['help', 'serve'], {});
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^usage: npm run hub +start the hub/);
    // It named four of them, without a default: HTTPS and the pool size were in the README alone.
    const meanings: Record<string, RegExp> = {
      DATABASE_URL: /postgres:\/\/USER:PASSWORD@HOST:5432\/DATABASE/,
      HUB_DATA_DIR: /default \.\/\.hub-data/,
      HUB_PORT: /default 8787; 0 = any free port/,
      HUB_HOST: /default 0\.0\.0\.0/,
      HUB_TLS_CERT: /PEM/,
      HUB_TLS_KEY: /PEM/,
      HUB_DB_POOL_SIZE: /default 10/,
    };
    for (const [variable, meaning] of Object.entries(meanings)) {
      const line = help.stdout.split('\n').find((l) => l.trimStart().startsWith(`${variable} `));
      expect(line, variable).toMatch(meaning);
    }
    expect(help.stdout).toMatch(/\nexample: HUB_PORT=9000 npm run hub\n$/);
    expect((await runHubInProcess(['serve', '--help'], {})).stdout).toBe(help.stdout);
  });

  it('runs the set-up examples of hub/README.md as written, in order', async () => {
    const hub = await fx.hub();
    const readme = readFileSync(new URL('../../hub/README.md', import.meta.url), 'utf8');
    const block = /```\n([\s\S]*?)```/.exec(readme)![1]!;
    // Each `npm run hub -- ...` line, its comment dropped and its [optional] flags given.
    const examples = block
      .split('\n')
      .filter((line) => line.startsWith('npm run hub -- '))
      .map((line) => line.slice('npm run hub -- '.length).replace(/\s+#.*$/, '').replace(/[[\]]/g, ''))
      .map((line) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!));
    expect(examples.length).toBeGreaterThan(5);
    for (const args of examples) {
      const run = await runHubInProcess(args, { DATABASE_URL: hub.databaseUrl });
      expect(run, args.join(' ')).toMatchObject({ code: 0, stderr: '' });
    }
  });

  it('says which database a set-up command used when DATABASE_URL is not set', async () => {
    // A hub serving DATABASE_URL and a set-up command typed in a shell without it would otherwise
    // part ways silently: the warehouse lands in an embedded database no hub serves.
    const env = { HUB_DATA_DIR: fx.postgres().tempDir('cli-embedded'), DATABASE_URL: '' };
    await (await startEmbeddedPostgres({ dataDir: env.HUB_DATA_DIR, durable: false })).stop();
    const run = await runHubInProcess(['add-warehouse', '--name', 'North'], env);
    expect(run).toEqual({
      code: 0,
      stdout: 'warehouse "North" added\n',
      stderr: `hub: DATABASE_URL is not set: using the embedded PostgreSQL in ${env.HUB_DATA_DIR}\n`,
    });
  });
});
