/**
 * "No process left behind": a test run marks itself with PACKING_BENCH_TEST_RUN=<id> in its
 * environment before starting workers, so every process started under it (hubs, bench hosts,
 * PostgreSQL, Chromium, their children, whatever process group or session they moved to) carries the
 * marker. At the end, any process still carrying it that is not the runner itself has leaked: the
 * check names each (pid and command line), ends them, and fails the run.
 * Linux (/proc); elsewhere the check reports nothing. As root every process's environment is readable.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

export const RUN_MARKER = 'PACKING_BENCH_TEST_RUN';

export interface LeftOver {
  pid: number;
  command: string;
}

/** Sets the marker for this process and everything it starts from now on; returns the run id. */
export function markRun(): string {
  const existing = process.env[RUN_MARKER];
  if (existing) return existing;
  const id = `${process.pid}-${randomBytes(6).toString('hex')}`;
  process.env[RUN_MARKER] = id;
  return id;
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function parentOf(pid: number): number | null {
  const stat = read(`/proc/${pid}/stat`);
  const match = stat && /\) \S (\d+)/.exec(stat);
  return match ? Number(match[1]) : null;
}

function isZombie(pid: number): boolean {
  return /^\d+ \(.*\) Z/s.test(read(`/proc/${pid}/stat`) ?? '');
}

/** This process and its ancestors (the runner, npm, the shell): never leftovers. */
function selfAndAncestors(): Set<number> {
  const chain = new Set<number>();
  for (let pid: number | null = process.pid; pid !== null && pid > 0 && !chain.has(pid); pid = parentOf(pid)) chain.add(pid);
  return chain;
}

/** Processes carrying the run's marker, other than the runner and its ancestors (or `exclude`). */
export function markedProcesses(runId: string, exclude: (command: string) => boolean = () => false): LeftOver[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const needle = `\0${RUN_MARKER}=${runId}\0`;
  const mine = selfAndAncestors();
  const found: LeftOver[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (mine.has(pid) || isZombie(pid)) continue;
    const environ = read(`/proc/${pid}/environ`);
    if (environ === null || !`\0${environ}`.includes(needle)) continue;
    const command = (read(`/proc/${pid}/cmdline`) ?? '').split('\0').filter(Boolean).join(' ') || `[${entry}]`;
    if (exclude(command)) continue;
    found.push({ pid, command });
  }
  return found;
}

/**
 * Waits up to `graceMs` for the run's processes to end on their own; then ends those still there
 * (SIGKILL, by pid) and returns them, so the caller can fail naming each.
 */
export async function collectLeftovers(runId: string, options: { graceMs?: number; exclude?: (command: string) => boolean } = {}): Promise<LeftOver[]> {
  const deadline = Date.now() + (options.graceMs ?? 3_000);
  let left = markedProcesses(runId, options.exclude);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    left = markedProcesses(runId, options.exclude);
  }
  for (const { pid } of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  return left;
}

export function describeLeftovers(what: string, left: LeftOver[]): string {
  return (
    `${what} left ${left.length} process(es) running (now killed); each test must stop what it starts:\n` +
    left.map((p) => `  pid ${p.pid}: ${p.command.slice(0, 300)}`).join('\n')
  );
}

/** For a script's end: prints and ends any process of the run still alive; the exit code, 1 if any. */
export async function failOnLeftovers(runId: string, what: string, code: number): Promise<number> {
  const left = await collectLeftovers(runId);
  if (left.length === 0) return code;
  console.error(describeLeftovers(what, left));
  return 1;
}
