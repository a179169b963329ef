/**
 * Settings saved in another window (or tab, told by the change stream) while this screen is open:
 * without edits here the form shows them; with edits, fields not edited take the saved values, edited
 * ones are kept, and the packer is told which, and that Save Changes would replace them.
 */
import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { BenchSettingsView } from '../../../shared/contract/api.js';
import { listedInWords } from '../../../shared/domain/counted.js';
import { formDiffers, formFrom, type Form } from './settings-form.js';

/** The saved settings' names, for saying which another window changed. */
const FIELD_NAMES: Record<Exclude<keyof Form, 'newToken' | 'clearToken'>, string> & { token: string } = {
  stationName: 'Bench name',
  hubUrl: 'Hub URL',
  token: 'Bench token',
  interval: 'Scanner key interval',
  minLength: 'Shortest scan',
  terminator: 'Scanner suffix key',
  gsSubstitute: 'GS substitute character',
  labelPrinter: 'Label printer',
};
export type SavedField = keyof typeof FIELD_NAMES;

/** The saved fields that differ between two readings of the settings. */
function changedFields(before: BenchSettingsView, after: BenchSettingsView): SavedField[] {
  const a = formFrom(before);
  const b = formFrom(after);
  return (Object.keys(FIELD_NAMES) as SavedField[]).filter((key) =>
    key === 'token' ? before.tokenSet !== after.tokenSet : a[key] !== b[key],
  );
}

/** Names in words: "Bench name", "Bench name and Hub URL", "Bench name, Hub URL and Label printer". */
function listNames(fields: SavedField[]): string {
  return listedInWords(fields.map((f) => FIELD_NAMES[f]));
}

interface SavedElsewhereOptions {
  settings: BenchSettingsView;
  form: Form;
  setForm: Dispatch<SetStateAction<Form>>;
  /** This screen's own save is running: its answer sets the form, it is no news from elsewhere. */
  ownSaveRunning: () => boolean;
  /** Says what happened (the screen's status line). */
  tell: (text: string) => void;
}

export function useSavedElsewhere({ settings, form, setForm, ownSaveRunning, tell }: SavedElsewhereOptions) {
  /** The saved settings the form was filled from (or last saved): a reading that differs came from elsewhere. */
  const base = useRef(settings);
  /** Saved fields another window changed that this screen holds unsaved edits of: saving replaces them. */
  const [clashing, setClashing] = useState<SavedField[]>([]);
  // The form and callbacks as they are when a new reading comes; only the reading is news.
  const latest = useRef({ form, setForm, ownSaveRunning, tell });
  useEffect(() => {
    latest.current = { form, setForm, ownSaveRunning, tell };
  });

  useEffect(() => {
    const { form, setForm, ownSaveRunning, tell } = latest.current;
    if (ownSaveRunning()) return;
    const before = base.current;
    base.current = settings;
    const next = formFrom(settings);
    // The hub named this bench (it synced for the first time, or a supervisor renamed it there): the
    // name field is the hub's to fill, and no other window changed anything.
    const namedByHub = settings.hubWarehouse !== null && (before.hubWarehouse === null || before.stationName !== settings.stationName);
    if (namedByHub) setForm((f) => ({ ...f, stationName: next.stationName }));
    const changed = changedFields(before, settings).filter((key) => !(namedByHub && key === 'stationName'));
    if (changed.length === 0) return;
    const old = formFrom(before);
    const edited = (key: SavedField) => (key === 'token' ? form.newToken.trim() !== '' || form.clearToken : form[key] !== old[key]);
    const clash = changed.filter(edited);
    setForm((f) => {
      const merged = { ...f };
      for (const key of changed) if (key !== 'token' && !clash.includes(key)) merged[key] = next[key] as never;
      return merged;
    });
    setClashing((c) => [...new Set([...c, ...clash])]);
    tell(
      !formDiffers(form, before)
        ? 'Settings were changed in another window.'
        : clash.length === 0
          ? `Settings were changed in another window (${listNames(changed)}); your unsaved changes are kept.`
          : `Settings were changed in another window (${listNames(changed)}); your unsaved changes are kept. Save Changes replaces the other window's ${listNames(clash)} with yours, or choose Load the saved settings.`,
    );
  }, [settings]);

  return {
    /** Whether the form differs from what it was filled from (a save still unanswered is not yet "saved"). */
    hasEdits: (form: Form) => formDiffers(form, base.current),
    /** Edits here that a save would write over another window's. */
    clashing,
    /** This screen saved: the words for it, naming what it replaced of another window's. */
    savedHere(saved: BenchSettingsView): string {
      base.current = saved;
      setClashing([]);
      return clashing.length ? `Settings saved, replacing the ${listNames(clashing)} saved in another window.` : 'Settings saved.';
    },
    /** "Load the saved settings": the edits are dropped. */
    dropClashes: () => setClashing([]),
  };
}
