/**
 * Settings through the contract, as both transports serve them: the file is written 0600 in the
 * format the desktop app reads, bad values are refused naming the field and change nothing, and
 * the hub token never comes back (not in a result, not over HTTP).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArgsOf } from '../../shared/contract/api.js';
import { invokeBenchMethod, invokeBenchMethodAsync } from '../../shared/contract/invoke.js';
import { openBenchParts, type BenchParts } from '../../electron/core/bench-parts.js';
import { benchDatabaseFile } from '../../electron/core/paths.js';
import { settingsFeatureOptions } from '../../electron/core/service/core-runtime.js';
import { browserModeSettings, openSettingsFile } from '../../electron/web/main.js';
import { startHost } from '../../electron/web/host.js';
import { DEFAULT_SETTINGS } from '../../electron/settings/settings-schema.js';
import { tempDir } from './helpers.js';

const TOKEN = 'bench-token-do-not-echo-9f3a';
const opened: BenchParts[] = [];
afterEach(async () => {
  for (const parts of opened.splice(0)) {
    await parts.settings?.stopSync();
    parts.core.close();
  }
});

function openBench(dir = tempDir('bench-settings-')) {
  const store = openSettingsFile(dir);
  // The settings feature is the core's own (the worker runtime opens it so); its contract is what is tested.
  const parts = openBenchParts({ file: benchDatabaseFile(dir), stationName: store.get('stationName'), settings: settingsFeatureOptions(browserModeSettings(dir, {})) });
  opened.push(parts);
  const core = parts.core;
  const call = (method: string, args: unknown) => invokeBenchMethodAsync(core, method, args);
  return { dir, store, core, call, file: join(dir, 'settings.json') };
}

const good: ArgsOf<'saveSettings'> = {
  stationName: 'Packing 3',
  // A port nothing listens on: saving starts sync, which just retries in the background.
  hubUrl: 'http://127.0.0.1:9',
  token: { action: 'replace', value: TOKEN },
  scanner: { maxInterKeyGapMs: 30, minLength: 6, terminator: 'Tab', gsSubstitute: '~' },
  labelPrinter: 'Zebra ZD421',
};

describe('settings file', () => {
  it('is written with mode 0600, in the desktop format, and read back', async () => {
    const bench = openBench();
    const saved = await bench.call('saveSettings', good);
    expect(saved.ok).toBe(true);
    expect(statSync(bench.file).mode & 0o777).toBe(0o600);
    const onDisk = JSON.parse(readFileSync(bench.file, 'utf8'));
    expect(onDisk).toMatchObject({
      stationName: 'Packing 3',
      sync: { hubUrl: 'http://127.0.0.1:9', token: { scheme: 'plain', value: TOKEN } },
      scanner: { maxInterKeyGapMs: 30, minLength: 6, terminator: 'Tab', gsSubstitute: '~' },
      labelPrinter: 'Zebra ZD421',
    });
    // The bench name is in use at once (title bar, audit log).
    expect(invokeBenchMethod(bench.core, 'getBenchInfo', {})).toMatchObject({ ok: true, value: { stationName: 'Packing 3' } });
    const again = openBench(bench.dir);
    expect(await again.call('getSettings', {})).toMatchObject({ ok: true, value: { stationName: 'Packing 3', tokenSet: true, labelPrinter: 'Zebra ZD421' } });
  });

  it('narrows a settings file made earlier with wider permissions', () => {
    const dir = tempDir('bench-settings-');
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ stationName: 'Old' }), { mode: 0o644 });
    openBench(dir);
    expect(statSync(join(dir, 'settings.json')).mode & 0o777).toBe(0o600);
  });
});

describe('bad values', () => {
  const cases: Array<[string, Partial<ArgsOf<'saveSettings'>>, string]> = [
    ['a hub URL that is not http(s)', { hubUrl: 'ftp://hub.example.com' }, 'hubUrl'],
    ['a hub URL that is no URL', { hubUrl: 'hub example' }, 'hubUrl'],
    ['a scanner interval of 0 ms', { scanner: { ...good.scanner, maxInterKeyGapMs: 0 } }, 'scanner.maxInterKeyGapMs'],
    ['a scanner interval of 5000 ms', { scanner: { ...good.scanner, maxInterKeyGapMs: 5000 } }, 'scanner.maxInterKeyGapMs'],
    ['a suffix key that is neither Enter nor Tab', { scanner: { ...good.scanner, terminator: 'Space' as 'Enter' } }, 'scanner.terminator'],
    ['a GS substitute of two characters', { scanner: { ...good.scanner, gsSubstitute: '~~' } }, 'scanner.gsSubstitute'],
    ['an empty bench name', { stationName: '   ' }, 'stationName'],
    ['a token with spaces', { token: { action: 'replace', value: 'two words' } }, 'token.value'],
  ];
  for (const [name, change, field] of cases) {
    it(`refuses ${name}, naming ${field}, and changes nothing`, async () => {
      const bench = openBench();
      expect((await bench.call('saveSettings', { ...good, hubUrl: '' })).ok).toBe(true);
      const before = readFileSync(bench.file, 'utf8');
      const result = await bench.call('saveSettings', { ...good, ...change });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('invalid_argument');
      expect(result.error.issues.map((i) => i.where)).toContain(field);
      expect(result.error.message).toContain(field);
      expect(readFileSync(bench.file, 'utf8')).toBe(before);
    });
  }
});

describe('control characters in names', () => {
  // A name pasted from a spreadsheet row ("Packing<Tab>3") was saved with its tab: the header, the
  // packing slip and every identifier's history then carried it, and the hub refuses such a name.
  const cases: Array<[string, Partial<ArgsOf<'saveSettings'>>, string, string]> = [
    ['a bench name holding a tab', { stationName: 'Packing\t3' }, 'stationName', 'Bench name contains a control character (tab)'],
    ['a bench name holding a NUL', { stationName: 'Packing\u00003' }, 'stationName', 'Bench name contains a control character (NUL)'],
    ['a bench name holding a line break', { stationName: 'Packing\n3' }, 'stationName', 'Bench name contains a line break (it must be one line)'],
    ['a label printer holding a tab', { labelPrinter: 'Zebra\tZD421' }, 'labelPrinter', 'Label printer contains a control character (tab)'],
    // Its length said, so the manager knows how much to cut.
    ['a bench name too long', { stationName: 'Packing bench by the north loading door, second from left' + ' (B)' }, 'stationName', 'Bench name is longer than 60 characters (it has 61)'],
  ];
  for (const [name, change, field, message] of cases) {
    it(`refuses ${name}, naming it, and changes nothing`, async () => {
      const bench = openBench();
      expect((await bench.call('saveSettings', { ...good, hubUrl: '' })).ok).toBe(true);
      const before = readFileSync(bench.file, 'utf8');
      const result = await bench.call('saveSettings', { ...good, hubUrl: '', ...change });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument', issues: [{ where: field, message }] } });
      expect(readFileSync(bench.file, 'utf8')).toBe(before);
      expect(invokeBenchMethod(bench.core, 'getBenchInfo', {})).toMatchObject({ ok: true, value: { stationName: 'Packing 3' } });
    });
  }

  it('takes a name with emoji and accents, as typed', async () => {
    const bench = openBench();
    const stationName = 'Pàcking 📦 Ünit 3';
    expect(await bench.call('saveSettings', { ...good, hubUrl: '', stationName })).toMatchObject({ ok: true, value: { stationName } });
  });
});

describe('the GS substitute', () => {
  // Split on it, a serial number or lot holding that character would read as two GS1 elements (and "]" starts the AIM prefix).
  for (const gsSubstitute of ['1', 'A', 'x', '-', '/', '(', ']']) {
    it(`refuses "${gsSubstitute}", a character GS1 codes carry, saying why, and changes nothing`, async () => {
      const bench = openBench();
      expect((await bench.call('saveSettings', { ...good, hubUrl: '' })).ok).toBe(true);
      const before = readFileSync(bench.file, 'utf8');
      const result = await bench.call('saveSettings', { ...good, hubUrl: '', scanner: { ...good.scanner, gsSubstitute } });
      expect(result).toMatchObject({ ok: false, error: { issues: [{ where: 'scanner.gsSubstitute', message: expect.stringContaining(`GS substitute "${gsSubstitute}" can be part of a GS1 code`) }] } });
      expect(readFileSync(bench.file, 'utf8')).toBe(before);
    });
  }

  it('takes a character no GS1 code carries', async () => {
    const bench = openBench();
    for (const gsSubstitute of ['~', '^', '|', '@', '#', '{', '§', '']) {
      expect(await bench.call('saveSettings', { ...good, hubUrl: '', scanner: { ...good.scanner, gsSubstitute } })).toMatchObject({ ok: true, value: { scanner: { gsSubstitute } } });
    }
  });
});

describe('a pasted hub token', () => {
  it('with a line break inside is refused as such, and a trailing newline (a paste from a terminal) is dropped', async () => {
    const bench = openBench();
    const result = await bench.call('saveSettings', { ...good, token: { action: 'replace', value: 'bench-token\nsecond-line' } });
    expect(result).toMatchObject({ ok: false, error: { issues: [{ where: 'token.value', message: 'Bench token must not contain line breaks: paste it on one line' }] } });
    expect((await bench.call('saveSettings', { ...good, token: { action: 'replace', value: `${TOKEN}\r\n` } })).ok).toBe(true);
    expect(bench.store.get('sync').token).toEqual({ scheme: 'plain', value: TOKEN });
  });
});

describe('hub URLs the Test connection takes', () => {
  it('a scheme in capitals (as typed from a printed sheet) is saved, in the form every part reads', async () => {
    const bench = openBench();
    const saved = await bench.call('saveSettings', { ...good, hubUrl: 'HTTP://127.0.0.1:9' });
    expect(saved).toMatchObject({ ok: true, value: { hubUrl: 'http://127.0.0.1:9' } });
    expect(bench.store.get('sync').hubUrl).toBe('http://127.0.0.1:9');
  });

  it('a space inside is refused naming the hub URL and saying what is wrong, not the file\'s pattern', async () => {
    const bench = openBench();
    for (const hubUrl of ['https://hub.example.com/bench a', 'https://hub.example.com/\tx']) {
      const result = await bench.call('saveSettings', { ...good, hubUrl });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument', issues: [{ where: 'hubUrl', message: 'Hub URL must not contain spaces' }] } });
      // Test connection refuses it the same way, rather than trying an address Save would not keep.
      expect(await bench.call('testHubConnection', { hubUrl })).toMatchObject({ ok: false, error: { issues: [{ where: 'hubUrl', message: 'Hub URL must not contain spaces' }] } });
    }
  });
});

describe('hub URLs the bench could not use', () => {
  const cases: Array<[string, string, string]> = [
    ['one slash after the scheme', 'http:/hub.example.com', 'Hub URL must be an http:// or https:// address'],
    ['no slash after the scheme', 'https:hub.example.com', 'Hub URL must be an http:// or https:// address'],
    // Both start as an address does: "must be an http:// or https:// address" named no fault.
    ['a space in the server name', 'https://exa mple.com', 'Hub URL must not contain spaces'],
    ['no server name', 'http://', 'Hub URL has no server name after http://, e.g. http://hub.example.com'],
    ['a server name no address can have', 'https://hub_<x>.example', 'Hub URL "https://hub_<x>.example" is not an address a bench can reach: check the server name after https://'],
    ['a query', 'https://hub.example.com/?site=2', 'Hub URL must not have a query (?…) or a fragment (#…)'],
    ['a fragment', 'https://hub.example.com#bench', 'Hub URL must not have a query (?…) or a fragment (#…)'],
    ['a user name and password', 'https://manager:secret@hub.example.com', 'Hub URL must not contain a user name or password'],
  ];
  for (const [name, hubUrl, message] of cases) {
    it(`with ${name} is refused on the hub URL, in words, and nothing is saved; Test connection refuses it alike`, async () => {
      const bench = openBench();
      expect((await bench.call('saveSettings', { ...good, hubUrl: '' })).ok).toBe(true);
      const before = readFileSync(bench.file, 'utf8');
      const result = await bench.call('saveSettings', { ...good, hubUrl });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument', issues: [{ where: 'hubUrl', message: expect.stringContaining(message) }] } });
      expect(readFileSync(bench.file, 'utf8')).toBe(before);
      expect(await bench.call('testHubConnection', { hubUrl })).toMatchObject({ ok: false, error: { issues: [{ where: 'hubUrl', message: expect.stringContaining(message) }] } });
    });
  }

  // "https://hub:70000" was told "must be an http:// or https:// address" (the URL parser throws on it),
  // which it is; and port 0 was saved, a port nothing can be reached on.
  for (const [hubUrl, port] of [['https://hub.example.com:70000', '70000'], ['http://127.0.0.1:0/', '0'], ['https://[::1]:65536/hub', '65536']] as const) {
    it(`with port ${port} is refused naming the port and the ports there are, and nothing is saved; Test connection refuses it alike`, async () => {
      const bench = openBench();
      expect((await bench.call('saveSettings', { ...good, hubUrl: '' })).ok).toBe(true);
      const before = readFileSync(bench.file, 'utf8');
      const message = `Hub URL has port ${port}, which is no port: a port is a number from 1 to 65535 (e.g. https://hub.example.com:8443)`;
      expect(await bench.call('saveSettings', { ...good, hubUrl })).toMatchObject({ ok: false, error: { issues: [{ where: 'hubUrl', message }] } });
      expect(readFileSync(bench.file, 'utf8')).toBe(before);
      expect(await bench.call('testHubConnection', { hubUrl })).toMatchObject({ ok: false, error: { issues: [{ where: 'hubUrl', message }] } });
    });
  }

  // "http://hub:00" was told "port 00, which is no port", leaving the packer to work out that 00 is 0.
  for (const [hubUrl, typed] of [['http://hub.example.com:00', '00'], ['https://hub.example.com:000/hub', '000']] as const) {
    it(`with port ${typed} is refused naming it as port 0, and nothing is saved`, async () => {
      const bench = openBench();
      expect((await bench.call('saveSettings', { ...good, hubUrl: '' })).ok).toBe(true);
      const before = readFileSync(bench.file, 'utf8');
      const message = `Hub URL has port ${typed} (that is port 0), which is no port: a port is a number from 1 to 65535 (e.g. https://hub.example.com:8443)`;
      expect(await bench.call('saveSettings', { ...good, hubUrl })).toMatchObject({ ok: false, error: { issues: [{ where: 'hubUrl', message }] } });
      expect(readFileSync(bench.file, 'utf8')).toBe(before);
      expect(await bench.call('testHubConnection', { hubUrl })).toMatchObject({ ok: false, error: { issues: [{ where: 'hubUrl', message }] } });
    });
  }

  // Every URL reader takes ":080" as port 80, but a manager who typed it most likely mistyped (8080? 80?):
  // refused naming the port as typed and as it would be written, nothing saved, Test connection alike.
  for (const [hubUrl, typed, plain, zeros] of [
    ['http://hub:080', '080', '80', 'a leading zero'],
    ['https://hub.example.com:08443/hub', '08443', '8443', 'a leading zero'],
    ['http://[::1]:0009', '0009', '9', 'leading zeros'],
  ] as const) {
    it(`with port ${typed} is refused naming it and the port it would be (${plain}), and nothing is saved; Test connection refuses it alike`, async () => {
      const bench = openBench();
      expect((await bench.call('saveSettings', { ...good, hubUrl: '' })).ok).toBe(true);
      const before = readFileSync(bench.file, 'utf8');
      const message = `Hub URL port ${typed} has ${zeros}: write it as ${plain} if that is the port meant`;
      expect(await bench.call('saveSettings', { ...good, hubUrl })).toMatchObject({ ok: false, error: { issues: [{ where: 'hubUrl', message }] } });
      expect(readFileSync(bench.file, 'utf8')).toBe(before);
      expect(await bench.call('testHubConnection', { hubUrl })).toMatchObject({ ok: false, error: { issues: [{ where: 'hubUrl', message }] } });
    });
  }

  it('with the port written plainly (:9) is taken', async () => {
    const bench = openBench();
    expect(await bench.call('saveSettings', { ...good, hubUrl: 'http://127.0.0.1:9' })).toMatchObject({ ok: true, value: { hubUrl: 'http://127.0.0.1:9' } });
  });

  it('a path (a hub behind a proxy) and a trailing slash are kept', async () => {
    const bench = openBench();
    expect(await bench.call('saveSettings', { ...good, hubUrl: 'http://127.0.0.1:9/hub/' })).toMatchObject({ ok: true, value: { hubUrl: 'http://127.0.0.1:9/hub/' } });
  });
});

describe('a settings file saved by an earlier version with a hub URL the rule now refuses', () => {
  // Every URL reader takes ":080" as port 80: such a file synced with port 80, unsaid.
  for (const [hubUrl, words] of [
    ['http://127.0.0.1:080', 'Hub URL port 080 has a leading zero: write it as 80 if that is the port meant'],
    ['http://127.0.0.1:00/', 'Hub URL has port 00 (that is port 0), which is no port: a port is a number from 1 to 65535 (e.g. https://hub.example.com:8443)'],
  ] as const) {
    it(`(${hubUrl}) is said where settings file problems are, in the Settings screen's words; the file is left as it is, and sync does not start with it`, async () => {
      const dir = tempDir('bench-settings-');
      const file = join(dir, 'settings.json');
      const settings = { ...DEFAULT_SETTINGS, stationName: 'Packing 8', sync: { hubUrl, token: { scheme: 'plain', value: TOKEN } } };
      writeFileSync(file, JSON.stringify(settings, undefined, '\t'), { mode: 0o600 });
      const before = readFileSync(file, 'utf8');
      const problems: string[] = [];
      openSettingsFile(dir, (problem) => problems.push(problem));
      expect(problems).toEqual([`sync.hubUrl is kept as it is, but the bench cannot sync with it until it is corrected in Settings: ${words}`]);
      expect(readFileSync(file, 'utf8')).toBe(before);

      const lines: string[] = [];
      const parts = openBenchParts({
        file: benchDatabaseFile(dir),
        stationName: 'Packing 8',
        settings: { ...settingsFeatureOptions(browserModeSettings(dir, {})), log: (line) => lines.push(line) },
      });
      opened.push(parts);
      const call = (method: string, args: unknown) => invokeBenchMethodAsync(parts.core, method, args);
      await parts.settings!.startSync();
      expect(lines).toContain(`sync not started: ${words}.`);
      // The header is told the hub URL and why it is refused, not "no hub set up" (there is one, in the file).
      expect(await call('getSyncStatus', {})).toMatchObject({ ok: true, value: { state: 'not_configured', hubUrl, hubUrlProblem: words } });
      // Test connection with the stored hub URL refuses it alike, asking no server.
      expect(await call('testHubConnection', {})).toMatchObject({ ok: false, error: { code: 'invalid_argument', issues: [{ where: 'hubUrl', message: words }] } });
      // The Settings screen shows it as stored (Save Changes refuses it until corrected); the file is not rewritten.
      expect(await call('getSettings', {})).toMatchObject({ ok: true, value: { hubUrl, tokenSet: true } });
      expect(readFileSync(file, 'utf8')).toBe(before);
    });
  }
});

describe('the hub token', () => {
  it('is never sent back: only "set" comes back, from every call and over HTTP', async () => {
    const bench = openBench();
    const host = await startHost({ handlers: bench.core, log: () => {} });
    try {
      const post = async (method: string, args: unknown) => {
        const response = await fetch(`${host.url}api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.secret}` },
          body: JSON.stringify(args),
        });
        return response.text();
      };
      const saved = await post('saveSettings', good);
      expect(JSON.parse(saved)).toMatchObject({ ok: true, value: { tokenSet: true, hubUrl: 'http://127.0.0.1:9' } });
      const read = await post('getSettings', {});
      const tested = await post('testHubConnection', {});
      for (const body of [saved, read, tested]) expect(body).not.toContain(TOKEN);
      expect(JSON.parse(tested)).toMatchObject({ ok: true, value: { outcome: 'unreachable' } });
      // Keeping it leaves it as it was; clearing it removes it.
      await post('saveSettings', { ...good, token: { action: 'keep' } });
      expect(bench.store.get('sync').token).toEqual({ scheme: 'plain', value: TOKEN });
      expect(JSON.parse(await post('saveSettings', { ...good, token: { action: 'clear' } }))).toMatchObject({ ok: true, value: { tokenSet: false } });
      expect(bench.store.get('sync').token).toBeNull();
    } finally {
      await host.close();
    }
  });

  it('sealed by another computer\'s key store: the bench still opens, says why sync is off, and takes a new token', async () => {
    const dir = tempDir('bench-settings-');
    // As a desktop bench wrote it (safeStorage), copied to where nothing can open it.
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ sync: { hubUrl: 'http://127.0.0.1:9', token: { scheme: 'safeStorage', data: Buffer.from('sealed elsewhere').toString('base64') } } }),
    );
    const bench = openBench(dir);
    await opened.at(-1)!.settings!.startSync();
    const read = await bench.call('getSettings', {});
    expect(read).toMatchObject({ ok: true, value: { tokenSet: true, tokenUnreadable: true, tokenProtection: { warning: expect.stringMatching(/^The saved bench token cannot be decrypted here .* so sync is off\. Enter the token again and choose Save Changes\./) } } });
    expect(await bench.call('testHubConnection', {})).toMatchObject({ ok: true, value: { outcome: 'not_configured', message: expect.stringMatching(/cannot be decrypted/) } });
    // The header is told the token is unreadable, not missing (and no sync runs with it).
    expect(await bench.call('getSyncStatus', {})).toMatchObject({ ok: true, value: { state: 'not_configured', hubUrl: 'http://127.0.0.1:9', tokenUnreadable: true } });
    // Replacing it works, and the warning goes.
    const saved = await bench.call('saveSettings', good);
    expect(saved.ok).toBe(true);
    expect(await bench.call('getSyncStatus', {})).not.toMatchObject({ value: { tokenUnreadable: true } });
    expect(bench.store.get('sync').token).toEqual({ scheme: 'plain', value: TOKEN });
    const after = await bench.call('getSettings', {});
    expect(after).toMatchObject({ ok: true, value: { tokenUnreadable: false, tokenProtection: { warning: expect.not.stringMatching(/cannot be decrypted/) } } });
  });

  it('Test connection with "no token" (removal ticked, none typed) says there is none to test with and asks the hub nothing', async () => {
    const bench = openBench();
    expect((await bench.call('saveSettings', good)).ok).toBe(true);
    const tested = await bench.call('testHubConnection', { hubUrl: 'http://127.0.0.1:9', token: null });
    expect(tested).toMatchObject({ ok: true, value: { outcome: 'not_configured', message: expect.stringMatching(/^No bench token to test with/) } });
    // The stored token is still the one saved: testing changes nothing.
    expect(bench.store.get('sync').token).toEqual({ scheme: 'plain', value: TOKEN });
  });

  it('removed while the hub URL stays: the sync status names the hub, so the header can say the token is what is missing', async () => {
    const bench = openBench();
    expect((await bench.call('saveSettings', good)).ok).toBe(true);
    expect((await bench.call('saveSettings', { ...good, token: { action: 'clear' } })).ok).toBe(true);
    const removed = await bench.call('getSyncStatus', {});
    expect(removed).toMatchObject({ ok: true, value: { state: 'not_configured', hubUrl: 'http://127.0.0.1:9' } });
    expect(removed.ok && removed.value).not.toHaveProperty('tokenUnreadable');
    // With the hub URL emptied too, no hub is set up: nothing is named.
    expect((await bench.call('saveSettings', { ...good, hubUrl: '', token: { action: 'clear' } })).ok).toBe(true);
    const none = await bench.call('getSyncStatus', {});
    expect(none).toMatchObject({ ok: true, value: { state: 'not_configured' } });
    expect(none.ok && none.value).not.toHaveProperty('hubUrl');
  });

  it('says it is not encrypted in browser mode', async () => {
    const bench = openBench();
    const result = await bench.call('getSettings', {});
    expect(result).toMatchObject({ ok: true, value: { tokenProtection: { encrypted: false, warning: expect.stringMatching(/unencrypted/) } } });
  });
});

describe('async calls', () => {
  it('are refused by the synchronous invoke, without running', () => {
    const bench = openBench();
    expect(invokeBenchMethod(bench.core, 'saveSettings', good)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(bench.store.get('stationName')).toBe('Bench');
  });
});
