/**
 * Real hub processes for benchmarks and tests: `node --import tsx hub/main.ts` (the process is the hub itself,
 * no wrapper), on a DATABASE_URL, on a free port of 127.0.0.1. Stopped with SIGTERM (SIGKILL after 10 s).
 * One that is not listening within START_TIMEOUT_MS is killed and reported with what it printed.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Loading tsx, migrating and listening: a few seconds even on a loaded machine. */
const START_TIMEOUT_MS = 60_000;

export interface HubProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export function startHubProcess(databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<HubProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'hub/main.ts'], {
    cwd: REPO,
    env: { ...process.env, DATABASE_URL: databaseUrl, HUB_PORT: '0', HUB_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const late = setTimeout(() => {
      reject(new Error(`the hub process was not listening after ${START_TIMEOUT_MS / 1000} s:\n${output.slice(-2000)}`));
      void stop();
    }, START_TIMEOUT_MS);
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /hub listening on (https?:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(late);
        child.stdout.off('data', onOutput);
        child.stdout.resume();
        child.stderr.resume();
        resolve({ url: match[1]!, pid: child.pid!, stop });
      }
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => {
      clearTimeout(late);
      reject(new Error(`the hub process exited before listening:\n${output.slice(-2000)}`));
    });
  });
}
