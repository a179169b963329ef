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
import type { TokenProtection } from '../core/settings/settings-feature.js';

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

/**
 * Whether safeStorage really encrypts here. On Linux without a desktop key store it falls back to
 * "basic_text" (a key fixed in Chromium's source): that is no protection, so the token is then kept
 * plain and the Settings screen says so.
 */
export async function describeTokenProtection(): Promise<TokenProtection> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    return { encrypted: false, warning: 'This computer offers no key store: the hub token is kept unencrypted in the settings file (readable only by this user account).' };
  }
  if (process.platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') {
      return {
        encrypted: false,
        warning: `No desktop key store is running (safeStorage backend "${backend}"), so the hub token is NOT encrypted: it is kept in the settings file, readable only by this user account. Install and unlock GNOME Keyring or KWallet to encrypt it.`,
      };
    }
  }
  return { encrypted: true, warning: null };
}

export const safeStorageCipher: SecretCipher = {
  isAvailable: async () => (await describeTokenProtection()).encrypted,
  encrypt: async (plain) => safeStorage.encryptStringAsync(plain),
  decrypt: async (data) => {
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(data));
    return { value: result, reEncrypt: shouldReEncrypt };
  },
};
