/**
 * `npm run bench`'s verdict: every row is written to the results file and the process exits 1 when
 * any target is missed (or a module breaks), 0 when all are met, 2 on a bad command line. The failing
 * run is a real process (the exit code is what CI sees), with stand-in modules instead of the real
 * benchmarks; every run's file is read back.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../core/helpers.js';
import { FAKE_MODULES } from './fake-modules.js';
import { benchCli, missedTarget, parseBenchArgs } from './runner.js';

const RUNNER = fileURLToPath(new URL('./run-with-fake-modules.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

function bench(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [RUNNER, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

const readRows = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Array<Record<string, unknown>>;

describe('npm run bench', () => {
  it('exits 1 when a target is missed or a module breaks, still writing every row', async () => {
    const out = join(tempDir('bench-run-'), 'results.json');
    const run = await bench('meets', 'misses', 'throws', '--out', out);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('2 of 4 figures missed their target.');
    expect(readRows(out)).toEqual([
      { name: 'meets: 1,000 rows', value: 1, unit: 'ms', target: 5, pass: true },
      { name: 'meets: informational', value: 7, unit: 'ms', target: null, pass: null },
      { name: 'misses: 1,000 rows', value: 9, unit: 'ms', target: 5, pass: false },
      { name: 'throws benchmarks did not complete: the stand-in module broke', value: 0, unit: '', target: null, pass: false },
    ]);
  });

  it('answers 0 when every target is met; --quick gives modules the flag and marks each figure', async () => {
    const out = join(tempDir('bench-run-'), 'results.json');
    expect(await benchCli(['meets', '--quick', '--out', out], FAKE_MODULES)).toBe(0);
    expect(readRows(out).map((row) => row.name)).toEqual(['(quick) meets: 10 rows', '(quick) meets: informational']);
  });

  it('answers 2 to an unknown module, and writes nothing', async () => {
    const out = join(tempDir('bench-run-'), 'results.json');
    expect(parseBenchArgs(['mets'], ['meets', 'misses'])).toEqual({ error: 'Unknown benchmark module "mets" (known: meets, misses).' });
    expect(await benchCli(['mets', '--out', out], FAKE_MODULES)).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('counts a row with a target but no verdict, or no finite value, as missed', () => {
    expect(missedTarget({ name: 'x', value: 1, unit: 'ms', target: 5, pass: null })).toBe(true);
    expect(missedTarget({ name: 'x', value: Number.NaN, unit: 'ms', target: 5, pass: true })).toBe(true);
    expect(missedTarget({ name: 'x', value: 1, unit: 'ms', target: null, pass: null })).toBe(false);
    expect(missedTarget({ name: 'x', value: 1, unit: 'ms', target: 5, pass: true })).toBe(false);
  });

  it('names a bad option', () => {
    expect(parseBenchArgs(['--fast'], ['core'])).toEqual({ error: 'Unknown option --fast (known: --quick, --out <file>).' });
    expect(parseBenchArgs(['--out'], ['core'])).toEqual({ error: '--out needs a file name.' });
  });
});
