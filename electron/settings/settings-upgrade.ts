/**
 * Settings files written by earlier releases, brought to today's form as they are read, so that a
 * bench updated in place keeps its name, hub URL and token instead of having its file refused.
 * Only values an earlier release wrote are changed; anything else is left for the schema to judge.
 */
import { DEFAULT_SCANNER_SETTINGS } from '../../shared/contract/settings-schemas.js';

/** The first release's "no suffix key" (scanner sends nothing after a code); today a scan ends in Enter or Tab. */
const RETIRED_TERMINATOR = 'none';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parsed file with earlier releases' values replaced by today's nearest (the default suffix key). */
export function upgradeSettings(parsed: unknown): unknown {
  if (!isRecord(parsed) || !isRecord(parsed.scanner) || parsed.scanner.terminator !== RETIRED_TERMINATOR) return parsed;
  return { ...parsed, scanner: { ...parsed.scanner, terminator: DEFAULT_SCANNER_SETTINGS.terminator } };
}

/** conf's (and electron-store's) `deserialize`: JSON, then upgraded. */
export function readSettingsText(text: string): unknown {
  return upgradeSettings(JSON.parse(text));
}
