/**
 * Working with the settings file: where the data folder is, and the hub token kept encrypted.
 * No 'electron' import: the store is electron-store in the shell and `conf` under Node (both are
 * Conf<BenchSettings>), the cipher is safeStorage in the shell and anything reversible in tests.
 */
import type Conf from 'conf';
import { isAbsolute, resolve } from 'node:path';
import type { BenchSettings, StoredSecret } from './settings-schema.js';

export type SettingsStore = Conf<BenchSettings>;

/** What the shell needs from Electron's safeStorage (async API, Electron ≥ 39). */
export interface SecretCipher {
  isAvailable(): Promise<boolean>;
  encrypt(plain: string): Promise<Uint8Array>;
  decrypt(data: Uint8Array): Promise<{ value: string; reEncrypt: boolean }>;
}

export type DataFolderSource = 'BENCH_DATA_DIR' | 'settings' | 'default';

export function resolveDataFolder(input: {
  env: NodeJS.ProcessEnv;
  settings: Pick<BenchSettings, 'dataFolder'>;
  userDataDir: string;
}): { dir: string; source: DataFolderSource } {
  const fromEnv = input.env.BENCH_DATA_DIR?.trim();
  if (fromEnv) return { dir: resolve(fromEnv), source: 'BENCH_DATA_DIR' };
  const fromSettings = input.settings.dataFolder.trim();
  if (fromSettings && isAbsolute(fromSettings)) return { dir: resolve(fromSettings), source: 'settings' };
  return { dir: input.userDataDir, source: 'default' };
}

/** Encrypts when the OS offers encryption; otherwise keeps the secret as plain text (and says so). */
export async function sealSecret(cipher: SecretCipher, plain: string): Promise<StoredSecret> {
  if (await cipher.isAvailable()) {
    const data = await cipher.encrypt(plain);
    return { scheme: 'safeStorage', data: Buffer.from(data).toString('base64') };
  }
  return { scheme: 'plain', value: plain };
}

/**
 * The secret's value, plus what to store instead when it should be re-sealed: a plain value once
 * encryption is available (e.g. pasted into the settings file by hand), or a rotated key.
 */
export async function openSecret(
  cipher: SecretCipher,
  stored: StoredSecret,
): Promise<{ value: string; reseal: StoredSecret | null }> {
  if (stored.scheme === 'plain') {
    return { value: stored.value, reseal: (await cipher.isAvailable()) ? await sealSecret(cipher, stored.value) : null };
  }
  const { value, reEncrypt } = await cipher.decrypt(Buffer.from(stored.data, 'base64'));
  return { value, reseal: reEncrypt ? await sealSecret(cipher, value) : null };
}

export async function setHubToken(store: SettingsStore, cipher: SecretCipher, token: string | null): Promise<void> {
  store.set('sync.token', token === null || token === '' ? null : await sealSecret(cipher, token));
}

/** The hub token in clear (for the sync client), re-sealing it on disk when needed. */
export async function getHubToken(store: SettingsStore, cipher: SecretCipher): Promise<string | null> {
  const stored = store.get('sync').token;
  if (!stored) return null;
  const { value, reseal } = await openSecret(cipher, stored);
  if (reseal) store.set('sync.token', reseal);
  return value;
}

export function describeTokenStorage(stored: StoredSecret | null): string {
  if (!stored) return 'not set';
  return stored.scheme === 'safeStorage' ? 'set (encrypted by the operating system)' : 'set (NOT encrypted: no OS key store)';
}
