/**
 * Static security checks of the Electron shell (Electron's security checklist), over the real
 * electron/main.ts and electron/preload.ts, and — to prove every check can fail — over weakened
 * copies written to a temp folder.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHELL_CONTENT_SECURITY_POLICY } from '../../electron/shell/csp.js';
import { APP_ENTRY_URL } from '../../electron/shell/app-protocol.js';
import { REPO, tempFolder, weaken } from './helpers.js';
import { checkCsp, checkMainSource, checkPreloadSource, findElectronImportsOutsideShell } from './lib/shell-security.js';

const MAIN = readFileSync(join(REPO, 'electron/main.ts'), 'utf8');
const PRELOAD = readFileSync(join(REPO, 'electron/preload.ts'), 'utf8');
let tmp = '';
beforeAll(() => {
  tmp = tempFolder('bench-security-');
});

/** Writes a weakened copy to the temp folder and checks that copy, as the real file is checked. */
function checkCopy(kind: 'main' | 'preload', name: string, source: string): string[] {
  const file = join(tmp, kind, `${name}.ts`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  const text = readFileSync(file, 'utf8');
  return (kind === 'main' ? checkMainSource(text, file) : checkPreloadSource(text, file)).map((f) => f.rule);
}

describe('electron/main.ts security settings', () => {
  it('passes every check as written', () => {
    expect(checkMainSource(MAIN)).toEqual([]);
    expect(APP_ENTRY_URL).toMatch(/^app:\/\/bench\//);
  });

  const weakenings: Array<[string, string, string, string[]]> = [
    ['contextIsolation off', 'contextIsolation: true,', 'contextIsolation: false,', ['contextIsolation']],
    ['contextIsolation missing', 'contextIsolation: true,', '', ['contextIsolation']],
    ['sandbox off', 'sandbox: true,', 'sandbox: false,', ['sandbox']],
    ['sandbox missing', 'sandbox: true,', '', ['sandbox']],
    ['nodeIntegration on', 'nodeIntegration: false,', 'nodeIntegration: true,', ['nodeIntegration']],
    ['nodeIntegration computed', 'nodeIntegration: false,', 'nodeIntegration: !app.isPackaged,', ['nodeIntegration']],
    ['webSecurity off', 'webSecurity: true,', 'webSecurity: false,', ['webSecurity']],
    ['insecure content allowed', 'allowRunningInsecureContent: false,', 'allowRunningInsecureContent: true,', ['allowRunningInsecureContent']],
    ['webview tag on', 'webviewTag: false,', 'webviewTag: true,', ['webviewTag']],
    ['blink features', 'spellcheck: false,', "spellcheck: false, enableBlinkFeatures: 'X',", ['enableBlinkFeatures']],
    ['spread into webPreferences', 'spellcheck: false,', 'spellcheck: false, ...extraPreferences,', ['webPreferences']],
    ['second window without webPreferences', 'void win.loadURL(APP_ENTRY_URL);', 'void win.loadURL(APP_ENTRY_URL);\n  new BrowserWindow({ width: 10 });', ['webPreferences']],
    ['will-navigate handler missing', "contents.on('will-navigate', (event) => {\n    event.preventDefault();\n  });", '', ['will-navigate']],
    [
      'will-navigate handler only prevents sometimes',
      "contents.on('will-navigate', (event) => {\n    event.preventDefault();\n  });",
      "contents.on('will-navigate', (event, url) => {\n    if (!url.startsWith('app:')) event.preventDefault();\n  });",
      ['will-navigate'],
    ],
    [
      'hardening not applied to new webContents',
      "app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));",
      "app.on('web-contents-created', () => {});",
      ['will-navigate', 'setWindowOpenHandler'],
    ],
    ['new windows allowed', "setWindowOpenHandler(() => ({ action: 'deny' }))", "setWindowOpenHandler(() => ({ action: 'allow' }))", ['setWindowOpenHandler']],
    ['window open handler missing', "contents.setWindowOpenHandler(() => ({ action: 'deny' }));", '', ['setWindowOpenHandler']],
    ['permission requests granted', 'callback(false);', 'callback(true);', ['setPermissionRequestHandler']],
    ['permission requests granted sometimes', 'callback(false);', "callback(_permission === 'fullscreen');", ['setPermissionRequestHandler']],
    ['permission request handler missing', 'ses.setPermissionRequestHandler(', 'ses.setPermissionRequestHandlerX(', ['setPermissionRequestHandler']],
    ['permission checks granted', 'setPermissionCheckHandler(() => false)', 'setPermissionCheckHandler(() => true)', ['setPermissionCheckHandler']],
    [
      'permissions locked on another session only',
      'lockDownSession(session.defaultSession);',
      "lockDownSession(session.fromPartition('other'));",
      ['setPermissionRequestHandler', 'setPermissionCheckHandler'],
    ],
    ['remote URL loaded', 'void win.loadURL(APP_ENTRY_URL);', "void win.loadURL('https://example.com/');", ['loadURL', 'remote-url']],
    ['dev server URL loaded', 'void win.loadURL(APP_ENTRY_URL);', "void win.loadURL(process.env.BENCH_DEV_URL ?? 'http://localhost:5173');", ['loadURL', 'remote-url']],
    ['CSP not passed', 'contentSecurityPolicy: SHELL_CONTENT_SECURITY_POLICY,', "contentSecurityPolicy: '',", ['csp']],
    ['CSP bypassed by scheme privilege', 'codeCache: true', 'codeCache: true, bypassCSP: true', ['csp']],
    ['sandbox switched off by switch', "app.setName(PRODUCT_NAME);", "app.setName(PRODUCT_NAME);\napp.commandLine.appendSwitch('no-sandbox');", ['switches']],
  ];

  for (const [name, from, to, rules] of weakenings) {
    it(`fails when weakened: ${name}`, () => {
      const found = checkCopy('main', name.replace(/\W+/g, '-'), weaken(MAIN, from, to));
      for (const rule of rules) expect(found, `rule ${rule} should fire for "${name}"`).toContain(rule);
    });
  }
});

describe('Content-Security-Policy', () => {
  it('is strict as written', () => {
    expect(checkCsp(SHELL_CONTENT_SECURITY_POLICY)).toEqual([]);
  });

  const weakenings: Array<[string, string, string]> = [
    ['unsafe-eval scripts', "script-src 'self'", "script-src 'self' 'unsafe-eval'"],
    ['inline scripts', "script-src 'self'", "script-src 'self' 'unsafe-inline'"],
    ['remote scripts', "script-src 'self'", "script-src 'self' https://cdn.example.com"],
    ['open default-src', "default-src 'none'", 'default-src *'],
    ['plugins allowed', "object-src 'none'", "object-src 'self'"],
    ['base-uri open', "base-uri 'none'", "base-uri 'self'"],
    ['remote connections', "connect-src 'none'", 'connect-src https:'],
  ];
  for (const [name, from, to] of weakenings) {
    it(`fails when weakened: ${name}`, () => {
      expect(checkCsp(weaken(SHELL_CONTENT_SECURITY_POLICY, from, to)).length).toBeGreaterThan(0);
    });
  }
  it('fails when a directive is dropped', () => {
    expect(checkCsp(SHELL_CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", '')).map((f) => f.message)).toContain("frame-ancestors must be 'none'");
  });
});

describe('electron/preload.ts exposes only benchApi and benchEvents', () => {
  it('passes every check as written', () => {
    expect(checkPreloadSource(PRELOAD)).toEqual([]);
  });

  const exposeLine = "contextBridge.exposeInMainWorld('benchApi', Object.freeze(benchApi));";
  const weakenings: Array<[string, string, string, string[]]> = [
    ['ipcRenderer exposed', exposeLine, `${exposeLine}\ncontextBridge.exposeInMainWorld('ipc', ipcRenderer);`, ['expose', 'ipcRenderer']],
    [
      'generic invoke exposed',
      exposeLine,
      `${exposeLine}\ncontextBridge.exposeInMainWorld('invoke', (channel: string, a: unknown) => ipcRenderer.invoke(channel, a));`,
      ['expose', 'ipcRenderer'],
    ],
    ['ipcRenderer inside the api', 'Object.freeze(benchApi)', 'Object.freeze({ ...benchApi, ipc: ipcRenderer })', ['ipcRenderer']],
    ['renamed global', "exposeInMainWorld('benchApi'", "exposeInMainWorld('api'", ['expose']],
    ['events exposed twice', exposeLine, `${exposeLine}\ncontextBridge.exposeInMainWorld('benchEvents', {});`, ['expose']],
    ['listening to a caller-chosen channel for events', 'ipcRenderer.on(CHANGE_STREAM_CHANNEL,', 'ipcRenderer.on(String(Math.random()),', ['ipcRenderer']],
    ['fire-and-forget send', 'ipcRenderer.invoke(channel, args)', 'ipcRenderer.send(channel, args)', ['ipcRenderer']],
    ['invoke on a caller-chosen channel', 'ipcRenderer.invoke(channel, args)', 'ipcRenderer.invoke(String(args), args)', ['ipcRenderer']],
    ['listening to any channel', 'ipcRenderer.on(SHELL_COMMAND_CHANNEL,', "ipcRenderer.on('anything',", ['ipcRenderer']],
    ['more of electron imported', 'import { contextBridge, ipcRenderer } from', 'import { contextBridge, ipcRenderer, webFrame } from', ['electron-imports']],
    ['node module required', exposeLine, `${exposeLine}\nconst fs = require('fs');`, ['electron-imports']],
  ];
  for (const [name, from, to, rules] of weakenings) {
    it(`fails when weakened: ${name}`, () => {
      const found = checkCopy('preload', name.replace(/\W+/g, '-'), weaken(PRELOAD, from, to));
      for (const rule of rules) expect(found, `rule ${rule} should fire for "${name}"`).toContain(rule);
    });
  }
});

describe("only electron/main.ts, electron/preload.ts and electron/shell/** import 'electron'", () => {
  const DIRS = ['electron', 'renderer', 'shared', 'hub', 'scripts', 'test'];

  it('holds for this repository', () => {
    expect(findElectronImportsOutsideShell(REPO, DIRS)).toEqual([]);
  });

  it('fails on a tree with electron imports elsewhere', () => {
    const root = join(tmp, 'tree');
    const files: Record<string, string> = {
      'electron/main.ts': "import { app } from 'electron';",
      'electron/preload.ts': "import { contextBridge } from 'electron';",
      'electron/shell/menu.ts': "import { Menu } from 'electron'; import Store from 'electron-store';",
      'electron/ipc/bad.ts': "import { ipcMain } from 'electron';",
      'electron/settings/bad.ts': "import Store from 'electron-store';",
      'electron/core/bad.ts': "const { app } = require('electron');",
      'electron/launch.ts': "export * from 'electron/main';",
      'renderer/bad.tsx': "import type { IpcRenderer } from 'electron';\nexport const X = () => <div />;",
      'shared/bad.ts': "export type App = import('electron').App;",
      'hub/bad.ts': "const e = await import('electron');",
      'scripts/bad.ts': "import electron = require('electron');",
      'test/ok.ts': "const text = \"import { app } from 'electron'\"; // only a string",
    };
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    const found = findElectronImportsOutsideShell(root, DIRS).map((v) => `${v.file} ${v.specifier}`).sort();
    expect(found).toEqual(
      [
        'electron/core/bad.ts electron',
        'electron/ipc/bad.ts electron',
        'electron/launch.ts electron/main',
        'electron/settings/bad.ts electron-store',
        'hub/bad.ts electron',
        'renderer/bad.tsx electron',
        'scripts/bad.ts electron',
        'shared/bad.ts electron',
      ].sort(),
    );
  });
});
