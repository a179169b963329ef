/**
 * Static security checks over the shell's sources (Electron's security checklist), run by
 * test/shell/security-static.test.ts against the real files and against weakened copies.
 * Each finding names its rule, so a test can prove that rule fails when the setting is weakened.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import {
  args,
  calleeName,
  calleeObject,
  constInitializers,
  findAll,
  functionDeclarations,
  identifierName,
  isFunction,
  keyName,
  literalValue,
  moduleSpecifiers,
  paramNames,
  parseTs,
  prop,
  props,
  returnedValues,
  unwrap,
  walk,
  type AstNode,
} from './ast.js';

export interface Finding {
  rule: string;
  message: string;
}

const REQUIRED_WEB_PREFERENCES: Record<string, boolean> = { contextIsolation: true, sandbox: true, nodeIntegration: false };
/** When present they must have exactly this value. */
const SAFE_WEB_PREFERENCES: Record<string, boolean> = {
  webSecurity: true,
  allowRunningInsecureContent: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  experimentalFeatures: false,
  webviewTag: false,
};
const FORBIDDEN_WEB_PREFERENCES = ['enableBlinkFeatures', 'enableRemoteModule'];
const DANGEROUS_SWITCHES = [
  'no-sandbox',
  'disable-web-security',
  'ignore-certificate-errors',
  'allow-running-insecure-content',
  'remote-debugging-port',
  'disable-site-isolation-trials',
  'js-flags',
  'inspect',
  'inspect-brk',
];
const WINDOW_CONSTRUCTORS = ['BrowserWindow', 'BrowserView', 'WebContentsView'];

