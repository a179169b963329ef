/** The settings file of a data folder, opened like the desktop app opens it (electron-store is conf). */
import Conf from 'conf';
import { SETTINGS_FILE_NAME, settingsStoreOptions, type BenchSettings } from './settings-schema.js';
import type { SettingsStore } from './settings-store.js';

export function openSettingsFile(dataDir: string): SettingsStore {
  return new Conf<BenchSettings>({ cwd: dataDir, configName: SETTINGS_FILE_NAME, ...settingsStoreOptions() });
}
