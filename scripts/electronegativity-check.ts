/**
 * Runs @doyensec/electronegativity over the Electron shell's sources and fails on HIGH findings.
 *
 *   npx tsx scripts/electronegativity-check.ts [--report <file.csv>] [--keep-input]
 *
 * - Input: a temp copy of the shell sources only (electron/main.ts, electron/preload.ts,
 *   electron/shell/**, electron/ipc/**, electron/settings/**) and renderer/index.html, paths kept as
 *   in the repository.
 * - Same options as `electronegativity -i <copy> -r -x AvailableSecurityFixesGlobalCheck -e <electron version> -o <report>`:
 *   `-r` (relative paths in the report) and, to turn the release lookup off, the excluded
 *   AvailableSecurityFixesGlobalCheck (the only check that fetches Electron's release list; `-r` alone
 *   does not stop it). The Electron version is the installed one, so no lookup is needed for it either.
 *   (Electronegativity also tries to fetch translations with a 1 s timeout; offline it says
 *   "Could not retrieve updated translations" and carries on.)
 * - Electronegativity exits 0 whatever it finds, so this script reads the CSV report it wrote (into
 *   a temp folder unless --report names a file) and exits 1 on any HIGH-severity finding, and also
 *   when a file could not be parsed (an unparsed file is an unchecked file). (Its SARIF output
 *   carries no severity, so CSV it is.)
 * - Runs electronegativity in a child process through its runner (the CLI's own entry point minus
 *   argument parsing, which hides parse errors when writing a report), with `typescript` resolved to
 *   the TypeScript 4.2 it ships with: the hoisted @typescript-eslint/typescript-estree would
 *   otherwise pick up the project's TypeScript (6.0), whose compiler API it was not built for.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The shell's sources, and the page it loads (for electronegativity's HTML checks). */
export const SHELL_SOURCES = ['electron/main.ts', 'electron/preload.ts', 'electron/shell', 'electron/ipc', 'electron/settings', 'renderer/index.html'];

export interface Finding {
  issue: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  description: string;
}

/** Reads electronegativity's CSV report (header: issue, severity, confidence, filename, location, sample, description, url). */
export function parseCsvReport(text: string): Finding[] {
  const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, relax_quotes: true, relax_column_count: true }) as Array<Record<string, string>>;
  return rows.map((r) => ({
    issue: r.issue ?? '',
    severity: (r.severity ?? '').toUpperCase(),
    confidence: (r.confidence ?? '').toUpperCase(),
    file: r.filename ?? '',
    location: r.location ?? '',
    description: r.description ?? '',
  }));
}

export function parseReport(file: string): Finding[] {
  return parseCsvReport(readFileSync(file, 'utf8'));
}

export interface CheckOutcome {
  findings: Finding[];
  high: Finding[];
  parseErrors: Array<{ file: string; message: string }>;
  reportFile: string;
}

/** Copies `sources` (repository-relative) from `root` and runs electronegativity over the copy. */
export function runElectronegativity(options: { root?: string; sources?: string[]; reportFile?: string; keepInput?: boolean } = {}): CheckOutcome {
  const root = options.root ?? ROOT;
  const work = mkdtempSync(join(tmpdir(), 'bench-electronegativity-'));
  const input = join(work, 'input');
  const driver = join(work, 'run.cjs');
  const reportFile = resolve(options.reportFile ?? join(work, 'electronegativity.csv'));
  try {
    for (const source of options.sources ?? SHELL_SOURCES) {
      const from = join(root, source);
      if (!existsSync(from)) continue;
      mkdirSync(dirname(join(input, source)), { recursive: true });
      cpSync(from, join(input, source), { recursive: true });
    }
    const require = createRequire(join(ROOT, 'package.json'));
    const runner = require.resolve('@doyensec/electronegativity/dist/runner.js');
    const bundledTypescript = dirname(require.resolve('typescript/package.json', { paths: [dirname(runner)] }));
    const electronVersion = (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
    writeFileSync(
      driver,
      `
      const Module = require('node:module');
      const resolveFilename = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) {
        return resolveFilename.call(this, request === 'typescript' ? ${JSON.stringify(bundledTypescript)} : request, ...rest);
      };
      require(${JSON.stringify(runner)})({
        input: ${JSON.stringify(input)},
        output: ${JSON.stringify(reportFile)},
        isSarif: false,
        customScan: [],
        excludeFromScan: ['availablesecurityfixesglobalcheck'],
        isRelative: true,
        isVerbose: false,
        electronVersionOverride: ${JSON.stringify(electronVersion)},
        parserPlugins: [],
      }, false).then((result) => {
        process.stdout.write('\\nRESULT ' + JSON.stringify({ errors: result.errors }) + '\\n');
      }, (error) => { console.error(error && error.stack || error); process.exit(2); });
      `,
    );
    const run = spawnSync(process.execPath, [driver], { cwd: work, encoding: 'utf8', timeout: 300_000 });
    const resultLine = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (run.status !== 0 || !resultLine || !existsSync(reportFile)) {
      throw new Error(`electronegativity did not complete (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    }
    const { errors } = JSON.parse(resultLine.slice('RESULT '.length)) as { errors: Array<{ file: string; message: string; tolerable: boolean }> };
    const findings = parseReport(reportFile);
    return {
      findings,
      high: findings.filter((f) => f.severity === 'HIGH'),
      parseErrors: errors.filter((e) => !e.tolerable).map((e) => ({ file: e.file.replace(input, '').replace(/^[\\/]/, ''), message: e.message })),
      reportFile,
    };
  } finally {
    // The work folder goes whole unless it holds what the caller may read: the copy (--keep-input) or the
    // report when no other place was named for it.
    const reportInWork = dirname(reportFile) === resolve(work);
    if (options.keepInput || reportInWork) {
      rmSync(driver, { force: true });
      if (!options.keepInput) rmSync(input, { recursive: true, force: true });
    } else {
      rmSync(work, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--report');
  const reportFile = at >= 0 ? argv[at + 1] : undefined;
  if (at >= 0 && (!reportFile || !/\.csv$/i.test(reportFile))) {
    console.error('--report needs a file name ending in .csv');
    process.exit(2);
  }
  const outcome = runElectronegativity({ reportFile, keepInput: argv.includes('--keep-input') });
  for (const f of outcome.findings) console.log(`${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.issue}  ${f.file}:${f.location}  ${f.description}`);
  for (const e of outcome.parseErrors) console.log(`PARSE ERROR   ${e.file}: ${e.message}`);
  console.log(`electronegativity: ${outcome.findings.length} finding(s), ${outcome.high.length} HIGH, ${outcome.parseErrors.length} unparsed file(s); report: ${outcome.reportFile}`);
  if (outcome.high.length > 0 || outcome.parseErrors.length > 0) process.exit(1);
}
