/**
 * The shell's settings under plain Node: `conf` (electron-store's base class) opened with the same
 * options reads and writes the same file the shell does; the schema refuses bad values; the data
 * folder precedence; the hub token kept sealed.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import Conf from 'conf';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DATA_FOLDER_MAX,
  DEFAULT_SETTINGS,
  SETTINGS_FILE_NAME,
  SETTINGS_SCHEMA,
  settingsStoreOptions,
  WINDOW_HEIGHT_MIN,
  WINDOW_SIZE_MAX,
  WINDOW_WIDTH_MIN,
  type BenchSettings,
} from '../../electron/settings/settings-schema.js';
import { getHubToken, openSecret, resolveDataFolder, sealSecret, setHubToken, type SecretCipher } from '../../electron/settings/settings-store.js';
import { fileSystemTypeOf, networkFolderProblem } from '../../electron/settings/network-folder.js';
import { openSettingsFile } from '../../electron/settings/settings-file.js';
import { REPO, tempFolder } from './helpers.js';

/** How electron-store opens the file: conf with configName = name and cwd = userData. */
function openLikeTheShell(userData: string): Conf<BenchSettings> {
  return new Conf<BenchSettings>({ cwd: userData, configName: SETTINGS_FILE_NAME, ...settingsStoreOptions() });
}

/** A real reversible cipher (AES-256-GCM), standing in for the OS key store. */
function aesCipher(available = true): SecretCipher & { reEncryptNext: boolean } {
  const key = randomBytes(32);
  const cipher = {
    reEncryptNext: false,
    isAvailable: async () => available,
    encrypt: async (plain: string) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt: async (data: Uint8Array) => {
      const buf = Buffer.from(data);
      const d = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      d.setAuthTag(buf.subarray(12, 28));
      const value = Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
      const reEncrypt = cipher.reEncryptNext;
      cipher.reEncryptNext = false;
      return { value, reEncrypt };
    },
  };
  return cipher;
}

