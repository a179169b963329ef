/** The hub as an operator runs it: `npm run hub [-- <command>]` as a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '../..');
/** `npm run hub` is `tsx hub/main.ts`; node with tsx's loader runs the same code in ONE process, so a
 * signal sent to the child reaches the hub itself (tsx's CLI would be a wrapper around it). */
const HUB = [process.execPath, '--import', 'tsx', 'hub/main.ts'] as const;

export interface HubRun {
  code: number | null;
  stdout: string;
  stderr: string;
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
