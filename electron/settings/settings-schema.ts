/**
 * The desktop shell's settings: schema, defaults and the file they live in. No 'electron' import:
 * the shell opens them with electron-store, tests (and tools) with its base class `conf`, and both
 * read and write the same file, <userData>/settings.json.
 */
import type { Options, Schema } from 'conf';
import {
  DEFAULT_SCANNER_SETTINGS,
  HUB_TOKEN_MAX,
  HUB_URL_MAX,
  LABEL_PRINTER_MAX,
  SCANNER_INTERVAL_MAX_MS,
  SCANNER_INTERVAL_MIN_MS,
  SCANNER_MIN_LENGTH_MAX,
  SCANNER_MIN_LENGTH_MIN,
  SCANNER_SUFFIX_KEYS,
  STATION_NAME_MAX,
  type ScannerSettings,
} from '../../shared/contract/settings-schemas.js';
import { isJsonObject, repairSettings, type SettingsRepair } from './settings-repair.js';
import { readSettingsText } from './settings-upgrade.js';

/** The data folder's path, as long as any file system the bench runs on takes (Linux PATH_MAX). */
export const DATA_FOLDER_MAX = 4096;
/** The window size (px) the file may hold; outside these it is a bad value, not a window. */
export const WINDOW_WIDTH_MIN = 200;
export const WINDOW_HEIGHT_MIN = 150;
export const WINDOW_SIZE_MAX = 100_000;

/** electron-store's `name` / conf's `configName`. */
export const SETTINGS_FILE_NAME = 'settings';

/** The scanner's settings, as the contract defines them (shared/contract/settings-schemas.ts). */
export type { ScannerSettings };

/** A secret as kept on disk: encrypted with Electron's safeStorage when the OS offers it, else plain. */
export type StoredSecret =
  | { scheme: 'safeStorage'; data: string }
  | { scheme: 'plain'; value: string };

export type SyncSettings = {
  /** The sync hub's base URL (http/https); empty = sync off. */
  hubUrl: string;
  token: StoredSecret | null;
};

export type WindowState = {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
};

export type BenchSettings = {
  stationName: string;
  /** Where the bench's database lives; empty = the user's data folder. BENCH_DATA_DIR overrides it. */
  dataFolder: string;
  scanner: ScannerSettings;
  sync: SyncSettings;
  window: WindowState;
  /** The label printer's name, kept for label printing (not used yet). */
  labelPrinter: string;
};

export const DEFAULT_SETTINGS: BenchSettings = {
  stationName: 'Bench',
  dataFolder: '',
  scanner: { ...DEFAULT_SCANNER_SETTINGS },
  sync: { hubUrl: '', token: null },
  window: { width: 1280, height: 820, maximized: false },
  labelPrinter: '',
};

const storedSecretSchema = {
  oneOf: [
    {
      type: 'object',
      properties: { scheme: { const: 'safeStorage' }, data: { type: 'string', contentEncoding: 'base64', maxLength: 4 * HUB_TOKEN_MAX } },
      required: ['scheme', 'data'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: { scheme: { const: 'plain' }, value: { type: 'string', maxLength: HUB_TOKEN_MAX } },
      required: ['scheme', 'value'],
      additionalProperties: false,
    },
    { type: 'null' },
  ],
} as const;

export const SETTINGS_SCHEMA: Schema<BenchSettings> = {
  stationName: { type: 'string', minLength: 1, maxLength: STATION_NAME_MAX, pattern: '\\S' },
  dataFolder: { type: 'string', maxLength: DATA_FOLDER_MAX },
  scanner: {
    type: 'object',
    properties: {
      maxInterKeyGapMs: {
        type: 'integer',
        minimum: SCANNER_INTERVAL_MIN_MS,
        maximum: SCANNER_INTERVAL_MAX_MS,
        default: DEFAULT_SETTINGS.scanner.maxInterKeyGapMs,
      },
      minLength: { type: 'integer', minimum: SCANNER_MIN_LENGTH_MIN, maximum: SCANNER_MIN_LENGTH_MAX, default: DEFAULT_SETTINGS.scanner.minLength },
      terminator: { enum: [...SCANNER_SUFFIX_KEYS], default: DEFAULT_SETTINGS.scanner.terminator },
      gsSubstitute: { type: 'string', maxLength: 2, default: DEFAULT_SETTINGS.scanner.gsSubstitute },
    },
    additionalProperties: false,
  },
  sync: {
    type: 'object',
    properties: {
      hubUrl: { type: 'string', maxLength: HUB_URL_MAX, pattern: '^(|https?://\\S+)$', default: '' },
      token: { ...storedSecretSchema, default: null },
    },
    additionalProperties: false,
  },
  window: {
    type: 'object',
    properties: {
      x: { type: 'integer' },
      y: { type: 'integer' },
      width: { type: 'integer', minimum: WINDOW_WIDTH_MIN, maximum: WINDOW_SIZE_MAX, default: DEFAULT_SETTINGS.window.width },
      height: { type: 'integer', minimum: WINDOW_HEIGHT_MIN, maximum: WINDOW_SIZE_MAX, default: DEFAULT_SETTINGS.window.height },
      maximized: { type: 'boolean', default: false },
    },
    additionalProperties: false,
  },
  labelPrinter: { type: 'string', maxLength: LABEL_PRINTER_MAX },
};

/** The file's settings with each bad value replaced by its default and each unknown key dropped, named. */
export function repairSettingsObject(parsed: Record<string, unknown>): SettingsRepair {
  return repairSettings(parsed, SETTINGS_SCHEMA, DEFAULT_SETTINGS);
}

/** The options both electron-store (plus `name: SETTINGS_FILE_NAME`) and conf are opened with. */
/** Only the bench's user may read the file (it may hold the hub token). */
export const SETTINGS_FILE_MODE = 0o600;

export function settingsStoreOptions(): Pick<
  Options<BenchSettings>,
  'schema' | 'ajvOptions' | 'defaults' | 'clearInvalidConfig' | 'accessPropertiesByDotNotation' | 'configFileMode' | 'deserialize'
> {
  return {
    // A file from an earlier release is read in today's form (settings-upgrade.ts); a bad or unknown
    // key edited in while the bench runs gives way to its default rather than failing every read.
    deserialize: (text) => {
      const parsed = readSettingsText(text);
      return (isJsonObject(parsed) ? repairSettingsObject(parsed).settings : parsed) as BenchSettings;
    },
    configFileMode: SETTINGS_FILE_MODE,
    schema: SETTINGS_SCHEMA,
    // The schema is ours and fixed: checked against JSON Schema's meta-schema by a test, not by compiling
    // that meta-schema each time the file opens (about a fifth of a core worker's start).
    ajvOptions: { validateSchema: false },
    defaults: structuredClone(DEFAULT_SETTINGS),
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: true,
  };
}