/** Checks electron/main.ts. */
export function checkMainSource(source: string, filename = 'main.ts'): Finding[] {
  const ast = parseTs(source, filename);
  const findings: Finding[] = [];
  const add = (rule: string, message: string) => findings.push({ rule, message });
  const consts = constInitializers(ast);
  const functions = functionDeclarations(ast);

  // --- webPreferences -------------------------------------------------------------------------
  const windows = findAll(ast, (n) => n.type === 'NewExpression' && WINDOW_CONSTRUCTORS.includes(identifierName(prop(n, 'callee')) ?? ''));
  if (windows.length === 0) add('webPreferences', 'no BrowserWindow is created');
  for (const { node } of windows) {
    const options = unwrap(args(node)[0] ?? null);
    const hasPrefs = options?.type === 'ObjectExpression' && props(options, 'properties').some((p) => keyName(p) === 'webPreferences');
    if (!hasPrefs) add('webPreferences', `new ${identifierName(prop(node, 'callee'))}() without an inline webPreferences object`);
  }
  const prefObjects = findAll(ast, (n) => n.type === 'Property' && keyName(n) === 'webPreferences').map(({ node }) => unwrap(prop(node, 'value')));
  for (const prefs of prefObjects) {
    if (!prefs || prefs.type !== 'ObjectExpression') {
      add('webPreferences', 'webPreferences must be an inline object literal');
      continue;
    }
    const entries = props(prefs, 'properties');
    if (entries.some((p) => p.type !== 'Property' || keyName(p) === null)) add('webPreferences', 'webPreferences may not use spreads or computed keys');
    const value = (name: string) => {
      const entry = entries.find((p) => keyName(p) === name);
      return entry ? { present: true, value: literalValue(unwrap(prop(entry, 'value'))) } : { present: false, value: undefined };
    };
    for (const [name, expected] of Object.entries(REQUIRED_WEB_PREFERENCES)) {
      const v = value(name);
      if (v.value !== expected) add(name, `webPreferences.${name} must be literally ${expected}`);
    }
    for (const [name, expected] of Object.entries(SAFE_WEB_PREFERENCES)) {
      const v = value(name);
      if (v.present && v.value !== expected) add(name, `webPreferences.${name} must be ${expected} when set`);
    }
    for (const name of FORBIDDEN_WEB_PREFERENCES) if (value(name).present) add(name, `webPreferences.${name} must not be set`);
    if (!value('preload').present) add('preload', 'webPreferences.preload is missing');
  }

  // --- where hardening is applied -----------------------------------------------------------
  const webContentsCreated = findAll(ast, (n) => isOnCall(n, 'web-contents-created'));
  const hardeningRoots = webContentsCreated.map(({ node }) => args(node)[1] ?? null).filter(isFunction);
  /** A node is applied to every webContents when it sits in a 'web-contents-created' listener or a function called from one. */
  const appliedToAllContents = (ancestors: readonly AstNode[]) =>
    ancestors.some((a) => hardeningRoots.includes(a)) ||
    enclosingFunctionNames(ancestors, functions).some((name) => hardeningRoots.some((root) => callsFunction(root, name)));

  // --- will-navigate ----------------------------------------------------------------------
  const navigations = findAll(ast, (n) => isOnCall(n, 'will-navigate'));
  if (navigations.length === 0) add('will-navigate', "no 'will-navigate' handler");
  for (const { node, ancestors } of navigations) {
    const handler = args(node)[1] ?? null;
    if (!isFunction(handler) || !preventsFirst(handler)) add('will-navigate', "the 'will-navigate' handler must call event.preventDefault() unconditionally");
    if (!appliedToAllContents(ancestors)) add('will-navigate', "the 'will-navigate' handler is not applied from app.on('web-contents-created')");
  }

  // --- new windows ----------------------------------------------------------------------------
  const openHandlers = findAll(ast, (n) => n.type === 'CallExpression' && calleeName(n) === 'setWindowOpenHandler');
  if (openHandlers.length === 0) add('setWindowOpenHandler', 'no setWindowOpenHandler');
  for (const { node, ancestors } of openHandlers) {
    const handler = args(node)[0] ?? null;
    const denies =
      isFunction(handler) &&
      returnedValues(handler).length > 0 &&
      returnedValues(handler).every((v) => v?.type === 'ObjectExpression' && props(v, 'properties').some((p) => keyName(p) === 'action' && literalValue(prop(p, 'value')) === 'deny'));
    const mentionsAllow = isFunction(handler) && findAll(handler, (n) => literalValue(n) === 'allow').length > 0;
    if (!denies || mentionsAllow) add('setWindowOpenHandler', "setWindowOpenHandler must always return { action: 'deny' }");
    if (!appliedToAllContents(ancestors)) add('setWindowOpenHandler', "setWindowOpenHandler is not applied from app.on('web-contents-created')");
  }

  // --- permissions -----------------------------------------------------------------------
  const sessionSetups = (ancestors: readonly AstNode[]) =>
    enclosingFunctionNames(ancestors, functions).some((name) =>
      findAll(ast, (n) => n.type === 'CallExpression' && identifierName(prop(n, 'callee')) === name && args(n).some(isDefaultSession)).length > 0,
    ) || ancestors.some((a) => a.type === 'CallExpression' && isDefaultSession(calleeObject(a)));
  const requestHandlers = findAll(ast, (n) => n.type === 'CallExpression' && calleeName(n) === 'setPermissionRequestHandler');
  if (requestHandlers.length === 0) add('setPermissionRequestHandler', 'no setPermissionRequestHandler');
  for (const { node, ancestors } of requestHandlers) {
    const handler = args(node)[0] ?? null;
    const callback = isFunction(handler) ? paramNames(handler)[2] : null;
    const calls = callback && handler ? findAll(handler, (n) => n.type === 'CallExpression' && identifierName(prop(n, 'callee')) === callback) : [];
    const grantsNothing = calls.length > 0 && calls.every(({ node: c }) => literalValue(args(c)[0] ?? null) === false);
    if (!grantsNothing) add('setPermissionRequestHandler', 'the permission request handler must only ever call callback(false)');
    if (!sessionSetups(ancestors)) add('setPermissionRequestHandler', 'the permission request handler is not installed on session.defaultSession');
  }
  const checkHandlers = findAll(ast, (n) => n.type === 'CallExpression' && calleeName(n) === 'setPermissionCheckHandler');
  if (checkHandlers.length === 0) add('setPermissionCheckHandler', 'no setPermissionCheckHandler');
  for (const { node, ancestors } of checkHandlers) {
    const handler = args(node)[0] ?? null;
    const returns = isFunction(handler) ? returnedValues(handler) : [];
    if (returns.length === 0 || !returns.every((v) => literalValue(v) === false)) add('setPermissionCheckHandler', 'the permission check handler must always return false');
    if (!sessionSetups(ancestors)) add('setPermissionCheckHandler', 'the permission check handler is not installed on session.defaultSession');
  }

  // --- what the window loads ------------------------------------------------------------
  const loads = findAll(ast, (n) => n.type === 'CallExpression' && calleeName(n) === 'loadURL');
  if (loads.length === 0) add('loadURL', 'the window never loads the app');
  for (const { node } of loads) {
    const target = unwrap(args(node)[0] ?? null);
    const name = identifierName(target);
    const literal = literalValue(target) ?? (name && consts.has(name) ? literalValue(consts.get(name) ?? null) : undefined);
    const ok = name === 'APP_ENTRY_URL' || (typeof literal === 'string' && literal.startsWith('app://'));
    if (!ok) add('loadURL', 'loadURL must load the app:// entry URL (APP_ENTRY_URL), never a remote or computed URL');
  }
  walk(ast, (n) => {
    const v = literalValue(n);
    if (typeof v === 'string' && /^(https?|file):\/\//i.test(v)) add('remote-url', `main.ts names a remote/file URL: ${v}`);
  });

  // --- CSP and the protocol ---------------------------------------------------------------
  const protocolHandlers = findAll(ast, (n) => n.type === 'CallExpression' && calleeName(n) === 'handle' && identifierName(args(n)[0] ?? null) === 'APP_SCHEME');
  const cspPassed = protocolHandlers.some(({ node }) => {
    const factory = unwrap(args(node)[1] ?? null);
    if (!factory || calleeName(factory) !== 'createAppProtocolHandler') return false;
    const options = unwrap(args(factory)[0] ?? null);
    return (
      options?.type === 'ObjectExpression' &&
      props(options, 'properties').some((p) => keyName(p) === 'contentSecurityPolicy' && identifierName(unwrap(prop(p, 'value'))) === 'SHELL_CONTENT_SECURITY_POLICY')
    );
  });
  if (!cspPassed) add('csp', 'app:// must be served by createAppProtocolHandler with contentSecurityPolicy: SHELL_CONTENT_SECURITY_POLICY');
  walk(ast, (n) => {
    if (n.type === 'Property' && (keyName(n) === 'bypassCSP' || keyName(n) === 'allowServiceWorkers') && literalValue(prop(n, 'value')) === true) {
      add('csp', `scheme privilege ${keyName(n)} must not be granted`);
    }
  });

  // --- command-line switches -----------------------------------------------------------
  walk(ast, (n) => {
    if (n.type !== 'CallExpression' || (calleeName(n) !== 'appendSwitch' && calleeName(n) !== 'appendArgument')) return;
    const value = literalValue(args(n)[0] ?? null);
    if (typeof value !== 'string' || DANGEROUS_SWITCHES.some((s) => value.replace(/^--/, '').startsWith(s))) {
      add('switches', `dangerous or computed command-line switch: ${String(value)}`);
    }
  });

  return findings;
}

/** Checks a Content-Security-Policy string. */
export function checkCsp(policy: string): Finding[] {
  const findings: Finding[] = [];
  const directives = new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map((parts) => [parts[0]!.toLowerCase(), parts.slice(1)] as const),
  );
  const add = (message: string) => findings.push({ rule: 'csp', message });
  const defaultSrc = directives.get('default-src');
  if (!defaultSrc || !(defaultSrc.length === 1 && (defaultSrc[0] === "'none'" || defaultSrc[0] === "'self'"))) add("default-src must be 'none' or 'self'");
  const scriptSrc = directives.get('script-src') ?? defaultSrc ?? [];
  if (scriptSrc.some((s) => /unsafe-(inline|eval|hashes)|wasm-unsafe-eval|^\*$|^https?:|^data:|^blob:/i.test(s))) add(`script-src too broad: ${scriptSrc.join(' ')}`);
  if (directives.get('object-src')?.join(' ') !== "'none'") add("object-src must be 'none'");
  if (directives.get('base-uri')?.join(' ') !== "'none'") add("base-uri must be 'none'");
  if (directives.get('frame-ancestors')?.join(' ') !== "'none'") add("frame-ancestors must be 'none'");
  for (const [name, sources] of directives) if (sources.some((s) => s === '*' || /^https?:/i.test(s))) add(`${name} allows remote sources`);
  return findings;
}

