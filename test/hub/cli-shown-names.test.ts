/**
 * What the set-up commands print holds names from the command line and from the database (some stored
 * before the name rules of migrations 6 and 24): a control character in one (an ESC sequence, a line
 * break, a C1 CSI) is shown escaped (\u001b), never sent to the operator's terminal. And renaming to
 * the name held says so, changing nothing. Run in-process through runHubCli (hub/main.ts's entry point;
 * one as a child process), real PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { useHubFixture } from './fixture.js';
import { runHubCommand, runHubInProcess, type HubRun } from './hub-process.js';

const fx = useHubFixture();

/** Any control character but the line feeds between the lines printed. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

function printsNoControl(run: HubRun, label: string): void {
  expect.soft(run.stdout, label).not.toMatch(RAW_CONTROL);
  expect.soft(run.stderr, label).not.toMatch(RAW_CONTROL);
}

describe('names the set-up commands print', () => {
  it('shows control characters in names stored before the rules escaped, in outputs and refusals', async () => {
    const hub = await fx.hub();
    const env = { DATABASE_URL: hub.databaseUrl };
    const sql = await fx.sql(hub);
    await hub.admin.addWarehouse('North');
    await hub.admin.addBench({ warehouse: 'North', station: 'A', name: 'Packing 1' });
    await hub.admin.addIntegration({ warehouse: 'North', name: 'orders' });
    // Names stored before the rules: the hub keeps serving them, so the commands meet them.
    await sql.query('ALTER TABLE warehouses DROP CONSTRAINT warehouses_name_bounds');
    await sql.query('ALTER TABLE stations DROP CONSTRAINT stations_name_bounds');
    await sql.query("UPDATE warehouses SET name = E'Nor\\u001b[2Jth'");
    await sql.query("UPDATE stations SET name = E'Pack\\u009b31ming\\n1'");

    const list = await runHubInProcess(['list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toBe(
      ['warehouse "Nor\\u001b[2Jth"', '  bench A "Pack\\u009b31ming\\n1": token live, never used', '  integration "orders": token live, never used', ''].join('\n'),
    );

    const [meant, newToken, renamed] = await Promise.all([
      runHubInProcess(['add-bench', '--warehouse', 'nor\u001b[2Jth', '--station', 'B'], env),
      runHubInProcess(['revoke-integration', '--warehouse', 'Nor\u001b[2Jth', '--name', 'orders'], env),
      runHubInProcess(['rename-bench', '--warehouse', 'Nor\u001b[2Jth', '--station', 'A', '--name', 'Packing One'], env),
    ]);
    expect.soft(meant).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^no warehouse named "nor\\u001b\[2Jth"; did you mean "Nor\\u001b\[2Jth"\? \(names are case-sensitive\)\n/),
    });
    expect.soft(newToken).toMatchObject({ code: 0, stdout: 'integration "orders" revoked\n' });
    expect.soft(renamed).toMatchObject({ code: 0, stdout: 'station A is now "Packing One" (benches learn it when they next connect)\n' });
    const added = await runHubInProcess(['add-bench', '--warehouse', 'Nor\u001b[2Jth', '--station', 'B'], env);
    expect.soft(added).toMatchObject({ code: 0, stdout: expect.stringMatching(/^bench added to warehouse "Nor\\u001b\[2Jth" as station B \("B"\)\n/) });
    const moved = await runHubInProcess(['rename-warehouse', '--name', 'Nor\u001b[2Jth', '--to', 'North'], env);
    expect.soft(moved).toMatchObject({ code: 0, stdout: 'warehouse "Nor\\u001b[2Jth" is now "North" (benches learn it when they next connect)\n' });
    for (const [label, run] of Object.entries({ list, meant, newToken, renamed, added, moved })) printsNoControl(run, label);
  });

  it('shows control characters typed on the command line escaped in every refusal', async () => {
    const hub = await fx.hub();
    const env = { DATABASE_URL: hub.databaseUrl };
    const sql = await fx.sql(hub);
    await hub.admin.addWarehouse('North');
    await hub.admin.addBench({ warehouse: 'North', station: 'A' });
    const runs = await Promise.all([
      runHubInProcess(['add-bench', '--warehouse', 'West\u001b]0;owned\u0007'], env),
      runHubInProcess(['rename-bench', '--warehouse', 'North', '--station', 'B\nC', '--name', 'x'], env),
      runHubInProcess(['revoke-integration', '--warehouse', 'North', '--name', 'ord\u009bers'], env),
      // As a process too: what reaches the terminal is escaped.
      runHubCommand(['li\u001bst'], env),
      runHubInProcess(['list', '--ver\u001bbose'], env),
      runHubInProcess(['list', 'stray\u001b[1m'], env),
      runHubInProcess(['add-warehouse', '--name', 'a\u001b', '--name', 'b\u007f'], env),
    ]);
    const sentences = [
      /^no warehouse named "West\\u001b\]0;owned\\u0007"; add it first with add-warehouse --name "West\\u001b\]0;owned\\u0007"\n/,
      /^no station "B\\u000aC" in warehouse "North"\n/,
      /^no live integration "ord\\u009bers" in warehouse "North"\n/,
      /^unknown command "li\\u001bst"; did you mean "list"\?\n/,
      /^unknown flag --ver\\u001bbose; list takes no flags\n/,
      /^unexpected argument "stray\\u001b\[1m" \(flags are written --flag value\)\n/,
      /^--name is given twice \("a\\u001b", "b\\u007f"\); give it once\n/,
    ];
    runs.forEach((run, i) => {
      expect.soft(run.stdout, String(i)).toBe('');
      expect.soft(run.stderr, String(i)).toMatch(sentences[i]!);
      expect.soft(run.code, String(i)).not.toBe(0);
      printsNoControl(run, String(i));
    });
    expect((await sql.query('SELECT name FROM warehouses')).rows).toEqual([{ name: 'North' }]);
  });

  it('rename-bench and rename-warehouse to the name held say so and change nothing', async () => {
    const hub = await fx.hub();
    const env = { DATABASE_URL: hub.databaseUrl };
    const sql = await fx.sql(hub);
    await hub.admin.addWarehouse('North');
    await hub.admin.addBench({ warehouse: 'North', station: 'A', name: 'Packing 1' });
    const before = (await sql.query('SELECT * FROM stations')).rows;
    const [bench, spaced, warehouse] = await Promise.all([
      runHubInProcess(['rename-bench', '--warehouse', 'North', '--station', 'A', '--name', 'Packing 1'], env),
      runHubInProcess(['rename-bench', '--warehouse', 'North', '--station', 'A', '--name', ' Packing 1 '], env),
      runHubInProcess(['rename-warehouse', '--name', 'North', '--to', 'North'], env),
    ]);
    const already = /^station A of warehouse "North" is already named "Packing 1"; nothing changed\nusage: npm run hub -- rename-bench /;
    expect.soft(bench).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(already) });
    expect.soft(spaced).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(already) });
    expect.soft(warehouse).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^warehouse "North" is already named "North"; nothing changed\n/) });
    expect((await sql.query('SELECT * FROM stations')).rows).toEqual(before);
    // A change of case alone is a rename.
    const cased = await runHubInProcess(['rename-bench', '--warehouse', 'North', '--station', 'A', '--name', 'packing 1'], env);
    expect(cased).toMatchObject({ code: 0, stdout: 'station A is now "packing 1" (benches learn it when they next connect)\n' });
  });
});
