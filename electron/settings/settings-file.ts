/** The settings file of a data folder, opened like the desktop app opens it (electron-store is conf). */
import Conf from 'conf';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hubUrlProblem } from '../../shared/contract/settings-schemas.js';
import { repairSettingsObject, SETTINGS_FILE_MODE, SETTINGS_FILE_NAME, settingsStoreOptions, type BenchSettings } from './settings-schema.js';
import { isJsonObject } from './settings-repair.js';
import type { SettingsStore } from './settings-store.js';
import { upgradeSettings } from './settings-upgrade.js';

/** Called with each problem found in the file, in words naming the key (for a log line or a notice). */
export type SettingsProblemReport = (problem: string) => void;

export function settingsFilePath(dir: string): string {
  return join(dir, `${SETTINGS_FILE_NAME}.json`);
}

/** Keeps an unusable file as settings.invalid-<time>.json; returns where it went. */
export function moveSettingsAside(dir: string): string {
  const aside = join(dir, `${SETTINGS_FILE_NAME}.invalid-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  renameSync(settingsFilePath(dir), aside);
  return aside;
}

/**
 * Where JSON.parse stopped, in words that quote none of the file: V8's own message quotes the text
 * around the fault ('Unexpected token 'S', ..."value":SECRET-TOK"...'), which may be the hub token.
 */
function jsonFault(text: string, error: unknown): string {
  const at = /at position (\d+)/.exec(error instanceof Error ? error.message : '');
  if (!at) return 'it cannot be read as JSON';
  const before = text.slice(0, Number(at[1])).split('\n');
  return `it cannot be read as JSON at line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/**
 * Before the store opens it (in either mode): a file with bad or unknown keys is written back with
 * every valid setting kept; a file that is not a JSON object is moved aside. Returns what was done.
 */
export function repairSettingsFile(dir: string): string[] {
  const file = settingsFilePath(dir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = upgradeSettings(JSON.parse(text));
  } catch (error) {
    return [`The settings file is not JSON (${jsonFault(text, error)}). It was kept as ${moveSettingsAside(dir)}; defaults are in use.`];
  }
  if (!isJsonObject(parsed)) {
    return [`The settings file holds no settings (a JSON object was expected). It was kept as ${moveSettingsAside(dir)}; defaults are in use.`];
  }
  const { settings, problems } = repairSettingsObject(parsed);
  const notices = hubUrlNotices(settings);
  if (problems.length > 0) {
    // Written whole beside it, then renamed over it: a crash leaves the old file or the new, never half.
    const next = `${file}.repair`;
    writeFileSync(next, JSON.stringify(settings, undefined, '\t'), { mode: SETTINGS_FILE_MODE });
    renameSync(next, file);
  }
  return [...problems, ...notices];
}

/**
 * A hub URL saved by an earlier release that the Settings screen's rule now refuses (":080", which every
 * URL reader takes as port 80): said, in that rule's words, and left in the file (it is the manager's to
 * correct, and Settings shows it); sync does not start with it (startSync checks by the same rule).
 */
function hubUrlNotices(settings: Record<string, unknown>): string[] {
  const sync = settings.sync;
  const hubUrl = isJsonObject(sync) && typeof sync.hubUrl === 'string' ? sync.hubUrl : '';
  if (hubUrl.trim() === '') return [];
  const problem = hubUrlProblem(hubUrl);
  return problem === null ? [] : [`sync.hubUrl is kept as it is, but the bench cannot sync with it until it is corrected in Settings: ${problem}`];
}

export function openSettingsFile(dataDir: string, report: SettingsProblemReport = () => {}): SettingsStore {
  for (const problem of repairSettingsFile(dataDir)) report(problem);
  return new Conf<BenchSettings>({ cwd: dataDir, configName: SETTINGS_FILE_NAME, ...settingsStoreOptions() });
}