describe('settings file', () => {
  it('lives at <userData>/settings.json, where electron-store puts it', () => {
    const userData = tempFolder();
    expect(openLikeTheShell(userData).path).toBe(join(userData, 'settings.json'));
    // electron-store maps `name` to conf's configName and defaults cwd to app.getPath('userData').
    const electronStore = readFileSync(join(REPO, 'node_modules/electron-store/index.js'), 'utf8');
    expect(electronStore).toContain('options.configName = options.name;');
    expect(electronStore).toContain("defaultCwd: app.getPath('userData')");
  });

  it('starts with the defaults and keeps what is set across reopening', () => {
    const userData = tempFolder();
    const store = openLikeTheShell(userData);
    expect(store.store).toEqual(DEFAULT_SETTINGS);
    store.set('stationName', 'Bench 3');
    store.set('scanner.maxInterKeyGapMs', 35);
    store.set('sync.hubUrl', 'https://hub.example.com');
    const reopened = openLikeTheShell(userData);
    expect(reopened.get('stationName')).toBe('Bench 3');
    expect(reopened.get('scanner')).toEqual({ ...DEFAULT_SETTINGS.scanner, maxInterKeyGapMs: 35 });
    expect(reopened.get('sync.hubUrl')).toBe('https://hub.example.com');
  });

  it('fills nested defaults for a hand-written partial file', () => {
    const userData = tempFolder();
    writeFileSync(join(userData, 'settings.json'), JSON.stringify({ stationName: 'Packing 2', scanner: { maxInterKeyGapMs: 80 } }));
    const store = openLikeTheShell(userData);
    expect(store.get('stationName')).toBe('Packing 2');
    expect(store.get('scanner')).toEqual({ ...DEFAULT_SETTINGS.scanner, maxInterKeyGapMs: 80 });
    expect(store.get('window')).toEqual(DEFAULT_SETTINGS.window);
  });

  it('opens a file written by the first release (suffix key "none"), keeping the bench name, hub URL and token', () => {
    const userData = tempFolder();
    // The first release's scanner suffix keys were Enter, Tab and none (no key); none is gone since.
    const firstRelease = {
      stationName: 'Packing 4',
      dataFolder: '',
      scanner: { maxInterKeyGapMs: 40, minLength: 6, terminator: 'none' },
      sync: { hubUrl: 'https://hub.example.com', token: { scheme: 'plain', value: 'bench-4-token' } },
      window: { width: 1280, height: 820, maximized: false },
    };
    writeFileSync(join(userData, 'settings.json'), JSON.stringify(firstRelease));
    const store = openLikeTheShell(userData);
    expect(store.get('stationName')).toBe('Packing 4');
    expect(store.get('sync')).toEqual(firstRelease.sync);
    expect(store.get('scanner')).toEqual({ ...DEFAULT_SETTINGS.scanner, maxInterKeyGapMs: 40, minLength: 6 });
    // Written back in today's form: the file holds no value the schema refuses.
    store.set('labelPrinter', 'Zebra');
    expect(JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8')).scanner.terminator).toBe(DEFAULT_SETTINGS.scanner.terminator);
  });

  const refused: Array<[string, () => void]> = [
    ['an empty station name', () => openLikeTheShell(tempFolder()).set('stationName', '   ')],
    ['a scanner gap of 0 ms', () => openLikeTheShell(tempFolder()).set('scanner.maxInterKeyGapMs', 0)],
    ['a non-http hub URL', () => openLikeTheShell(tempFolder()).set('sync.hubUrl', 'ftp://hub.example.com')],
    ['an unknown scanner option', () => openLikeTheShell(tempFolder()).set('scanner', { ...DEFAULT_SETTINGS.scanner, beep: true } as BenchSettings['scanner'])],
    ['a token that is neither sealed nor plain', () => openLikeTheShell(tempFolder()).set('sync.token', { scheme: 'rot13', value: 'x' } as never)],
  ];
  for (const [name, write] of refused) {
    it(`refuses ${name}`, () => {
      expect(write).toThrow(/Config schema violation/);
    });
  }

});

describe('a settings file with a bad or unknown key (hand-edited, or left by a newer release)', () => {
  it('keeps every valid setting, puts the default in place of a bad value, drops an unknown key, and names each', () => {
    const userData = tempFolder();
    const file = join(userData, 'settings.json');
    const sync = { hubUrl: 'https://hub.example.com', token: { scheme: 'plain', value: 'bench-5-token' } };
    writeFileSync(file, JSON.stringify({ stationName: 'Packing 5', sync, window: { width: 'x', height: 900, maximized: false }, scanner: { minLength: 6, beep: true } }));
    const problems: string[] = [];
    const store = openSettingsFile(userData, (problem) => problems.push(problem));
    expect(store.get('stationName')).toBe('Packing 5');
    expect(store.get('sync')).toEqual(sync);
    expect(store.get('window')).toEqual({ ...DEFAULT_SETTINGS.window, height: 900 });
    expect(store.get('scanner')).toEqual({ ...DEFAULT_SETTINGS.scanner, minLength: 6 });
    expect(problems).toEqual([
      'window.width must be integer: the default (1280) is in use',
      'scanner.beep is not a setting: dropped',
    ]);
    // Written back corrected, still readable only by the bench's user; the shell's opener reads it as is.
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ stationName: 'Packing 5', window: { width: DEFAULT_SETTINGS.window.width } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(openLikeTheShell(userData).get('sync')).toEqual(sync);
  });

  it('judges the window size and data folder by their named bounds, and the schema repeats no number', () => {
    const userData = tempFolder();
    const window = { width: WINDOW_WIDTH_MIN - 1, height: WINDOW_HEIGHT_MIN, maximized: false };
    writeFileSync(join(userData, 'settings.json'), JSON.stringify({ window, dataFolder: 'd'.repeat(DATA_FOLDER_MAX + 1) }));
    const problems: string[] = [];
    const store = openSettingsFile(userData, (problem) => problems.push(problem));
    expect(store.get('window')).toEqual({ ...window, width: DEFAULT_SETTINGS.window.width });
    expect(problems).toEqual([
      `window.width must be >= ${WINDOW_WIDTH_MIN}: the default (${DEFAULT_SETTINGS.window.width}) is in use`,
      `dataFolder must NOT have more than ${DATA_FOLDER_MAX} characters: the default ("") is in use`,
    ]);
    store.set('window.height', WINDOW_SIZE_MAX);
    expect(() => store.set('window.height', WINDOW_SIZE_MAX + 1)).toThrow(/Config schema violation/);
    const source = readFileSync(join(REPO, 'electron/settings/settings-schema.ts'), 'utf8');
    // Named once (their `export const` lines), used by name everywhere else.
    const uses = source.split('\n').filter((line) => !line.startsWith('export const') && /\b(4096|200|150|100_?000)\b/.test(line));
    expect(uses).toEqual([]);
  });

  it('is a valid JSON schema, as conf builds its root from it (not checked as the file opens: that compiled the meta-schema at every start)', () => {
    const ajv = new Ajv2020({ strict: true });
    const root = { type: 'object', properties: SETTINGS_SCHEMA };
    expect(ajv.validateSchema(root), ajv.errorsText(ajv.errors)).toBe(true);
    expect(() => ajv.compile(root)).not.toThrow();
  });

  it('moves a file that is not JSON aside, says why and where it is, and starts on defaults', () => {
    const userData = tempFolder();
    writeFileSync(join(userData, 'settings.json'), '{ "stationName": "Packing 6", ');
    const problems: string[] = [];
    const store = openSettingsFile(userData, (problem) => problems.push(problem));
    expect(store.store).toEqual(DEFAULT_SETTINGS);
    const aside = readdirSync(userData).filter((name) => name.startsWith('settings.invalid-'));
    expect(aside).toHaveLength(1);
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^The settings file is not JSON \\(.+\\)\\. It was kept as .*${aside[0]}; defaults are in use\\.$`))]);
  });

  it("never echoes the file's text (it may hold the hub token in clear) when saying why it is not JSON", () => {
    const userData = tempFolder();
    // A token pasted in without its quotes: JSON.parse's own message quotes the text around the fault.
    writeFileSync(join(userData, 'settings.json'), '{"sync":{"hubUrl":"https://hub.example.com","token":{"scheme":"plain","value":SECRET-bench-7-token}}}');
    const problems: string[] = [];
    openSettingsFile(userData, (problem) => problems.push(problem));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^The settings file is not JSON \(it cannot be read as JSON\)\. It was kept as /);
    expect(problems[0]).not.toMatch(/SECRET|bench-7|"value"/);
  });
});

describe('data folder', () => {
  const userDataDir = resolve('/home/packer/.config/packing-bench');
  it('is BENCH_DATA_DIR first, then the setting, then the user data folder', () => {
    expect(resolveDataFolder({ env: { BENCH_DATA_DIR: '/srv/bench' }, settings: { dataFolder: '/data/bench' }, userDataDir })).toEqual({
      dir: resolve('/srv/bench'),
      source: 'BENCH_DATA_DIR',
    });
    expect(resolveDataFolder({ env: {}, settings: { dataFolder: '/data/bench' }, userDataDir })).toEqual({ dir: resolve('/data/bench'), source: 'settings' });
    expect(resolveDataFolder({ env: { BENCH_DATA_DIR: '  ' }, settings: { dataFolder: '' }, userDataDir })).toEqual({ dir: userDataDir, source: 'default' });
  });
  it('ignores a relative folder in the settings', () => {
    expect(resolveDataFolder({ env: {}, settings: { dataFolder: 'data' }, userDataDir }).source).toBe('default');
  });
});

describe('hub token', () => {
  it('is stored sealed when the OS offers encryption, and read back', async () => {
    const userData = tempFolder();
    const store = openLikeTheShell(userData);
    const cipher = aesCipher();
    await setHubToken(store, cipher, 'hub-secret-token-123');
    const onDisk = readFileSync(store.path, 'utf8');
    expect(onDisk).not.toContain('hub-secret-token-123');
    expect(store.get('sync.token')).toMatchObject({ scheme: 'safeStorage' });
    expect(await getHubToken(openLikeTheShell(userData), cipher)).toBe('hub-secret-token-123');
  });

  it('is kept plain (and marked so) when no encryption is available', async () => {
    const store = openLikeTheShell(tempFolder());
    await setHubToken(store, aesCipher(false), 'plain-token');
    expect(store.get('sync.token')).toEqual({ scheme: 'plain', value: 'plain-token' });
  });

  it('seals a plain token pasted into the file once encryption is available', async () => {
    const store = openLikeTheShell(tempFolder());
    store.set('sync.token', { scheme: 'plain', value: 'pasted' });
    const cipher = aesCipher();
    expect(await getHubToken(store, cipher)).toBe('pasted');
    expect(store.get('sync.token')).toMatchObject({ scheme: 'safeStorage' });
    expect(await getHubToken(store, cipher)).toBe('pasted');
  });

  it('re-seals when the key store asks for it, and clears', async () => {
    const store = openLikeTheShell(tempFolder());
    const cipher = aesCipher();
    await setHubToken(store, cipher, 'rotating');
    const before = store.get('sync.token');
    cipher.reEncryptNext = true;
    expect(await getHubToken(store, cipher)).toBe('rotating');
    expect(store.get('sync.token')).not.toEqual(before);
    await setHubToken(store, cipher, null);
    expect(store.get('sync.token')).toBeNull();
    expect(await getHubToken(store, cipher)).toBeNull();
  });

  it('round-trips through seal/open', async () => {
    const cipher = aesCipher();
    const sealed = await sealSecret(cipher, 'ünïcødé ✓');
    expect(await openSecret(cipher, sealed)).toEqual({ value: 'ünïcødé ✓', reseal: null });
  });
});

describe('a data folder on a network share (Choose Data Folder refuses it)', () => {
  it('names a UNC path and a network file system, and takes a folder on this disk', async () => {
    expect(await networkFolderProblem('\\\\warehouse-nas\\benches\\bench-3')).toBe(
      "\\\\warehouse-nas\\benches\\bench-3 is on a network share. The bench's database must be on this computer's own disk: over a network its file locks are not reliable and it could be damaged. Choose a folder on this computer.",
    );
    expect(await networkFolderProblem('//warehouse-nas/benches')).toMatch(/is on a network share\./);
    expect(await networkFolderProblem('\\\\?\\UNC\\warehouse-nas\\benches')).toMatch(/is on a network share\./);
    // A Windows long path to a local disk is not a share.
    expect(await networkFolderProblem('\\\\?\\C:\\Benches\\bench-3', async () => null)).toBeNull();
    // statfs's answer for a mounted share (the kernel's f_type): NFS, CIFS.
    expect(await networkFolderProblem('/mnt/nas/bench', async () => 0x6969)).toMatch(/^\/mnt\/nas\/bench is on a network drive \(NFS\)\./);
    expect(await networkFolderProblem('/mnt/nas/bench', async () => 0xff534d42)).toMatch(/network drive \(CIFS\)/);
    // This machine's own disk, read for real, also for a folder not made yet.
    const local = tempFolder();
    expect(await networkFolderProblem(local)).toBeNull();
    expect(await networkFolderProblem(join(local, 'not', 'made', 'yet'))).toBeNull();
    expect(await fileSystemTypeOf(local)).toEqual(expect.any(Number));
  });
});