/** Checks electron/preload.ts: only `benchApi` is exposed, and ipcRenderer never leaves the preload. */
export function checkPreloadSource(source: string, filename = 'preload.ts'): Finding[] {
  const ast = parseTs(source, filename);
  const findings: Finding[] = [];
  const add = (rule: string, message: string) => findings.push({ rule, message });
  const exposes = findAll(ast, (n) => n.type === 'CallExpression' && (calleeName(n) === 'exposeInMainWorld' || calleeName(n) === 'exposeInIsolatedWorld'));
  // The contract (benchApi) and the change stream's subscribe (benchEvents), each exactly once.
  const exposedNames = exposes.map(({ node }) => (calleeName(node) === 'exposeInMainWorld' ? literalValue(args(node)[0] ?? null) : null));
  if (exposes.length !== 2) add('expose', `exactly two contextBridge.exposeInMainWorld calls expected (benchApi, benchEvents), found ${exposes.length}`);
  if (exposedNames.some((name) => name !== 'benchApi' && name !== 'benchEvents') || new Set(exposedNames).size !== exposedNames.length) {
    add('expose', "only 'benchApi' and 'benchEvents' may be exposed to the page, once each");
  }

  for (const decl of findAll(ast, (n) => n.type === 'ImportDeclaration' && literalValue(prop(n, 'source')) === 'electron')) {
    const names = props(decl.node, 'specifiers').map((s) => identifierName(prop(s, 'imported')) ?? `<${s.type}>`);
    const extra = names.filter((n) => n !== 'contextBridge' && n !== 'ipcRenderer');
    if (extra.length) add('electron-imports', `preload imports more than contextBridge and ipcRenderer from electron: ${extra.join(', ')}`);
  }
  for (const specifier of moduleSpecifiers(ast)) {
    if (specifier !== 'electron' && !specifier.startsWith('.')) add('electron-imports', `preload imports ${specifier}; a sandboxed preload may only use electron and the app's own modules`);
  }

  walk(ast, (node, ancestors) => {
    if (identifierName(node) !== 'ipcRenderer') return;
    const parent = ancestors[ancestors.length - 1];
    if (!parent) return;
    if (parent.type === 'ImportSpecifier') return;
    const member = parent.type === 'MemberExpression' && prop(parent, 'object') === node && parent.computed !== true ? identifierName(prop(parent, 'property')) : null;
    const grand = ancestors[ancestors.length - 2];
    const called = grand?.type === 'CallExpression' && prop(grand, 'callee') === parent;
    if (!called || (member !== 'invoke' && member !== 'on')) {
      add('ipcRenderer', `ipcRenderer may only be used as ipcRenderer.invoke(...) / ipcRenderer.on(...), found ${member ? `.${member}` : 'it passed around'}`);
      return;
    }
    const channel = unwrap(args(grand)[0] ?? null);
    const channelName = identifierName(channel);
    const resolved = channelName ? resolveBinding(channelName, ancestors) : channel;
    if (member === 'invoke' && !(resolved?.type === 'CallExpression' && calleeName(resolved) === 'benchChannel')) {
      add('ipcRenderer', 'ipcRenderer.invoke must use a contract channel from benchChannel(method)');
    }
    if (member === 'on' && channelName !== 'SHELL_COMMAND_CHANNEL' && channelName !== 'CHANGE_STREAM_CHANNEL') {
      add('ipcRenderer', 'ipcRenderer.on may only listen to SHELL_COMMAND_CHANNEL and CHANGE_STREAM_CHANNEL');
    }
  });
  return findings;
}

