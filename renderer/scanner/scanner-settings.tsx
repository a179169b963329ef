/**
 * The bench's scanner settings for every scan detector in the renderer (the window-wide router and
 * the allocation pickers), from the Settings (getSettings). Until they are loaded, the defaults the
 * settings themselves start with.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { DEFAULT_SCANNER_SETTINGS, type ScannerSettings } from '../../shared/contract/settings-schemas.js';
import { scanOptionsFromSettings, type ScanDetectorOptions } from './scan-detector.js';

const ScannerSettingsContext = createContext<ScannerSettings>(DEFAULT_SCANNER_SETTINGS);

export function ScannerSettingsProvider({ settings, children }: { settings: ScannerSettings | null; children: ReactNode }) {
  // By value: the settings read again (an event, a save elsewhere) with nothing changed must not give
  // every detector a new start, which would forget the keys of a scan under way.
  const key = JSON.stringify(settings ?? DEFAULT_SCANNER_SETTINGS);
  const value = useMemo(() => JSON.parse(key) as ScannerSettings, [key]);
  return <ScannerSettingsContext.Provider value={value}>{children}</ScannerSettingsContext.Provider>;
}

/** Options for createScanDetector, following the settings. */
export function useScanOptions(): ScanDetectorOptions {
  const settings = useContext(ScannerSettingsContext);
  return useMemo(() => scanOptionsFromSettings(settings), [settings]);
}
