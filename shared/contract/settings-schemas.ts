/**
 * The bench settings as they cross the contract (Settings screen ⇄ core). The hub token never
 * travels back to the renderer: the screen learns only whether one is set and how it is protected.
 * The bounds are named here once; the settings file's JSON schema (electron/settings) repeats them.
 */
import { z } from 'zod';
import { inGs1CharacterSet } from '../gs1/cset82.js';
import { textProblem } from '../sync/bounds.js';

export const STATION_NAME_MAX = 60;
export const HUB_URL_MAX = 2048;
export const HUB_TOKEN_MAX = 8192;
export const LABEL_PRINTER_MAX = 200;
/** Scanner key interval (ms): keys of a scan arrive on average at most this far apart. */
export const SCANNER_INTERVAL_MIN_MS = 5;
export const SCANNER_INTERVAL_MAX_MS = 1000;
export const SCANNER_MIN_LENGTH_MIN = 1;
export const SCANNER_MIN_LENGTH_MAX = 200;
/** The key a scanner sends after each code; 'Either' takes Enter and Tab alike (the default). */
export const SCANNER_SUFFIX_KEYS = ['Either', 'Enter', 'Tab'] as const;
export type ScannerSuffixKey = (typeof SCANNER_SUFFIX_KEYS)[number];

export const DEFAULT_SCANNER_SETTINGS = {
  maxInterKeyGapMs: 50,
  minLength: 4,
  terminator: 'Either',
  gsSubstitute: '',
} as const satisfies ScannerSettingsInput;

/**
 * A control character (a tab pasted from a spreadsheet row, a NUL) or a broken character in a name, as
 * the shared text rules word it ("contains a control character (tab)"), or null. Length and emptiness
 * are the field's own checks; the header, the packing slip and the identifier history show the name.
 */
function characterProblem(value: string): string | null {
  return textProblem(value, { field: '', max: Number.MAX_SAFE_INTEGER, min: 0, tab: false, trimmed: false });
}

/** Refuses a name holding a control or broken character, in the field's words ("Bench name contains …"). */
const withoutControlCharacters = (field: string) => (value: string, ctx: z.RefinementCtx) => {
  const problem = characterProblem(value);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: `${field} ${problem}` });
};

const stationName = z
  .string()
  .trim()
  .min(1, 'Bench name is empty')
  .max(STATION_NAME_MAX, { error: (issue) => `Bench name is longer than ${STATION_NAME_MAX} characters (it has ${typeof issue.input === 'string' ? issue.input.length : '?'})` })
  .superRefine(withoutControlCharacters('Bench name'));

const HUB_URL_SPACES = 'Hub URL must not contain spaces';

/**
 * Why text is not a hub address, naming what is wrong: an address that starts as one but has a space
 * or no server name was told "must be an http:// or https:// address", which it seemed to be.
 */
function notAnAddressMessage(value: string): string {
  const scheme = /^https?:\/\//i.exec(value)?.[0];
  if (scheme === undefined) return 'Hub URL must be an http:// or https:// address, e.g. https://hub.example.com';
  if (/\s/.test(value)) return HUB_URL_SPACES;
  if (value.slice(scheme.length).replace(/\/+$/, '') === '') return `Hub URL has no server name after ${scheme}, e.g. ${scheme}hub.example.com`;
  return `Hub URL "${value.slice(0, 80)}" is not an address a bench can reach: check the server name after ${scheme}`;
}

