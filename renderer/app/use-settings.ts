import { useEffect, useState } from 'react';
import type { BenchApi, BenchSettingsView } from '../../shared/contract/api.js';

/** The bench's settings, loaded once at start; the Settings screen hands back what it saved. */
export function useSettings(api: BenchApi): {
  settings: BenchSettingsView | null;
  settingsError: string | null;
  setSettings: (settings: BenchSettingsView) => void;
} {
  const [settings, setSettings] = useState<BenchSettingsView | null>(null);
  const [settingsError, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void api.getSettings({}).then((result) => {
      if (!live) return;
      if (result.ok) setSettings(result.value);
      else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [api]);
  return { settings, settingsError, setSettings };
}
