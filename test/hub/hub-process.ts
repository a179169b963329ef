/**
 * The hub as an operator runs it: `npm run hub [-- <command>]` as a child process; and its set-up
 * commands run in this process through the same entry point hub/main.ts calls (runHubCli), for tests
 * that check what a command prints, its exit code and what it changes without paying a process each.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { runHubCli } from '../../hub/cli.js';

const repo = path.resolve(import.meta.dirname, '../..');
/** `npm run hub` is `tsx hub/main.ts`; node with tsx's loader runs the same code in ONE process, so a
 * signal sent to the child reaches the hub itself (tsx's CLI would be a wrapper around it). */
const HUB = [process.execPath, '--import', 'tsx', 'hub/main.ts'] as const;

export interface HubRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `npm run hub -- <args>` run in this process: what hub/main.ts does with `args`, short of exiting
 * (runHubCli), its lines caught as the process would print them. The environment is this process's
 * with `env` over it, as a child's would be. Not for serving: that stays a child (runHubCommand).
 */
export async function runHubInProcess(args: string[], env: NodeJS.ProcessEnv): Promise<HubRun> {
  let stdout = '';
  let stderr = '';
  const code = await runHubCli(args, {
    env: { ...process.env, ...env },
    stdout: (line) => (stdout += `${line}\n`),
    stderr: (line) => (stderr += `${line}\n`),
  });
  if (code === undefined) throw new Error(`runHubInProcess: "${args.join(' ')}" serves; use runHubCommand or serveHub`);
  return { code, stdout, stderr };
}

/** `npm run hub -- <args>` (no args: serve); stopped with SIGTERM after `timeoutMs` if still running. */
export function runHubCommand(args: string[], env: NodeJS.ProcessEnv, timeoutMs?: number): Promise<HubRun> {
  return new Promise((resolve) => {
    const child = spawn(HUB[0], [...HUB.slice(1), ...args], { cwd: repo, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `npm run hub` until it prints its URL. */
export function serveHub(env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess; exited: Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(HUB[0], HUB.slice(1), { cwd: repo, env: { ...process.env, HUB_PORT: '0', HUB_HOST: '127.0.0.1', ...env } });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    let output = '';
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const match = /hub listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ url: match[1]!, child, exited });
    });
    void exited.then((code) => reject(new Error(`hub exited (${code}) before listening:\n${output}`)));
  });
}