/** Module names that load Electron at import time. */
export function isElectronModule(specifier: string): boolean {
  return specifier === 'electron' || specifier.startsWith('electron/') || specifier === 'electron-store';
}

export function isShellFile(relPath: string): boolean {
  return relPath === 'electron/main.ts' || relPath === 'electron/preload.ts' || relPath.startsWith('electron/shell/');
}

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIP = new Set(['node_modules', 'dist', 'dist-electron', 'release', 'test-results', 'playwright-report', '.git']);

/** Every file under root (outside the shell files) that imports electron or electron-store. */
export function findElectronImportsOutsideShell(root: string, dirs: readonly string[]): Array<{ file: string; specifier: string }> {
  const out: Array<{ file: string; specifier: string }> = [];
  const visit = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (SKIP.has(name)) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        visit(path);
        continue;
      }
      if (!SOURCE.test(name) || name.endsWith('.d.ts')) continue;
      const rel = relative(root, path).split(sep).join('/');
      if (isShellFile(rel)) continue;
      const source = readFileSync(path, 'utf8');
      let specifiers: string[];
      try {
        specifiers = moduleSpecifiers(parseTs(source, name));
      } catch {
        // Unparsable (e.g. mid-edit): fall back to a plain scan for the module names.
        specifiers = [...source.matchAll(/['"`](electron(?:\/[\w/-]+)?|electron-store)['"`]/g)].map((m) => m[1]!);
      }
      for (const specifier of specifiers) if (isElectronModule(specifier)) out.push({ file: rel, specifier });
    }
  };
  for (const dir of dirs) visit(join(root, dir));
  return out;
}

