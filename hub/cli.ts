/**
 * Set-up subcommands: `npm run hub -- <command> [--flag value ...]`. They open the same database the
 * hub uses (DATABASE_URL or the embedded cluster in HUB_DATA_DIR), so they work whether or not a hub
 * is running.
 */
import path from 'node:path';
import { AdminError, createAdmin, type Admin, type TokenState, type WarehouseListing } from './admin/admin.js';
import { defaultDataDir } from './db/embedded.js';
import { openDatabase } from './db/open.js';
import { nearestName } from '../shared/sync/nearest-name.js';
import { escapeControls, quotedText } from '../shared/sync/bounds.js';

type Flags = Record<string, string>;

/** The words asking for help, where a flag goes (`add-bench --help`, `serve -h`). */
export const HELP_FLAGS: ReadonlySet<string> = new Set(['--help', '-h']);

interface Command {
  usage: string;
  /** What the command does, for its --help. */
  summary: string;
  /** What each flag of `usage` means, for its --help (`usage` alone named flags without saying what they are). */
  flagHelp: Record<string, string>;
  /** A line that runs as written (after the examples before it, on a warehouse "North"), for its --help. */
  example: string;
  run(admin: Admin, flags: Flags): Promise<string>;
}

function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (value === undefined || value === '') throw new AdminError(`--${name} is required`);
  return value;
}

/**
 * Names quoted as JSON strings: a quote, or a control character in a name stored before the rules, stays
 * visible (JSON leaves DEL and C1, a CSI among them, as they are: escapeControls writes those too).
 */
const quoted = (name: string) => escapeControls(JSON.stringify(name));

function tokenText(token: TokenState | null): string {
  if (token === null) return 'no token';
  if (!token.live) return 'token revoked';
  return `token live, ${token.lastUsedAt === null ? 'never used' : `last used ${token.lastUsedAt.toISOString()}`}`;
}

function listingText(warehouses: WarehouseListing[]): string {
  if (warehouses.length === 0) return 'no warehouses yet; add one with: npm run hub -- add-warehouse --name <name>';
  return warehouses
    .flatMap((wh) => [
      `warehouse ${quoted(wh.name)}${wh.formerNames.length === 0 ? '' : ` (formerly ${wh.formerNames.map(quoted).join(', ')})`}`,
      ...wh.benches.map((b) => `  bench ${escapeControls(b.stationId)} ${quoted(b.name)}: ${tokenText(b.token)}`),
      ...wh.integrations.map((i) => `  integration ${quoted(i.name)}: ${tokenText(i.token)}`),
      ...(wh.benches.length + wh.integrations.length === 0 ? ['  no benches or integrations yet'] : []),
    ])
    .join('\n');
}

/** --warehouse, as every command taking it means it. */
const WAREHOUSE_FLAG = "the warehouse's name, as `list` shows it (case-sensitive)";

