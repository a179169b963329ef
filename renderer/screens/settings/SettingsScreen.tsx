/**
 * Settings: bench name, hub URL and token (with "Test connection"), the scanner, the label printer.
 * The token is never shown: the screen says whether one is set and lets the user replace or remove
 * it. Everything is saved at once through the contract, or nothing (the refusal names the field).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { BenchApi, BenchSettingsView, HubCheckResult } from '../../../shared/contract/api.js';
import type { Issue } from '../../../shared/contract/result.js';
import { ErrorText } from '../../components/ErrorText.js';
import { MessageDialog } from '../../components/MessageDialog.js';
import { hubUrlWarning } from '../../../shared/sync/hub-url.js';
import { beepRefusal } from '../../scanner/beep.js';
import { useRefusal } from '../../components/use-refusal.js';
import { wholeNumberOrNull } from '../../components/whole-number.js';
import { useLeaveGuard } from '../../app/unsaved-changes.js';
import { formFrom, type Form } from './settings-form.js';
import { useSavedElsewhere } from './use-saved-elsewhere.js';
import { useScanKeptOut } from '../../scanner/use-scan-kept-out.js';
import { formatCount } from '../../components/format-count.js';
import { SCANNER_INTERVAL_MAX_MS, SCANNER_INTERVAL_MIN_MS, SCANNER_MIN_LENGTH_MAX, SCANNER_MIN_LENGTH_MIN } from '../../../shared/contract/settings-schemas.js';

export const PRODUCT_NAME = 'Packing Bench';
/** Said for Save Changes when the form holds nothing but the saved settings. */
export const NOTHING_TO_SAVE = 'Nothing to save: the settings are as saved.';

/** "" becomes NaN, which the contract refuses with the field's own message (anything else not digits is refused here first). */
function whole(text: string): number {
  return wholeNumberOrNull(text) ?? Number.NaN;
}

/** The contract's path of each field of the form: a refused save's mark on it goes once it is edited. */
const FIELD_PATHS: Record<keyof Form, string> = {
  stationName: 'stationName',
  hubUrl: 'hubUrl',
  newToken: 'token',
  clearToken: 'token',
  interval: 'scanner.maxInterKeyGapMs',
  minLength: 'scanner.minLength',
  terminator: 'scanner.terminator',
  gsSubstitute: 'scanner.gsSubstitute',
  labelPrinter: 'labelPrinter',
};

/**
 * The scanner's number boxes as typed, read before anything is sent: text boxes, not number boxes, as
 * Chromium's number box dropped a typed comma or space ("2,5" saved 25, "1 500" 1500, unsaid) and read
 * "5-" as empty. Anything but digits is refused naming what was typed; empty and the bounds are the contract's.
 */
function scannerNumberIssues(form: Form): Issue[] {
  const boxes = [
    { text: form.interval, where: FIELD_PATHS.interval, words: 'Scanner key interval must be a whole number of milliseconds' },
    { text: form.minLength, where: FIELD_PATHS.minLength, words: 'Shortest scan must be a whole number of characters' },
  ];
  return boxes.flatMap(({ text, where, words }) => (wholeNumberOrNull(text) === undefined ? [{ where, message: `${words}, digits only (got "${text.trim()}")` }] : []));
}

/** The first field (in the form's order) a refusal describes, if any: focused, to be put right. */
function focusFirstDescribedBy(form: HTMLFormElement | null, refusalId: string): void {
  form?.querySelector<HTMLElement>(`[aria-describedby~="${refusalId}"]`)?.focus();
}

