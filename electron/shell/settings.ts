/**
 * Opens the settings with electron-store (in <userData>/settings.json) and adapts safeStorage to
 * the SecretCipher the settings module uses. A bad or unknown key is put right (the default in its
 * place, named); a file that is not JSON, or that conf still refuses, is moved aside
 * (settings.invalid-<time>.json) and the bench starts on defaults rather than not at all.
 */
import { safeStorage } from 'electron';
import Store from 'electron-store';
import { existsSync } from 'node:fs';
import { SETTINGS_FILE_NAME, settingsStoreOptions, type BenchSettings } from '../settings/settings-schema.js';
import { moveSettingsAside, repairSettingsFile, settingsFilePath } from '../settings/settings-file.js';
import type { SecretCipher, SettingsStore } from '../settings/settings-store.js';
import type { TokenProtection } from '../core/settings/settings-feature.js';

export function openSettings(userDataDir: string, log: (message: string, error: unknown) => void): { store: SettingsStore; problem: string | null } {
  const open = () => new Store<BenchSettings>({ name: SETTINGS_FILE_NAME, cwd: userDataDir, ...settingsStoreOptions() });
  try {
    const problems = repairSettingsFile(userDataDir);
    for (const problem of problems) log(`settings file: ${problem}`, null);
    const store = open();
    return { store, problem: problems.length > 0 ? `Some of ${settingsFilePath(userDataDir)} could not be used; the rest is kept.\n${problems.join('\n')}` : null };
  } catch (error) {
    log('settings file rejected; starting with defaults', error);
    const aside = existsSync(settingsFilePath(userDataDir)) ? moveSettingsAside(userDataDir) : null;
    const message = error instanceof Error ? error.message : String(error);
    return { store: open(), problem: `The settings file could not be used (${message}).${aside ? ` It was kept as ${aside};` : ''} defaults are in use.` };
  }
}

/**
 * Whether safeStorage really encrypts here. On Linux without a desktop key store it falls back to
 * "basic_text" (a key fixed in Chromium's source): that is no protection, so the token is then kept
 * plain and the Settings screen says so.
 */
export async function describeTokenProtection(): Promise<TokenProtection> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    return { encrypted: false, warning: 'This computer offers no key store: the bench token is kept unencrypted in the settings file (readable only by this user account).' };
  }
  if (process.platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') {
      return {
        encrypted: false,
        warning: `No desktop key store is running (safeStorage backend "${backend}"), so the bench token is NOT encrypted: it is kept in the settings file, readable only by this user account. Install and unlock GNOME Keyring or KWallet to encrypt it.`,
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
