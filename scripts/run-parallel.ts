/**
 * Runs npm scripts side by side and fails if any fails: `npm test` runs its type-check, lint and
 * renderer build this way (three single-threaded tools; together they take about half the wall time
 * they take one after another on 2 cores). Each script's output is printed whole when it ends, under
 * its name, so the logs do not interleave.
 *
 *   tsx scripts/run-parallel.ts typecheck lint build:renderer
 */
import { spawn } from 'node:child_process';

interface Outcome {
  script: string;
  code: number;
  output: string;
  seconds: number;
}

function run(script: string): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = (code: number) => resolve({ script, code, output: Buffer.concat(chunks).toString(), seconds: (Date.now() - started) / 1000 });
    child.on('error', (error) => {
      chunks.push(Buffer.from(`${error.message}\n`));
      done(1);
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('usage: tsx scripts/run-parallel.ts <npm script>...');
  process.exit(2);
}
const outcomes = await Promise.all(
  scripts.map(async (script) => {
    const outcome = await run(script);
    const status = outcome.code === 0 ? 'passed' : `FAILED (exit code ${outcome.code})`;
    process.stdout.write(`\n> npm run ${script}: ${status} in ${outcome.seconds.toFixed(1)} s\n${outcome.output}`);
    return outcome;
  }),
);
const failed = outcomes.filter((o) => o.code !== 0).map((o) => o.script);
if (failed.length > 0) {
  console.error(`\nFailed: ${failed.join(', ')}`);
  process.exit(1);
}