export function SettingsScreen({ api, settings, onSaved }: { api: BenchApi; settings: BenchSettingsView; onSaved: (saved: BenchSettingsView) => void }) {
  const [form, setForm] = useState<Form>(() => formFrom(settings));
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  // A refused save: its words, the fields it names, beeped and said again when refused again.
  const refusal = useRefusal();
  const [testing, setTesting] = useState(false);
  const [check, setCheck] = useState<HubCheckResult | null>(null);
  const checkError = useRefusal();
  // "Remove the stored token" pressed while a new token is typed (which replaces it): said why.
  const removeTokenRefusal = useRefusal();
  const [aboutOpen, setAboutOpen] = useState(false);
  const aboutButton = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const ids = useId();
  const field = (name: string) => `${ids}-${name}`;
  const saveRefusalId = field('save-refusal');
  // Said while typing, before anything is saved: the token would cross the network in clear.
  const urlWarning = hubUrlWarning(form.hubUrl);
  // The fields edited since the refused save (its key) that named them: their marks go, as Test connection's do.
  const [editedSince, setEditedSince] = useState<{ key: number; paths: ReadonlySet<string> }>({ key: -1, paths: new Set() });
  const isAbout = (where: string, path: string) => where === path || where.startsWith(`${path}.`);
  // A refused save's words about a field edited since speak of what is no longer typed ("must be an
  // http:// address" under an address corrected): they go with its mark; the rest stand.
  const standingIssues = refusal.issues.filter((i) => editedSince.key !== refusal.key || ![...editedSince.paths].some((path) => isAbout(i.where, path)));
  const refusalShown = refusal.message !== null && (refusal.issues.length === 0 || standingIssues.length > 0);
  const invalid = (path: string) => (standingIssues.some((i) => isAbout(i.where, path)) ? true : undefined);
  // A Test connection refusal marks the field it is about, described by its words, until the hub URL
  // or token is edited (which drops the test's answer): the contract's refusal names it; the hub's
  // answer is about the address (not a hub, unreachable, TLS) or the token (refused, another warehouse or bench).
  const answerAbout: 'hubUrl' | 'token' | null =
    check === null
      ? null
      : check.outcome === 'not_a_hub' || check.outcome === 'unreachable' || check.outcome === 'tls_problem' || (check.outcome === 'not_configured' && form.hubUrl.trim() === '')
        ? 'hubUrl'
        : check.outcome === 'reachable'
          ? null
          : 'token';
  // A failed answer is itself shown as the refusal (below), so the field its outcome is about is marked.
  const checkAbout: 'hubUrl' | 'token' | null =
    checkError.message !== null
      ? ((checkError.issues.find((i) => i.where === 'hubUrl' || i.where === 'token')?.where as 'hubUrl' | 'token' | undefined) ?? answerAbout)
      : answerAbout;
  const checkWordsId = checkError.message !== null ? field('hub-check-error') : field('hub-check');
  /** The field's mark and what describes it: a refused save names it (its words), or a refused test. */
  const marks = (path: string, about: 'hubUrl' | 'token' | null, ...described: Array<string | undefined>) => {
    const saveRefused = invalid(path);
    const testRefused = about !== null && checkAbout === about;
    const ids = [...described, saveRefused ? saveRefusalId : undefined, testRefused ? checkWordsId : undefined].filter(Boolean);
    return { 'aria-invalid': saveRefused || testRefused || undefined, 'aria-describedby': ids.length ? ids.join(' ') : undefined };
  };
  /** Counts the tests asked and the hub edits made: a test's answer is shown only if neither came after it. */
  const testRun = useRef(0);
  // Left (another screen shown) while a test runs: its answer, a refusal, would be beeped over a screen
  // that does not show it. Dropped as after an edit.
  useEffect(
    () => () => {
      testRun.current += 1;
    },
    [],
  );
  const elsewhere = useSavedElsewhere({ settings, form, setForm, ownSaveRunning: () => runningSave.current !== null, tell: setSaved });

  function loadSaved() {
    setForm(formFrom(settings));
    elsewhere.dropClashes();
    refusal.clear();
    setSaved('The saved settings are shown.');
  }
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setSaved(null);
    // Edited since a refused save named it: the field's mark (and its description by the refusal) goes.
    const path = FIELD_PATHS[key];
    setEditedSince((e) => ({ key: refusal.key, paths: new Set(e.key === refusal.key ? [...e.paths, path] : [path]) }));
    // A test's answer (or refusal) is about the hub URL and token it was asked with: once either is
    // edited it would speak for what is no longer on the screen ("Reachable" for a URL since mistyped).
    // A test still running is dropped too: its answer will not be shown, so it holds up neither Save
    // Changes nor a test of what is typed now (both waited, refused, for an address since corrected).
    if (key === 'newToken' || key === 'clearToken') removeTokenRefusal.clear();
    if (key === 'hubUrl' || key === 'newToken' || key === 'clearToken') {
      testRun.current += 1;
      setTesting(false);
      setCheck(null);
      checkError.clear();
    }
  };

  function toggleClearToken(checked: boolean) {
    // Unticking it is always taken: only a removal asked beside a typed token is refused.
    if (checked && form.newToken !== '') return removeTokenRefusal.refuse('A new token is typed: it replaces the stored one when saved. Empty the token box to remove the stored token instead.');
    set('clearToken', checked);
  }

  // Leaving with edits not saved (another screen, a scan routed elsewhere, closing) asks first.
  useLeaveGuard({
    // Against what the form was filled from: a save of this screen's still unanswered is not yet "saved".
    hasUnsaved: () => elsewhere.hasEdits(form),
    save: () => saveForm(),
    describe: () => 'The settings have unsaved changes.',
    // A refused save from the question: on the first field named, the refusal being said already.
    focusRefusal: () => focusFirstDescribedBy(formRef.current, saveRefusalId),
  });

  // Save Changes refused for what fields hold: the focus goes to the first one named once its mark is
  // on (after the refusal's render), as after the leave question's "Save"; it stayed on the button,
  // the manager left to find the field. Set by the button's own save only (from the question, the
  // guard's focusRefusal does it once the question has closed).
  const focusFieldOnRefusal = useRef(false);
  useEffect(() => {
    // The save clears an earlier refusal before asking the core: the next words shown are its answer.
    if (!focusFieldOnRefusal.current || refusal.message === null) return;
    focusFieldOnRefusal.current = false;
    if (refusal.issues.length > 0) focusFirstDescribedBy(formRef.current, saveRefusalId);
  }, [refusal, saveRefusalId]);

  // A scan's Enter in a box submitted the whole form: a barcode saved as the bench's name, a token
  // half typed stored. Its characters stay in the box, seen; its Enter is refused, and saving is the
  // manager's own Save Changes.
  const keepScanFromSaving = useScanKeptOut(
    (scanned, target) => {
      const box = target instanceof HTMLInputElement ? (target.labels?.[0]?.textContent?.trim() ?? 'the box') : 'the box';
      setSaved(null);
      refusal.refuse(`the scan "${scanned.slice(0, 60)}" went into ${box}; a scan's Enter does not save. Check what ${box} holds, then choose Save Changes.`);
    },
    { keepCharacters: true },
  );

  function save(event: FormEvent) {
    event.preventDefault();
    // Pressed again while the save runs: said and beeped, as every busy button here (it was silent).
    if (runningSave.current) return refusal.refuse('Already saving: wait for Save Changes to answer.');
    focusFieldOnRefusal.current = true;
    void saveForm().then((saved) => {
      if (saved) focusFieldOnRefusal.current = false;
    });
  }

  /** The save running: a save asked for meanwhile (the leave question's "Save") waits for it. */
  const runningSave = useRef<Promise<boolean> | null>(null);

  /**
   * Saves the form; true once saved, false when refused (the refusal is shown, beeped and said). Asked
   * while a save runs, it answers with that save's outcome rather than a silent false.
   */
  function saveForm(): Promise<boolean> {
    if (runningSave.current) return runningSave.current;
    const run = saveFormNow();
    runningSave.current = run;
    run
      .finally(() => {
        if (runningSave.current === run) runningSave.current = null;
      })
      .catch(() => undefined); // the caller hears of a failure; this chain only lets go of it
    return run;
  }

  async function saveFormNow(): Promise<boolean> {
    // Nothing edited: "Settings saved." would claim a save that changes nothing (and a write restarts
    // sync). Said as it is, no file written; a refusal standing from an earlier press is over.
    if (!elsewhere.hasEdits(form)) {
      refusal.clear();
      setSaved(NOTHING_TO_SAVE);
      return true;
    }
    // A save restarts sync with the form's hub: saved while the test runs, the test's answer would
    // read as the saved hub's though it was asked before. One at a time, said in words.
    if (testing) {
      setSaved(null);
      refusal.refuse('the connection test is still running; choose Save Changes once it has answered.');
      return false;
    }
    const typed = scannerNumberIssues(form);
    if (typed.length) {
      setSaved(null);
      refusal.refuse(typed.map((i) => i.message).join('; '), typed);
      return false;
    }
    setSaving(true);
    setSaved(null);
    // Gone while saving, so the same refusal again is a new alert, said again (not words left standing).
    refusal.clear();
    const result = await api.saveSettings({
      stationName: form.stationName,
      hubUrl: form.hubUrl,
      // Typed, even as spaces only, is a token to store: the contract refuses a blank one in words,
      // rather than it being dropped under "Settings saved." (the contract trims a pasted newline).
      token: form.newToken !== '' ? { action: 'replace', value: form.newToken } : form.clearToken ? { action: 'clear' } : { action: 'keep' },
      scanner: { maxInterKeyGapMs: whole(form.interval), minLength: whole(form.minLength), terminator: form.terminator, gsSubstitute: form.gsSubstitute },
      labelPrinter: form.labelPrinter,
    });
    setSaving(false);
    if (!result.ok) {
      refusal.refuse(result.error.message, result.error.issues);
      return false;
    }
    refusal.clear();
    // The save emptied the token box: a refusal of "Remove the stored token" beside a typed token is over.
    removeTokenRefusal.clear();
    setForm(formFrom(result.value));
    setSaved(elsewhere.savedHere(result.value));
    onSaved(result.value);
    return true;
  }

  async function testConnection() {
    // Pressed again while the test runs: heard as a refusal (its status already says it is testing).
    if (testing) return beepRefusal();
    if (saving) {
      setCheck(null);
      checkError.refuse('The settings are being saved; choose Test connection once Save Changes has finished.');
      return;
    }
    const run = ++testRun.current;
    setTesting(true);
    setCheck(null);
    checkError.clear();
    // What is on the screen, saved or not: the URL as typed (empty is refused, not swapped for the saved
    // one); the token typed, else none if its removal is ticked, else (left out) the stored one.
    const result = await api.testHubConnection({
      hubUrl: form.hubUrl,
      ...(form.newToken !== '' ? { token: form.newToken } : form.clearToken ? { token: null } : {}),
    });
    // The hub URL or token was edited meanwhile: not its answer, and any test running now is a later one.
    if (run !== testRun.current) return;
    setTesting(false);
    if (result.ok) {
      setCheck(result.value);
      // The hub's "no" (unauthorised, not a hub, unreachable, …) is a refusal: shown, beeped and said
      // at once, as every refusal on the bench; only "Reachable" is a polite status.
      if (result.value.outcome !== 'reachable') checkError.refuse(result.value.message);
      return;
    }
    checkError.refuse(result.error.issues.length ? result.error.issues.map((i) => i.message).join('; ') : result.error.message, result.error.issues);
  }

  // "set" beside "cannot be decrypted here" would contradict itself: a stored token that cannot be read is no token in use.
  const tokenState = settings.tokenUnreadable ? 'stored but cannot be read' : settings.tokenSet ? 'set' : 'not set';
  return (
    <section className="settings-screen" aria-labelledby={field('heading')}>
      <h2 id={field('heading')}>Settings</h2>
      <form ref={formRef} className="settings-form" onSubmit={save} onKeyDownCapture={keepScanFromSaving} noValidate>
        <fieldset>
          <legend>Bench</legend>
          <label htmlFor={field('station')}>Bench name</label>
          <input
            id={field('station')}
            value={form.stationName}
            // Named by the hub once bound: a name typed here would be undone at the next sync.
            readOnly={settings.hubWarehouse !== null}
            {...marks('stationName', null, settings.hubWarehouse !== null ? field('station-hint') : undefined)}
            onChange={(e) => set('stationName', e.target.value)}
          />
          {settings.hubWarehouse !== null && (
            <p id={field('station-hint')} className="settings-hint" data-testid="station-name-hint">
              Named by the hub of warehouse {settings.hubWarehouse}. Ask your supervisor to rename this bench there.
            </p>
          )}
        </fieldset>

        <fieldset>
          <legend>Sync hub</legend>
          {settings.overriddenBy && (
            <p className="settings-note">
              The hub settings in use come from {settings.overriddenBy} for this run; saving here replaces them.
            </p>
          )}
          <label htmlFor={field('hub')}>Hub URL</label>
          <input
            id={field('hub')}
            type="url"
            inputMode="url"
            placeholder="https://hub.example.com"
            value={form.hubUrl}
            {...marks('hubUrl', 'hubUrl', urlWarning ? field('hub-warning') : undefined)}
            onChange={(e) => set('hubUrl', e.target.value)}
          />
          {urlWarning && (
            <p id={field('hub-warning')} className="settings-warning" role="note" data-testid="hub-url-warning">
              <span aria-hidden="true">⚠ </span>
              {urlWarning}
            </p>
          )}
          <p id={field('token-state')} className="settings-token-state">
            Bench token: <strong data-testid="token-state">{tokenState}</strong>
          </p>
          {settings.tokenProtection.warning && (
            <p className="settings-warning" role="note">
              <span aria-hidden="true">⚠ </span>
              {settings.tokenProtection.warning}
            </p>
          )}
          <label htmlFor={field('token')}>{settings.tokenSet ? 'New bench token (leave empty to keep the one set)' : 'Bench token'}</label>
          <input
            id={field('token')}
            type="password"
            autoComplete="off"
            value={form.newToken}
            {...marks('token', 'token', field('token-state'))}
            onChange={(e) => set('newToken', e.target.value)}
          />
          {settings.tokenSet && (
            <label className="checkbox">
              {/* aria-disabled, not disabled: it keeps its place in the Tab order, and a press says why. */}
              <input
                type="checkbox"
                checked={form.clearToken}
                aria-disabled={(form.newToken !== '' && !form.clearToken) || undefined}
                aria-describedby={removeTokenRefusal.message !== null ? field('remove-token-refusal') : undefined}
                onChange={(e) => toggleClearToken(e.target.checked)}
              />
              Remove the stored token (stops syncing)
            </label>
          )}
          {removeTokenRefusal.message !== null && (
            <ErrorText id={field('remove-token-refusal')} again={removeTokenRefusal.key}>
              {removeTokenRefusal.message}
            </ErrorText>
          )}
          <div className="settings-actions">
            <button type="button" onClick={() => void testConnection()} aria-disabled={testing || undefined}>
              Test connection
            </button>
          </div>
          <p id={field('hub-check')} role="status" className="hub-check" data-outcome={check?.outcome}>
            {testing ? 'Testing the connection…' : check?.outcome === 'reachable' ? check.message : null}
          </p>
          {checkError.message && (
            <ErrorText id={field('hub-check-error')} className="error-text hub-check-refusal" again={checkError.key}>
              {checkError.message}
            </ErrorText>
          )}
        </fieldset>

        <fieldset>
          <legend>Scanner</legend>
          {/* Text boxes, not number boxes: Chromium's number box dropped a typed comma or space ("2,5" saved
              25, unsaid); what was typed is read, and refused naming it (scannerNumberIssues). */}
          <label htmlFor={field('interval')}>Scanner key interval (ms)</label>
          <input
            id={field('interval')}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={form.interval}
            {...marks('scanner.maxInterKeyGapMs', null, field('interval-hint'))}
            onChange={(e) => set('interval', e.target.value)}
          />
          <p id={field('interval-hint')} className="settings-hint">
            Keys arriving on average at most this far apart, ending in the suffix key, are read as a scan; slower keys are typing. From {SCANNER_INTERVAL_MIN_MS} to {formatCount(SCANNER_INTERVAL_MAX_MS)} ms.
          </p>
          <label htmlFor={field('min-length')}>Shortest scan (characters)</label>
          <input
            id={field('min-length')}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={form.minLength}
            {...marks('scanner.minLength', null, field('min-length-hint'))}
            onChange={(e) => set('minLength', e.target.value)}
          />
          <p id={field('min-length-hint')} className="settings-hint">
            Fewer characters than this, however fast, are typing. From {SCANNER_MIN_LENGTH_MIN} to {SCANNER_MIN_LENGTH_MAX}.
          </p>
          <label htmlFor={field('suffix')}>Scanner suffix key</label>
          <select id={field('suffix')} value={form.terminator} onChange={(e) => set('terminator', e.target.value as Form['terminator'])}>
            <option value="Either">Enter or Tab</option>
            <option value="Enter">Enter</option>
            <option value="Tab">Tab</option>
          </select>
          <label htmlFor={field('gs')}>GS substitute character</label>
          <input
            id={field('gs')}
            value={form.gsSubstitute}
            size={4}
            {...marks('scanner.gsSubstitute', null, field('gs-hint'))}
            onChange={(e) => set('gsSubstitute', e.target.value)}
          />
          <p id={field('gs-hint')} className="settings-hint">
            The character the scanner sends in place of the GS separator of GS1 codes (e.g. ~ or ^, never a letter, digit or other character codes hold); empty if it sends none.
          </p>
        </fieldset>

        <fieldset>
          <legend>Printing</legend>
          <label htmlFor={field('printer')}>Label printer</label>
          <input id={field('printer')} value={form.labelPrinter} placeholder="e.g. Zebra ZD421" {...marks('labelPrinter', null)} onChange={(e) => set('labelPrinter', e.target.value)} />
        </fieldset>

        {refusalShown && (
          <ErrorText id={saveRefusalId} again={refusal.key}>
            Not saved: {refusal.issues.length ? standingIssues.map((i) => i.message).join('; ') : refusal.message}
          </ErrorText>
        )}
        <p role="status" className="settings-saved">
          {saved}
        </p>
        {elsewhere.clashing.length > 0 && (
          <div className="settings-actions">
            <button type="button" onClick={loadSaved}>
              Load the saved settings
            </button>
          </div>
        )}
        <div className="settings-actions">
          <button type="submit" className="primary" aria-disabled={saving || undefined}>
            Save Changes
          </button>
          <button type="button" ref={aboutButton} onClick={() => setAboutOpen(true)}>
            About {PRODUCT_NAME}
          </button>
        </div>
        <p className="settings-hint">Settings file: {settings.settingsFile}</p>
      </form>
      {aboutOpen && (
        <AboutDialog
          settings={settings}
          onClose={() => {
            setAboutOpen(false);
            // Back on the opener once the modal is gone (while it is open, the rest of the page is inert).
            setTimeout(() => aboutButton.current?.focus(), 0);
          }}
        />
      )}
    </section>
  );
}

export function AboutDialog({ settings, onClose }: { settings: BenchSettingsView; onClose: () => void }) {
  return (
    <MessageDialog title={`About ${PRODUCT_NAME}`} onClose={onClose}>
      <p>Version {settings.appVersion}</p>
      <p>Bench: {settings.stationName}</p>
      <p>The user guide is under Help; F1 lists the keyboard shortcuts.</p>
    </MessageDialog>
  );
}