/** Empty (sync off) or an http(s) URL. */
const hubUrl = z
  .string()
  .trim()
  .max(HUB_URL_MAX, `Hub URL is longer than ${HUB_URL_MAX} characters`)
  // A port out of range (a typo such as :84430, or :0) is said as that, not as "not an address"; so is
  // one written with a leading zero (:080), which every URL reader would take as another port (80).
  .superRefine((value, ctx) => {
    if (value === '') return;
    const portProblem = badPortMessage(value);
    if (portProblem === null && isHttpUrl(value)) return;
    ctx.addIssue({ code: 'custom', message: portProblem ?? notAnAddressMessage(value) });
  })
  // The URL parser takes spaces the settings file refuses (its pattern): said here, in words, on the field.
  .refine((value) => !isHttpUrl(value) || !/\s/.test(value), HUB_URL_SPACES)
  // The bench adds /v1/... to the URL: a query or fragment would end up before it (or cut it off).
  .refine((value) => !isHttpUrl(value) || !/[?#]/.test(value), 'Hub URL must not have a query (?…) or a fragment (#…): give the hub\'s address only')
  // fetch refuses such a URL outright; the bench token is what signs the bench in.
  .refine((value) => !hasCredentials(value), 'Hub URL must not contain a user name or password: the bench token signs the bench in')
  // "HTTPS://" is the same address; the settings file (and its readers) take the scheme in lower case.
  .transform((value) => value.replace(/^https?:/i, (scheme) => scheme.toLowerCase()));

/** A hub URL there must be (Test connection, sync): empty is said as that. */
const requiredHubUrl = hubUrl.refine((value) => value !== '', 'Hub URL is empty');

const token = z
  .string()
  .trim()
  .min(1, 'Bench token is empty')
  .max(HUB_TOKEN_MAX, `Bench token is longer than ${HUB_TOKEN_MAX} characters`)
  // trim() above already drops the newline a paste from a terminal ends with; one inside is named as what it is.
  .refine((value) => !/[\r\n\u2028\u2029]/.test(value), 'Bench token must not contain line breaks: paste it on one line')
  .refine((value) => !/[^\S\r\n\u2028\u2029]/.test(value), 'Bench token must not contain spaces');

export const scannerSettingsSchema = z.object({
  maxInterKeyGapMs: z
    .number({ message: 'Scanner key interval must be a number of milliseconds' })
    .int('Scanner key interval must be a whole number of milliseconds')
    .min(SCANNER_INTERVAL_MIN_MS, `Scanner key interval must be at least ${SCANNER_INTERVAL_MIN_MS} ms`)
    .max(SCANNER_INTERVAL_MAX_MS, `Scanner key interval must be at most ${SCANNER_INTERVAL_MAX_MS} ms`),
  minLength: z
    .number({ message: 'Shortest scan must be a number of characters' })
    .int('Shortest scan must be a whole number of characters')
    .min(SCANNER_MIN_LENGTH_MIN, `Shortest scan must be at least ${SCANNER_MIN_LENGTH_MIN} character`)
    .max(SCANNER_MIN_LENGTH_MAX, `Shortest scan must be at most ${SCANNER_MIN_LENGTH_MAX} characters`),
  terminator: z.enum(SCANNER_SUFFIX_KEYS, { message: 'Scanner suffix key must be Enter, Tab or Either' }),
  /** The printable character the scanner sends in place of GS (ASCII 29) in GS1 codes; '' = none. */
  gsSubstitute: z
    .string()
    .refine((value) => value === '' || isGsSubstitute(value), 'GS substitute must be one printable character (not a space), or empty'),
});
export type ScannerSettings = z.infer<typeof scannerSettingsSchema>;
export type ScannerSettingsInput = z.input<typeof scannerSettingsSchema>;

/** How the stored hub token is protected, decided by the shell (OS key store) or the host (file). */
export const tokenProtectionSchema = z.object({
  encrypted: z.boolean(),
  /** Why not, in words (e.g. Linux without a key store: safeStorage backend "basic_text"); null when encrypted. */
  warning: z.string().nullable(),
});

export const benchSettingsSchema = z.object({
  stationName: z.string(),
  /**
   * The hub's warehouse once this bench has synced with it, else null. From then on the hub names the
   * bench (a supervisor renames it there, with rename-bench): Bench name is shown, not edited, here.
   */
  hubWarehouse: z.string().nullable(),
  hubUrl: z.string(),
  /** Whether a hub token is stored; its value never leaves the core. */
  tokenSet: z.boolean(),
  /** A token is stored but cannot be read (decrypted) here: set, yet no use until entered again. */
  tokenUnreadable: z.boolean(),
  tokenProtection: tokenProtectionSchema,
  /** Set when environment variables override the file for this run (browser mode's BENCH_HUB_URL...). */
  overriddenBy: z.string().nullable(),
  scanner: scannerSettingsSchema,
  labelPrinter: z.string(),
  /** Where the settings are kept (file path), for the maintainer. */
  settingsFile: z.string(),
  appVersion: z.string(),
});
export type BenchSettingsView = z.infer<typeof benchSettingsSchema>;

export const getSettingsArgs = z.object({}).strict();

/** keep: leave the stored token as it is; replace: store this one; clear: remove it (sync off). */
export const tokenChangeSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('keep') }),
  z.object({ action: z.literal('replace'), value: token }),
  z.object({ action: z.literal('clear') }),
]);

