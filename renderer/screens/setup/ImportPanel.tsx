/**
 * Import of products, identifiers and orders from CSV files (read in the page, sent to the core; a
 * progress bar with a Cancel button while it runs), and the demo data button. Refusals list every bad line with its file and line; nothing is
 * imported then, which the message says.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { BenchApi, ImportSummary } from '../../../shared/contract/api.js';
import type { BenchErrorData, Result } from '../../../shared/contract/result.js';
import { beepRefusal } from '../../scanner/beep.js';
import { WorkProgress } from '../../components/WorkProgress.js';
import { importBarProps } from './ImportProgressBar.js';
import { IMPORT_BUSY, tooManyFilesText } from '../../../shared/contract/import-schemas.js';
import { MAX_IMPORT_FILES, sendCsvFiles, sendingText } from './send-csv-files.js';
import { isRunning, useCsvImport } from './use-csv-import.js';
import { withThousands } from '../../../shared/domain/counted.js';
import { heldNoRowsText, importedCount } from '../../../shared/domain/import-counts.js';
import { localeDateOrder } from '../../../shared/identifiers/use-by-dates.js';
import { benchLocale } from '../../components/identifier-text.js';

export interface ImportPanelProps {
  api: BenchApi;
  onImported: (summary: ImportSummary) => void;
}

/** `nth`: each refusal is a new alert, so the same words again (an import followed to the same end) are said again. */
type Outcome = { kind: 'done'; title: string; summary: ImportSummary } | { kind: 'refused'; error: BenchErrorData; nth: number } | null;
type Ended = { result: Result<ImportSummary>; title: string };
/** The files being sent before the import starts: what, and how far. */
type Sending = { what: string; bytesSent: number; bytesTotal: number };

/** Import files or Load demo data pressed while this panel's own import (or demo load) still runs. */
const STILL_WORKING = 'An import is still running here; wait for it to finish, or cancel it. Nothing more was started.';

/** Cancel reached the core after it had saved the rows (only the last COMMIT cannot be stopped). */
const FINISHED_BEFORE_CANCEL = 'Import finished: Cancel came after the rows were saved';

