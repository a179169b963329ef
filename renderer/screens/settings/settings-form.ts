/** The Settings form: its fields as typed, filled from the saved settings, and whether it holds edits. */
import type { BenchSettingsView } from '../../../shared/contract/api.js';
import type { ScannerSuffixKey } from '../../../shared/contract/settings-schemas.js';

export interface Form {
  stationName: string;
  hubUrl: string;
  newToken: string;
  clearToken: boolean;
  interval: string;
  minLength: string;
  terminator: ScannerSuffixKey;
  gsSubstitute: string;
  labelPrinter: string;
}

export function formFrom(settings: BenchSettingsView): Form {
  return {
    stationName: settings.stationName,
    hubUrl: settings.hubUrl,
    newToken: '',
    clearToken: false,
    interval: String(settings.scanner.maxInterKeyGapMs),
    minLength: String(settings.scanner.minLength),
    terminator: settings.scanner.terminator,
    gsSubstitute: settings.scanner.gsSubstitute,
    labelPrinter: settings.labelPrinter,
  };
}

/** Whether the form holds edits not saved (a token typed or its removal ticked counts). */
export function formDiffers(form: Form, settings: BenchSettingsView): boolean {
  const saved = formFrom(settings);
  return (Object.keys(saved) as Array<keyof Form>).some((key) => form[key] !== saved[key]);
}