export const commands: Record<string, Command> = {
  list: {
    usage: 'list',
    summary: 'Shows every warehouse (with its former names), its benches and integrations, and whether their tokens are live; never a token itself.',
    flagHelp: {},
    example: 'list',
    run: async (admin) => listingText(await admin.list()),
  },
  'add-warehouse': {
    usage: 'add-warehouse --name <name>',
    summary: 'Adds a warehouse; benches and an order system are then added to it.',
    flagHelp: { name: "the warehouse's name, up to 200 characters; one that differs from another's only in case is refused" },
    example: 'add-warehouse --name South',
    async run(admin, flags) {
      const wh = await admin.addWarehouse(required(flags, 'name'));
      return `warehouse ${quotedText(wh.name)} added`;
    },
  },
  'rename-warehouse': {
    usage: 'rename-warehouse --name <name> --to <new name>',
    summary: 'Renames a warehouse; its tokens keep working, and benches learn the new name when they next connect.',
    flagHelp: { name: "the warehouse's name now, as `list` shows it", to: 'its new name, under the rules of add-warehouse --name' },
    example: 'rename-warehouse --name South --to "South Site"',
    async run(admin, flags) {
      const wh = await admin.renameWarehouse({ name: required(flags, 'name'), to: required(flags, 'to') });
      return `warehouse ${quotedText((flags.name ?? '').trim())} is now ${quotedText(wh.name)} (benches learn it when they next connect)`;
    },
  },
  'add-bench': {
    usage: 'add-bench --warehouse <name> [--station <id>] [--name <shown name>]',
    summary: 'Registers a packing bench (a station) in a warehouse and prints its token, once: the hub keeps only its hash.',
    flagHelp: {
      warehouse: WAREHOUSE_FLAG,
      station: `the station's id: 1 to 100 letters, digits, ".", "_" or "-" (default: bench-<random>); a station whose token was revoked gets a new one`,
      name: 'what every bench shows for the station, up to 100 characters (default: its id)',
    },
    example: 'add-bench --warehouse North --station A --name "Packing 1"',
    async run(admin, flags) {
      const bench = await admin.addBench({ warehouse: required(flags, 'warehouse'), station: flags.station, name: flags.name });
      return [
        `bench added to warehouse ${quotedText(bench.warehouse)} as station ${escapeControls(bench.stationId)} (${quotedText(bench.stationName)})`,
        'token (shown only now; put it in the bench settings or BENCH_HUB_TOKEN):',
        bench.token,
      ].join('\n');
    },
  },
  'rename-bench': {
    usage: 'rename-bench --warehouse <name> --station <id> --name <shown name>',
    summary: 'Renames a station; benches learn the new name when they next connect.',
    flagHelp: {
      warehouse: WAREHOUSE_FLAG,
      station: "the station's id, as `list` shows it",
      name: "its new name, up to 100 characters, not another station's",
    },
    example: 'rename-bench --warehouse North --station A --name "Packing One"',
    async run(admin, flags) {
      await admin.renameBench({ warehouse: required(flags, 'warehouse'), station: required(flags, 'station'), name: required(flags, 'name') });
      return `station ${escapeControls((flags.station ?? '').trim())} is now ${quotedText((flags.name ?? '').trim())} (benches learn it when they next connect)`;
    },
  },
  'revoke-bench': {
    usage: 'revoke-bench --warehouse <name> --station <id>',
    summary: "Revokes a station's token: the hub refuses it from the next request on; add-bench with the same --station issues a new one.",
    flagHelp: { warehouse: WAREHOUSE_FLAG, station: "the station's id, as `list` shows it" },
    example: 'revoke-bench --warehouse North --station A',
    async run(admin, flags) {
      await admin.revokeBench({ warehouse: required(flags, 'warehouse'), station: required(flags, 'station') });
      return `token of station ${escapeControls((flags.station ?? '').trim())} revoked`;
    },
  },
  'add-integration': {
    usage: 'add-integration --warehouse <name> [--name <label>]',
    summary: "Issues a token for the warehouse's order system (POST /v1/orders, GET /v1/dispatches) and prints it, once.",
    flagHelp: { warehouse: WAREHOUSE_FLAG, name: "a label telling it from the warehouse's other integrations, up to 100 characters (default: orders)" },
    example: 'add-integration --warehouse North --name orders',
    async run(admin, flags) {
      const issued = await admin.addIntegration({ warehouse: required(flags, 'warehouse'), name: flags.name });
      return [
        `integration ${quotedText(issued.name)} added to warehouse ${quotedText(issued.warehouse)} (POST /v1/orders, GET /v1/dispatches)`,
        'token (shown only now):',
        issued.token,
      ].join('\n');
    },
  },
  'revoke-integration': {
    usage: 'revoke-integration --warehouse <name> --name <label>',
    summary: "Revokes an integration's token: the hub refuses it from the next request on.",
    flagHelp: { warehouse: WAREHOUSE_FLAG, name: "the integration's label, as `list` shows it" },
    example: 'revoke-integration --warehouse North --name orders',
    async run(admin, flags) {
      await admin.revokeIntegration({ warehouse: required(flags, 'warehouse'), name: required(flags, 'name') });
      return `integration ${quotedText((flags.name ?? '').trim())} revoked`;
    },
  },
};

/** `npm run hub` (or `npm run hub -- serve`): the first line of the usage, and `help serve`'s answer. */
export const SERVE_USAGE = 'usage: npm run hub                      start the hub (HUB_PORT, HUB_HOST, DATABASE_URL or HUB_DATA_DIR)';

/**
 * `help serve` and `serve --help`: every environment variable the hub reads, with its default (the
 * usage line named four, without one; HTTPS and the pool size were in the README alone).
 */