export function ImportPanel({ api, onImported }: ImportPanelProps) {
  const inputId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const summaryId = useId();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const refusalsShown = useRef(0);
  /** What the page is sending before the import starts (the core reports the rest). */
  const [reading, setReading] = useState<Sending | null>(null);
  /** The files are sent and the core is starting the import: no progress of it yet. */
  const [starting, setStarting] = useState(false);
  const csvImport = useCsvImport(
    api,
    (result) => {
      if (!result.ok) return showRefusal(result.error);
      setOutcome({ kind: 'done', title: 'Import finished', summary: result.value });
      onImported(result.value);
    },
    // Another import started (the desktop menu's Import…, the CLI): the last result is not its, as for the panel's own.
    () => setOutcome(null),
  );
  /** Stops sending the chosen files: Cancel, or the panel going away (nothing is imported then). */
  const sending = useRef<AbortController | null>(null);
  useEffect(() => () => sending.current?.abort(), []);
  // Each outcome takes the focus in the commit that shows it (announced), not a frame later: by then the
  // packer may have moved on (to "Cancel import" of a running import) and would lose the keys pressed there.
  useLayoutEffect(() => {
    if (outcome) resultRef.current?.focus();
  }, [outcome]);

  async function run(call: () => Promise<Ended>) {
    setBusy(true);
    setOutcome(null);
    const { result, title } = await call();
    // The screen was left meanwhile (the import goes on in the bench): its end is not this screen's to say,
    // nor to beep on the screen gone to; coming back shows the import, as one started elsewhere.
    if (!panelIsShown()) return;
    setBusy(false);
    if (result.ok) {
      setOutcome({ kind: 'done', title, summary: result.value });
      onImported(result.value);
    } else showRefusal(result.error);
  }

  /** A refusal: shown, focused (announced) and beeped, as every refusal in the app; the person's own Cancel is not beeped. */
  function showRefusal(error: BenchErrorData) {
    setOutcome({ kind: 'refused', error, nth: ++refusalsShown.current });
    if (error.code !== 'cancelled') beepRefusal();
  }

  const working = busy || reading !== null;

  /** False once the panel went away (its refs are let go on unmount). */
  function panelIsShown() {
    return fileRef.current !== null;
  }

  /**
   * A refusal before anything is sent: shown anew (the same words again are announced again) and
   * focused, as the refusals after sending are.
   */
  function refuseAtOnce(error: BenchErrorData) {
    setOutcome(null);
    requestAnimationFrame(() => showRefusal(error));
  }

  /** The buttons read as disabled, not gone: pressed by keys while the panel works, said and beeped, not ignored. */
  function refuseWhileWorking() {
    refuseAtOnce({ code: 'conflict', message: STILL_WORKING, issues: [] });
  }

  async function importChosen() {
    if (working) return refuseWhileWorking();
    const files = fileRef.current?.files;
    if (!files || files.length === 0) {
      refuseAtOnce({ code: 'invalid_argument', message: 'Choose one or more CSV files first.', issues: [] });
      return;
    }
    // One import at a time per bench (the core refuses a second): said before any byte is sent.
    if (isRunning(csvImport.progress)) {
      refuseAtOnce({ code: 'conflict', message: IMPORT_BUSY, issues: [] });
      return;
    }
    if (files.length > MAX_IMPORT_FILES) {
      refuseAtOnce({ code: 'invalid_argument', message: tooManyFilesText(files.length, MAX_IMPORT_FILES), issues: [] });
      return;
    }
    // Sending a large file takes a while before the core can say anything: say how far it got.
    const chosen = [...files];
    const what = chosen.length === 1 ? chosen[0]!.name : `${chosen.length} files`;
    setOutcome(null);
    setReading({ what, bytesSent: 0, bytesTotal: chosen.reduce((n, f) => n + f.size, 0) });
    const controller = new AbortController();
    sending.current = controller;
    const sent = await sendCsvFiles(
      api,
      chosen,
      ({ bytesSent, bytesTotal }) => setReading({ what, bytesSent, bytesTotal }),
      controller.signal,
    );
    sending.current = null;
    // The panel went away meanwhile (its unmount aborted the sending): nothing to show or import.
    if (!panelIsShown()) return;
    setReading(null);
    if (!sent.ok) return showRefusal(sent.error);
    // The bar stays (its Cancel keeps the focus) while the core starts the import, until its progress shows.
    setStarting(true);
    await run(async () => {
      // The files' D/M/YYYY dates are read as this screen reads dates, not as the bench process's locale does.
      const dateOrder = localeDateOrder(benchLocale());
      const { result, cancelCameTooLate } = await csvImport.start(() => api.startUploadedCsvImport({ ...sent.value, dateOrder }));
      setStarting(false);
      return { result, title: cancelCameTooLate ? FINISHED_BEFORE_CANCEL : 'Import finished' };
    });
  }

  return (
    <div className="import-panel">
      <form
        className="import-form"
        onSubmit={(e) => {
          e.preventDefault();
          void importChosen();
        }}
      >
        <label htmlFor={inputId}>CSV files (products, identifiers, orders)</label>
        <input ref={fileRef} id={inputId} type="file" accept=".csv,text/csv" multiple aria-describedby={`${inputId}-help`} />
        <p id={`${inputId}-help`} className="muted small">
          Files are recognised by their header row: <code>sku,title,barcode,identifier_mode,stock_level</code>, <code>sku,identifier</code> or{' '}
          <code>order_number,customer,sku,quantity</code>. Products may add <code>identifier_kind</code> (serial, lot, use_by, other; without it a
          product's identifiers are plain text, dates unchecked), a format and <code>min_shelf_life_days</code>; identifiers may add a lot's{' '}
          <code>use_by</code> date. Up to {MAX_IMPORT_FILES} files at once; if any line is wrong, nothing is imported.
        </p>
        <div className="actions-row">
          {/* aria-disabled, not disabled: a disabled button drops the focus to the page. */}
          <button type="submit" className="primary" aria-disabled={working || undefined}>
            Import files
          </button>
          <button type="button" aria-disabled={working || undefined} onClick={() => (working ? refuseWhileWorking() : void run(async () => ({ result: await api.loadDemoData({}), title: 'Demo data loaded' })))}>
            Load demo data
          </button>
        </div>
      </form>
      {/* Outside the live region: the counts change several times a second. One bar from sending to the
          import's end, in one place: its Cancel keeps the focus throughout (two bars moved it back to Import
          files between them), and Enter on it stops whichever phase is running. */}
      {reading ? (
        <WorkProgress
          key="work"
          label="Sending the files"
          value={reading.bytesSent}
          max={reading.bytesTotal}
          text={sendingText(reading.what, reading.bytesSent, reading.bytesTotal)}
          cancelLabel="Cancel sending"
          onCancel={() => sending.current?.abort()}
        />
      ) : isRunning(csvImport.progress) ? (
        <WorkProgress key="work" {...importBarProps(csvImport.progress)} onCancel={csvImport.cancel} cancelling={csvImport.cancelling} />
      ) : starting ? (
        <WorkProgress key="work" label="Starting the import" text="Starting the import…" cancelLabel="Cancel import" onCancel={csvImport.cancelStarting} cancelling={csvImport.cancellingAtStart} />
      ) : null}
      {/* The outcome takes the focus, named by its summary (a heading, or the refusal's sentence): the
          region said its whole text as one run (the results table, or a refusal's 200 lines). */}
      <div
        ref={resultRef}
        tabIndex={-1}
        className="import-result"
        role={outcome ? 'region' : undefined}
        aria-labelledby={outcome ? summaryId : undefined}
      >
        <div aria-live="polite">
          {reading && <p className="visually-hidden">Sending the files to the bench…</p>}
          {busy && !starting && !isRunning(csvImport.progress) && <p>Working…</p>}
          {outcome?.kind === 'done' && (
            <>
              <h3 id={summaryId}>{outcome.title}</h3>
              {/* A file with a header and nothing under it is taken, but the packer may have meant another. */}
              {outcome.summary.files
                .filter((f) => f.rows === 0)
                .map((f) => (
                  <p key={f.name}>{heldNoRowsText(f.name)}</p>
                ))}
            </>
          )}
        </div>
        {outcome?.kind === 'done' && (
          <table>
            <caption className="visually-hidden">Files imported</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Kind</th>
                {/* Rows as the file has them; the other counts say what they count (an order may take several rows). */}
                <th scope="col">Rows in file</th>
                <th scope="col">Added</th>
                <th scope="col">Updated</th>
                <th scope="col">Unchanged</th>
              </tr>
            </thead>
            <tbody>
              {outcome.summary.files.map((f) => (
                <tr key={f.name}>
                  <td>{f.name}</td>
                  <td>{f.kind}</td>
                  <td>{withThousands(f.rows)}</td>
                  <td>{importedCount(f.kind, f.added)}</td>
                  <td>{importedCount(f.kind, f.updated)}</td>
                  <td>{importedCount(f.kind, f.unchanged)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {outcome?.kind === 'refused' && <RefusalBlock key={outcome.nth} error={outcome.error} summaryId={summaryId} />}
      </div>
    </div>
  );
}

/** Issues said in the alert with its sentence; more are listed below it, read by moving on. */
const ISSUES_SAID_AT_MOST = 5;

/**
 * A refusal: its sentence is the alert (said at once), with its issues when they are few; a long list
 * (up to 200 lines) follows the alert, not in it, so it is not read out as one run when it appears.
 */
function RefusalBlock({ error, summaryId }: { error: BenchErrorData; summaryId: string }) {
  const issues = error.issues.length > 0 && (
    <ul className="issue-list">
      {error.issues.map((issue, i) => (
        <li key={i}>
          <strong>{issue.where}</strong>: {issue.message}
        </li>
      ))}
    </ul>
  );
  const few = error.issues.length <= ISSUES_SAID_AT_MOST;
  return (
    <div className="error-block">
      <div role="alert">
        <p className="error-text" id={summaryId}>
          <span aria-hidden="true">⚠ </span>
          {error.message}
        </p>
        {few && issues}
      </div>
      {!few && issues}
    </div>
  );
}