// --- helpers --------------------------------------------------------------------------------

function isOnCall(node: AstNode, event: string): boolean {
  return node.type === 'CallExpression' && (calleeName(node) === 'on' || calleeName(node) === 'once') && literalValue(args(node)[0] ?? null) === event;
}

/** The handler's first statement-level action is `<firstParam>.preventDefault()`, outside any condition. */
function preventsFirst(handler: AstNode): boolean {
  const event = paramNames(handler)[0];
  const body = prop(handler, 'body');
  if (!event || !body) return false;
  const statements = body.type === 'BlockStatement' ? props(body, 'body') : [body];
  return statements.some((s) => {
    const expression = unwrap(s.type === 'ExpressionStatement' ? prop(s, 'expression') : s);
    return expression?.type === 'CallExpression' && calleeName(expression) === 'preventDefault' && identifierName(calleeObject(expression)) === event;
  });
}

/**
 * What a name is bound to at a point: the initializer of the nearest `const/let name = ...` in an
 * enclosing block, or null when it is a parameter (i.e. chosen by the caller) or unknown.
 */
function resolveBinding(name: string, ancestors: readonly AstNode[]): AstNode | null {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const scope = ancestors[i]!;
    if (isFunction(scope) && paramNames(scope).includes(name)) return null;
    const statements = scope.type === 'BlockStatement' || scope.type === 'Program' ? props(scope, 'body') : [];
    for (const statement of statements) {
      const declaration = statement.type === 'ExportNamedDeclaration' ? prop(statement, 'declaration') : statement;
      if (declaration?.type !== 'VariableDeclaration') continue;
      for (const declarator of props(declaration, 'declarations')) {
        if (identifierName(prop(declarator, 'id')) === name) return unwrap(prop(declarator, 'init'));
      }
    }
  }
  return null;
}

function isDefaultSession(node: AstNode | null): boolean {
  const n = unwrap(node);
  return !!n && n.type === 'MemberExpression' && identifierName(prop(n, 'object')) === 'session' && identifierName(prop(n, 'property')) === 'defaultSession';
}

function enclosingFunctionNames(ancestors: readonly AstNode[], functions: Map<string, AstNode>): string[] {
  return [...functions.entries()].filter(([, fn]) => ancestors.includes(fn)).map(([name]) => name);
}

function callsFunction(root: AstNode, name: string): boolean {
  return findAll(root, (n) => n.type === 'CallExpression' && identifierName(prop(n, 'callee')) === name).length > 0;
}
