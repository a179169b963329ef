/**
 * Set-up subcommands: `npm run hub -- <command> [--flag value ...]`. They open the same database the
 * hub uses (DATABASE_URL or the embedded cluster in HUB_DATA_DIR), so they work whether or not a hub
 * is running.
 */
import { AdminError, createAdmin, type Admin } from './admin/admin.js';
import { openDatabase } from './db/open.js';

type Flags = Record<string, string>;

interface Command {
  usage: string;
  run(admin: Admin, flags: Flags): Promise<string>;
}

function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (value === undefined || value === '') throw new AdminError(`--${name} is required`);
  return value;
}

export const commands: Record<string, Command> = {
  'add-warehouse': {
    usage: 'add-warehouse --name <name>',
    async run(admin, flags) {
      const wh = await admin.addWarehouse(required(flags, 'name'));
      return `warehouse "${wh.name}" added`;
    },
  },
  'add-bench': {
    usage: 'add-bench --warehouse <name> [--station <id>] [--name <shown name>]',
    async run(admin, flags) {
      const bench = await admin.addBench({ warehouse: required(flags, 'warehouse'), station: flags.station, name: flags.name });
      return [
        `bench added to warehouse "${bench.warehouse}" as station ${bench.stationId} ("${bench.stationName}")`,
        'token (shown only now; put it in the bench settings or BENCH_HUB_TOKEN):',
        bench.token,
      ].join('\n');
    },
  },
  'rename-bench': {
    usage: 'rename-bench --warehouse <name> --station <id> --name <shown name>',
    async run(admin, flags) {
      await admin.renameBench({ warehouse: required(flags, 'warehouse'), station: required(flags, 'station'), name: required(flags, 'name') });
      return `station ${flags.station} is now "${flags.name?.trim()}" (benches learn it when they next connect)`;
    },
  },
  'revoke-bench': {
    usage: 'revoke-bench --warehouse <name> --station <id>',
    async run(admin, flags) {
      await admin.revokeBench({ warehouse: required(flags, 'warehouse'), station: required(flags, 'station') });
      return `token of station ${flags.station} revoked`;
    },
  },
  'add-integration': {
    usage: 'add-integration --warehouse <name> [--name <label>]',
    async run(admin, flags) {
      const issued = await admin.addIntegration({ warehouse: required(flags, 'warehouse'), name: flags.name });
      return [
        `integration "${issued.name}" added to warehouse "${issued.warehouse}" (POST /v1/orders, GET /v1/dispatches)`,
        'token (shown only now):',
        issued.token,
      ].join('\n');
    },
  },
  'revoke-integration': {
    usage: 'revoke-integration --warehouse <name> --name <label>',
    async run(admin, flags) {
      await admin.revokeIntegration({ warehouse: required(flags, 'warehouse'), name: required(flags, 'name') });
      return `integration "${flags.name}" revoked`;
    },
  },
};

export function usage(): string {
  return [
    'usage: npm run hub                      start the hub (HUB_PORT, HUB_HOST, DATABASE_URL or HUB_DATA_DIR)',
    ...Object.values(commands).map((c) => `       npm run hub -- ${c.usage}`),
  ].join('\n');
}

export function parseFlags(args: string[]): Flags {
  const flags: Flags = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) throw new AdminError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    if (eq > 0) {
      flags[arg.slice(2, eq)] = arg.slice(eq + 1);
    } else {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new AdminError(`${arg} needs a value`);
      flags[arg.slice(2)] = value;
      i++;
    }
  }
  return flags;
}

/** Runs one subcommand; returns the process exit code. */
export async function runCommand(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const command = commands[name];
  if (!command) {
    console.error(`unknown command "${name}"\n${usage()}`);
    return 2;
  }
  let flags: Flags;
  try {
    flags = parseFlags(args);
    // A misspelt flag (--nmae) must not be dropped silently: the command would run without it.
    const known = new Set([...command.usage.matchAll(/--([a-z-]+)/g)].map((m) => m[1]!));
    const unknown = Object.keys(flags).find((flag) => !known.has(flag));
    if (unknown !== undefined) throw new AdminError(`unknown flag --${unknown}; ${name} takes ${[...known].map((f) => `--${f}`).join(', ')}`);
  } catch (err) {
    console.error(`${(err as Error).message}\nusage: npm run hub -- ${command.usage}`);
    return 2;
  }
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.HUB_DATA_DIR || undefined, poolSize: 2 });
  try {
    console.log(await command.run(createAdmin(database.pool), flags));
    return 0;
  } catch (err) {
    if (!(err instanceof AdminError)) throw err;
    console.error(`${err.message}\nusage: npm run hub -- ${command.usage}`);
    return 1;
  } finally {
    await database.close();
  }
}