export const saveSettingsArgs = z.object({
  stationName,
  hubUrl,
  token: tokenChangeSchema,
  // Checked when saved, not when read: a file saved before this check still opens, and says why when saved again.
  scanner: scannerSettingsSchema.superRefine((scanner, ctx) => {
    const value = scanner.gsSubstitute;
    // Every scan is split on it: one a serial number or lot may hold would cut them in two (and "]" starts the AIM prefix).
    if (!(inGs1CharacterSet(value) || value === ']')) return;
    ctx.addIssue({
      code: 'custom',
      path: ['gsSubstitute'],
      message: `GS substitute "${value}" can be part of a GS1 code (serial numbers and lots hold letters, digits and !"%&'()*+,-./:;<=>?_): every scan holding it would be misread. Choose a character such as ~ or ^, set the same in the scanner, or leave it empty`,
    });
  }),
  labelPrinter: z
    .string()
    .trim()
    .max(LABEL_PRINTER_MAX, `Label printer is longer than ${LABEL_PRINTER_MAX} characters`)
    .superRefine(withoutControlCharacters('Label printer')),
});
export type SaveSettingsArgs = z.infer<typeof saveSettingsArgs>;

/** Tests the hub URL and token given, or the stored ones where left out; token null: none (the stored one is to be removed). */
export const testHubConnectionArgs = z.object({
  hubUrl: requiredHubUrl.optional(),
  token: token.nullable().optional(),
});

/**
 * What is wrong with a hub URL to sync with, in the Settings screen's words ("Hub URL port 080 has a
 * leading zero: …"), or null: the same rule for one typed in Settings, read from the settings file, or
 * given by BENCH_HUB_URL. Empty is "Hub URL is empty" here (there is nothing to sync with).
 */
export function hubUrlProblem(value: string): string | null {
  return firstIssue(requiredHubUrl.safeParse(value));
}

/** The same for a bench token ("Bench token is empty", "… must not contain spaces"), or null. */
export function hubTokenProblem(value: string): string | null {
  return firstIssue(token.safeParse(value));
}

function firstIssue(result: { success: boolean; error?: z.ZodError }): string | null {
  return result.success ? null : (result.error?.issues[0]?.message ?? 'is not valid');
}

export const HUB_CHECK_OUTCOMES = ['reachable', 'unauthorised', 'wrong_warehouse', 'wrong_bench', 'tls_problem', 'unreachable', 'not_a_hub', 'not_configured'] as const;
export const hubCheckResultSchema = z.object({
  outcome: z.enum(HUB_CHECK_OUTCOMES),
  /** One sentence for the packer, naming the cause. */
  message: z.string(),
  warehouse: z.string().nullable(),
  stationId: z.string().nullable(),
});
export type HubCheckResult = z.infer<typeof hubCheckResultSchema>;

function isHttpUrl(value: string): boolean {
  // "http:/hub" and "http:hub" parse (the URL parser mends them) but are typos the settings file refuses.
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    // Port 0 parses, but nothing can be reached on it.
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && url.port !== '0';
  } catch {
    return false;
  }
}

/**
 * "Hub URL has port 70000, which is no port: …" for an http(s) address whose port is 0 or above 65535;
 * "Hub URL port 080 has a leading zero: …" for a port in range written with leading zeros; else null.
 * Leading zeros are the same port to every URL reader (":080" is port 80), but whoever typed them most
 * likely mistyped (8080? 80?), so the address is refused rather than taken as a port not meant.
 */
function badPortMessage(value: string): string | null {
  // The authority's port: after an optional user@, a host or a [v6] address, up to the path, query or fragment.
  const port = /^https?:\/\/(?:[^/?#@]*@)?(?:\[[^\]/?#]*\]|[^/?#:[\]]*):(\d+)(?:[/?#]|$)/i.exec(value)?.[1];
  if (port === undefined) return null;
  const plain = port.replace(/^0+(?=\d)/, '');
  const number = Number(port);
  if (number >= 1 && number <= 65535) {
    if (plain === port) return null;
    const zeros = port.length - plain.length === 1 ? 'a leading zero' : 'leading zeros';
    return `Hub URL port ${port} has ${zeros}: write it as ${plain} if that is the port meant`;
  }
  // "port 00" alone leaves the packer to work out which port that is.
  const named = plain === port ? port : `${port} (that is port ${plain})`;
  return `Hub URL has port ${named}, which is no port: a port is a number from 1 to 65535 (e.g. https://hub.example.com:8443)`;
}

function hasCredentials(value: string): boolean {
  if (!isHttpUrl(value)) return false;
  const url = new URL(value);
  return url.username !== '' || url.password !== '';
}


function isGsSubstitute(value: string): boolean {
  return [...value].length === 1 && /^[\u0021-\u007e\u00a1-\uffff]$/u.test(value);
}