export const SERVE_HELP = [
  SERVE_USAGE,
  'The hub takes its settings from the environment only:',
  '  DATABASE_URL      its PostgreSQL, as postgres://USER:PASSWORD@HOST:5432/DATABASE (default: an embedded one in HUB_DATA_DIR)',
  "  HUB_DATA_DIR      the embedded PostgreSQL's folder, without DATABASE_URL (default ./.hub-data)",
  '  HUB_PORT          the port benches and the order system reach it on (default 8787; 0 = any free port)',
  '  HUB_HOST          the address it listens on (default 0.0.0.0, every interface; 127.0.0.1 for this machine only)',
  '  HUB_TLS_CERT      a PEM certificate file (intermediates after it): serve HTTPS, with HUB_TLS_KEY',
  '  HUB_TLS_KEY       the PEM key file of HUB_TLS_CERT',
  '  HUB_DB_POOL_SIZE  database connections it may hold, 1 to 1000 (default 10)',
  'example: HUB_PORT=9000 npm run hub',
].join('\n');

export function usage(): string {
  return [
    SERVE_USAGE,
    ...Object.values(commands).map((c) => `       npm run hub -- ${c.usage}`),
    '       npm run hub -- help <command>    what a command does, what its flags mean, and an example',
  ].join('\n');
}

/** `<command> --help`: its usage, what it does, what each flag means, and an example. */
function commandHelp(command: Command): string {
  const flags = [...flagsOf(command)];
  const width = Math.max(0, ...flags.map((flag) => flag.length));
  return [
    `usage: npm run hub -- ${command.usage}`,
    command.summary,
    ...flags.map((flag) => `  --${flag.padEnd(width)}  ${command.flagHelp[flag]}`),
    `example: npm run hub -- ${command.example}`,
  ].join('\n');
}

/** The flags a command takes, read from its usage line. */
const flagsOf = (command: Command) => new Set([...command.usage.matchAll(/--([a-z-]+)/g)].map((m) => m[1]!));

/** "unknown flag --verbose; list takes no flags" */
const unknownFlag = (flag: string, name: string, known: ReadonlySet<string>) =>
  new AdminError(`unknown flag --${escapeControls(flag)}; ${name} takes ${known.size === 0 ? 'no flags' : [...known].map((f) => `--${f}`).join(', ')}`);

/**
 * `--flag value` and `--flag=value` pairs. With `known` (and `command`, the name to say), a flag the
 * command does not take is refused by name before its value is looked for: a switch such as `--verbose`
 * at the end was told it "needs a value", and once given one, that it is no flag at all.
 */
export function parseFlags(args: string[], known?: ReadonlySet<string>, command = 'this command'): Flags {
  const flags: Flags = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) throw new AdminError(`unexpected argument ${quotedText(arg)} (flags are written --flag value)`);
    const eq = arg.indexOf('=');
    let name: string;
    let value: string | undefined;
    if (eq > 0) {
      name = arg.slice(2, eq);
      value = arg.slice(eq + 1);
    } else {
      name = arg.slice(2);
      if (known !== undefined && !known.has(name)) throw unknownFlag(name, command, known);
      value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new AdminError(`${escapeControls(arg)} needs a value`);
      // `--name -h`: a name forgotten, not help wanted nor a warehouse to call "-h" (--name=-h says that).
      if (HELP_FLAGS.has(value)) throw new AdminError(`${escapeControls(arg)} needs a value (${quotedText(value)} asks for help; for a name ${quotedText(value)} write ${escapeControls(arg)}=${value})`);
      i++;
    }
    // The last of two would win silently: `--name South --name East` adding "East" is a surprise.
    const earlier = flags[name];
    if (earlier !== undefined) throw new AdminError(`--${escapeControls(name)} is given twice (${quotedText(earlier)}, ${quotedText(value)}); give it once`);
    flags[name] = value;
  }
  return flags;
}

/**
 * A help flag where a flag goes; one read as a flag's value (`--name -h`) is parseFlags' to refuse,
 * as a name forgotten. A `--`-prefixed word is never a value (parseFlags says the flag "needs a value").
 */
function asksForHelp(args: string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (HELP_FLAGS.has(arg)) return true;
    if (arg.startsWith('--') && !arg.includes('=') && args[i + 1] !== undefined && !args[i + 1]!.startsWith('--')) i++;
  }
  return false;
}
/**
 * A refusal's one sentence as printed. Each name in it is escaped where it is written; a refusal is one
 * line, so any control character left (a name a new refusal forgot) is escaped here too, never printed.
 */
const refusal = (err: Error) => escapeControls(err.message);

/** Where the CLI's lines go: the process's stdout and stderr, or (a test running it in-process) strings. */
export interface CliOutput {
  /** One line (its line feed is the writer's). */
  stdout(line: string): void;
  stderr(line: string): void;
}

/** The process's own stdout and stderr, as `npm run hub` writes them. */
export const consoleOutput: CliOutput = {
  stdout: (line) => console.log(line),
  stderr: (line) => console.error(line),
};

