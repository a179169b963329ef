/**
 * The desktop shell's settings: schema, defaults and the file they live in. No 'electron' import:
 * the shell opens them with electron-store, tests (and tools) with its base class `conf`, and both
 * read and write the same file, <userData>/settings.json.
 */
import type { Options, Schema } from 'conf';

/** electron-store's `name` / conf's `configName`. */
export const SETTINGS_FILE_NAME = 'settings';

export type ScannerSettings = {
  /** Keystrokes further apart than this (ms) are typing, not a barcode scanner. */
  maxInterKeyGapMs: number;
  /** Shorter bursts are ignored as scans. */
  minLength: number;
  /** The key the scanner sends after each code. */
  terminator: 'Enter' | 'Tab' | 'none';
};

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
};

export const DEFAULT_SETTINGS: BenchSettings = {
  stationName: 'Bench',
  dataFolder: '',
  scanner: { maxInterKeyGapMs: 50, minLength: 4, terminator: 'Enter' },
  sync: { hubUrl: '', token: null },
  window: { width: 1280, height: 820, maximized: false },
};

const storedSecretSchema = {
  oneOf: [
    {
      type: 'object',
      properties: { scheme: { const: 'safeStorage' }, data: { type: 'string', contentEncoding: 'base64', maxLength: 16384 } },
      required: ['scheme', 'data'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: { scheme: { const: 'plain' }, value: { type: 'string', maxLength: 8192 } },
      required: ['scheme', 'value'],
      additionalProperties: false,
    },
    { type: 'null' },
  ],
} as const;

export const SETTINGS_SCHEMA: Schema<BenchSettings> = {
  stationName: { type: 'string', minLength: 1, maxLength: 60, pattern: '\\S' },
  dataFolder: { type: 'string', maxLength: 4096 },
  scanner: {
    type: 'object',
    properties: {
      maxInterKeyGapMs: { type: 'integer', minimum: 5, maximum: 1000, default: DEFAULT_SETTINGS.scanner.maxInterKeyGapMs },
      minLength: { type: 'integer', minimum: 1, maximum: 200, default: DEFAULT_SETTINGS.scanner.minLength },
      terminator: { enum: ['Enter', 'Tab', 'none'], default: DEFAULT_SETTINGS.scanner.terminator },
    },
    additionalProperties: false,
  },
  sync: {
    type: 'object',
    properties: {
      hubUrl: { type: 'string', maxLength: 2048, pattern: '^(|https?://\\S+)$', default: '' },
      token: { ...storedSecretSchema, default: null },
    },
    additionalProperties: false,
  },
  window: {
    type: 'object',
    properties: {
      x: { type: 'integer' },
      y: { type: 'integer' },
      width: { type: 'integer', minimum: 200, maximum: 100000, default: DEFAULT_SETTINGS.window.width },
      height: { type: 'integer', minimum: 150, maximum: 100000, default: DEFAULT_SETTINGS.window.height },
      maximized: { type: 'boolean', default: false },
    },
    additionalProperties: false,
  },
};

/** The options both electron-store (plus `name: SETTINGS_FILE_NAME`) and conf are opened with. */
export function settingsStoreOptions(): Pick<Options<BenchSettings>, 'schema' | 'defaults' | 'clearInvalidConfig' | 'accessPropertiesByDotNotation'> {
  return {
    schema: SETTINGS_SCHEMA,
    defaults: structuredClone(DEFAULT_SETTINGS),
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: true,
  };
}
