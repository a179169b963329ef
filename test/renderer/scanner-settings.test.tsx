// @vitest-environment happy-dom
/**
 * The scanner settings read again with nothing changed (an event, a save elsewhere) keep the detectors'
 * options as they were: a new options object would restart every detector and forget a scan under way.
 */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCANNER_SETTINGS } from '../../shared/contract/settings-schemas.js';
import { ScannerSettingsProvider, useScanOptions } from '../../renderer/scanner/scanner-settings.js';
import type { ScanDetectorOptions } from '../../renderer/scanner/scan-detector.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();
let root: Root;
beforeEach(() => ({ root } = mounted()));

const seen: ScanDetectorOptions[] = [];
function Probe() {
  seen.push(useScanOptions());
  return null;
}

describe('scanner settings', () => {
  it('read again unchanged give the same options; changed, new ones', () => {
    const settings = { ...DEFAULT_SCANNER_SETTINGS, terminator: 'Tab' as const };
    act(() => root.render(<ScannerSettingsProvider settings={settings}><Probe /></ScannerSettingsProvider>));
    act(() => root.render(<ScannerSettingsProvider settings={{ ...settings }}><Probe /></ScannerSettingsProvider>));
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe(seen[0]);
    act(() => root.render(<ScannerSettingsProvider settings={{ ...settings, terminator: 'Enter' }}><Probe /></ScannerSettingsProvider>));
    expect(seen[2]).not.toBe(seen[0]);
  });
});