/** Runs one subcommand; returns the process exit code. */
export async function runCommand(name: string, args: string[], env: NodeJS.ProcessEnv, out: CliOutput = consoleOutput): Promise<number> {
  const command = commands[name];
  if (!command) {
    const near = nearestName(name, Object.keys(commands));
    out.stderr(`unknown command ${quotedText(name)}${near === undefined ? '' : `; did you mean ${quotedText(near)}?`}\n${usage()}`);
    return 2;
  }
  // `add-bench --help` asks for that command's usage; it is no flag missing its value.
  if (asksForHelp(args)) {
    out.stdout(commandHelp(command));
    return 0;
  }
  let flags: Flags;
  try {
    // A misspelt flag (--nmae) must not be dropped silently: the command would run without it.
    const known = flagsOf(command);
    flags = parseFlags(args, known, name);
    const unknown = Object.keys(flags).find((flag) => !known.has(flag));
    if (unknown !== undefined) throw unknownFlag(unknown, name, known);
  } catch (err) {
    out.stderr(`${refusal(err as Error)}\nusage: npm run hub -- ${command.usage}`);
    return 2;
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  let dataDir: string | undefined;
  if (databaseUrl === undefined) {
    // Said every time: a hub serving DATABASE_URL would not see what this command does here.
    dataDir = path.resolve(env.HUB_DATA_DIR || defaultDataDir(out.stderr));
    out.stderr(`hub: DATABASE_URL is not set: using the embedded PostgreSQL in ${dataDir}`);
  }
  const database = await openDatabase({ databaseUrl, dataDir, poolSize: 2, warn: out.stderr });
  try {
    out.stdout(await command.run(createAdmin(database.pool), flags));
    return 0;
  } catch (err) {
    if (!(err instanceof AdminError)) throw err;
    out.stderr(`${refusal(err)}\nusage: npm run hub -- ${command.usage}`);
    return 1;
  } finally {
    await database.close();
  }
}

export interface HubCliOptions extends CliOutput {
  /** The environment the commands read (DATABASE_URL, HUB_DATA_DIR; serve reads more). */
  env: NodeJS.ProcessEnv;
  /** Starts the hub and returns once it listens (hub/main.ts: it then runs until a signal). */
  serve?: (env: NodeJS.ProcessEnv) => Promise<void>;
}

/**
 * `npm run hub -- <argv>`: prints what the command prints and returns its exit code; undefined once
 * `serve` (no command) has started the hub, which then runs until stopped. Never exits the process:
 * hub/main.ts does, with the code returned. A failure beyond a refusal is one line, "hub: <why>", and 1.
 */
export async function runHubCli(argv: readonly string[], options: HubCliOptions): Promise<number | undefined> {
  const out: CliOutput = { stdout: options.stdout, stderr: options.stderr };
  try {
    return await dispatch(argv, options, out);
  } catch (err) {
    out.stderr(`hub: ${(err as Error)?.message ?? String(err)}`);
    return 1;
  }
}

async function dispatch(argv: readonly string[], options: HubCliOptions, out: CliOutput): Promise<number | undefined> {
  const [command, ...args] = argv;
  const { env } = options;
  if (command === undefined || command === 'serve') {
    // `serve --help` asks for its usage, as `add-bench --help` does (it was refused as an argument).
    if (args.length === 1 && HELP_FLAGS.has(args[0]!)) {
      out.stdout(SERVE_HELP);
      return 0;
    }
    // `serve --port 9000` served on HUB_PORT (8787 by default) as if nothing had been typed after it.
    if (args.length > 0) {
      out.stderr(
        `serve takes no arguments (got ${args.map((arg) => escapeControls(JSON.stringify(arg))).join(', ')}): set HUB_PORT, HUB_HOST, DATABASE_URL or HUB_DATA_DIR instead, e.g. HUB_PORT=9000 npm run hub`,
      );
      return 2;
    }
    if (options.serve === undefined) throw new Error('serving is started by hub/main.ts only');
    await options.serve(env);
    return undefined;
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    // `help add-bench` asks for that command's usage, as `add-bench --help` does; `help serve` and
    // `help help` were answered "unknown command" (neither is a set-up command).
    const about = args[0];
    if (about === 'serve') {
      out.stdout(SERVE_HELP);
      return 0;
    }
    if (about !== undefined && about !== 'help' && !HELP_FLAGS.has(about)) return runCommand(about, ['--help'], env, out);
    out.stdout(usage());
    return 0;
  }
  return runCommand(command, args, env, out);
}
