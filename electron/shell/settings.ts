/**
 * Opens the settings with electron-store (in <userData>/settings.json) and adapts safeStorage to
 * the SecretCipher the settings module uses. A settings file that fails the schema is moved aside
 * (settings.invalid-<time>.json) and the bench starts on defaults rather than not at all.
 */
import { safeStorage } from 'electron';
import Store from 'electron-store';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { SETTINGS_FILE_NAME, settingsStoreOptions, type BenchSettings } from '../settings/settings-schema.js';
import type { SecretCipher, SettingsStore } from '../settings/settings-store.js';

export function openSettings(userDataDir: string, log: (message: string, error: unknown) => void): { store: SettingsStore; problem: string | null } {
  const open = () => new Store<BenchSettings>({ name: SETTINGS_FILE_NAME, cwd: userDataDir, ...settingsStoreOptions() });
  try {
    return { store: open(), problem: null };
  } catch (error) {
    const file = join(userDataDir, `${SETTINGS_FILE_NAME}.json`);
    const aside = join(userDataDir, `${SETTINGS_FILE_NAME}.invalid-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    log('settings file rejected; starting with defaults', error);
    if (existsSync(file)) renameSync(file, aside);
    const message = error instanceof Error ? error.message : String(error);
    return { store: open(), problem: `The settings file could not be used (${message}). It was kept as ${aside}; defaults are in use.` };
  }
}

export const safeStorageCipher: SecretCipher = {
  isAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
  encrypt: async (plain) => safeStorage.encryptStringAsync(plain),
  decrypt: async (data) => {
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(data));
    return { value: result, reEncrypt: shouldReEncrypt };
  },
};
