import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanUpAfter } from '../support/cleanup.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A fresh temp folder, removed after the test file. */
export function tempFolder(prefix = 'bench-shell-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanUpAfter('file', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Replaces `from` with `to` in `source`, failing loudly if `from` is not there (so a weakening is never a no-op). */
export function weaken(source: string, from: string, to: string): string {
  if (!source.includes(from)) throw new Error(`weakening target not found in source: ${from}`);
  return source.replace(from, to);
}
