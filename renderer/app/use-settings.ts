import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { BenchApi, BenchSettingsView } from '../../shared/contract/api.js';
import { benchKeys, useBenchQuery } from '../api/queries.js';

/** The bench's settings; the Settings screen hands back what it saved (which also renames the bench). */
export function useSettings(api: BenchApi): {
  settings: BenchSettingsView | null;
  settingsError: string | null;
  setSettings: (settings: BenchSettingsView) => void;
} {
  const client = useQueryClient();
  const query = useBenchQuery(benchKeys.settings(), () => api.getSettings({}));
  const setSettings = useCallback(
    (saved: BenchSettingsView) => {
      client.setQueryData(benchKeys.settings(), saved);
      // Read once more: a reading newer than the save's answer (the hub naming the bench as sync
      // starts) may have landed before it, and would otherwise be hidden until the next change.
      void client.invalidateQueries({ queryKey: benchKeys.settings() });
      // The bench's name is in the header's counts line.
      void client.invalidateQueries({ queryKey: benchKeys.benchInfo() });
    },
    [client],
  );
  return { settings: query.data ?? null, settingsError: query.error?.message ?? null, setSettings };
}
