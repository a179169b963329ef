/**
 * Recall: which orders, customers, dates and benches got identifiers matching a value or prefix, a lot
 * or a use-by date range (issue 12 kinds),
 * optionally one product and a dispatch date range, from this bench's own records (works offline).
 * "Export CSV" downloads the whole result (streamed by the bench, not held here); "Export for Excel" the
 * same as an .xlsx workbook whose identifiers stay text (Excel would turn a CSV's IMEI into
 * 3.56938E+14). The rows shown follow the bench: a dispatch, a sync or the CLI changing them shows here without searching again.
 * A scan into the Identifier box ending in Enter or Tab searches what was scanned, alone (useScanInBox).
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { BenchApi, ResultOf } from '../../../shared/contract/api.js';
import type { RecallExportFormat } from '../../../shared/trace/csv-format.js';
import { notADayMessage, RECALL_DAY_FIELDS, recallKind, recallQuerySchema, type RecallDayField, type RecallQuery } from '../../../shared/trace/recall-query.js';
import { shownUseByDate } from '../../components/identifier-text.js';
import { recallQueryWords } from './recall-query-words.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useRefusal } from '../../components/use-refusal.js';
import { timeWithZone } from '../../components/format-time.js';
import { useShowMoreFocus } from '../../components/use-show-more-focus.js';
import { benchKeys, unwrap, type BenchCallError } from '../../api/queries.js';
import { useBeepOnFailure } from '../../scanner/use-beep-on-failure.js';
import { useScanInBox } from '../../scanner/use-scan-in-box.js';
import { recallRowKey } from './recall-row-key.js';
import { moveBetweenRecallRows } from './recall-row-keys.js';
import { useRecallGs1, type MatchChoice, type RecallForm } from './use-recall-gs1.js';
import { counted } from '../../../shared/domain/counted.js';
import { capitalised } from '../../../shared/domain/capitalised.js';

type Page = ResultOf<'recallSearch'>;

/**
 * A dispatch time in UTC, saying so: the dispatch day filter is in UTC days, so a row the search
 * found for a day must show on that day (in the packer's zone it could read as the day before or after).
 */
function dispatchTimeUtc(iso: string): string {
  return timeWithZone(iso, 'UTC');
}

/** The same search by exact value instead of by lot: what the lot's value matches in products of any kind. */
function lotAsValue(query: RecallQuery, lot: string): RecallQuery {
  const { lot: _lot, ...rest } = query;
  return { ...rest, match: 'exact', value: lot };
}

/** The date inputs by query field, with their labels. */
const RECALL_DAY_INPUTS = Object.fromEntries(
  (Object.entries(RECALL_DAY_FIELDS) as Array<[RecallDayField, string]>).map(([field, words]) => [field, capitalised(words)]),
) as Record<RecallDayField, string>;

/** Browser mode's download: the one-time link followed by a link element, as a click on it would. */
function downloadFrom(path: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = new URL(path, window.location.href).toString();
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
}

export function RecallScreen({ api }: { api: BenchApi }) {
  const id = useId();
  const [match, setMatch] = useState<MatchChoice>('prefix');
  const [useByFrom, setUseByFrom] = useState('');
  const [useByTo, setUseByTo] = useState('');
  const [value, setValue] = useState('');
  const [sku, setSku] = useState('');
  /**
   * The SKU a code named (its barcode, a GS1 code's GTIN, or the one picked among products sharing a
   * GTIN): while the SKU box holds it, that product is searched by its exact SKU; edited, the box's text
   * is the start of a SKU in any case again. null: typed by hand.
   */
  const [codeSku, setCodeSku] = useState<string | null>(null);
  const skuExact = codeSku !== null && sku.trim() === codeSku;
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  /** The query searched: its pages are one query in the cache, read again on any data change. */
  const [query, setQuery] = useState<RecallQuery | null>(null);
  /** A refused search: said, beeped, and nothing changes (the results, their counts and the query exported stay). */
  const refused = useRefusal();
  /** The date inputs: one holding text that is no date (2026-02-30) reads as empty, only its validity says so. */
  const dayInputs = useRef<Partial<Record<RecallDayField, HTMLInputElement | null>>>({});
  const dayRef = (field: RecallDayField) => (el: HTMLInputElement | null) => {
    dayInputs.current[field] = el;
  };
  const [notice, setNotice] = useState<string | null>(null);
  /**
   * The export running, by its format (null: none): another press while it runs is refused (a second
   * save dialog opened on the desktop, a second download started in browser mode). The ref guards two
   * presses before the screen renders again.
   */
  const [exporting, setExporting] = useState<RecallExportFormat | null>(null);
  const exportRunning = useRef(false);
  /** A press while an export runs: said, beeped and announced; gone when that export ends. */
  const exportPress = useRefusal();
  /**
   * An export that failed: said, beeped and announced apart from the search's refusals, so that a search
   * sent while the export runs neither hides its outcome nor has its own refusal replaced by it.
   */
  const exportFailed = useRefusal();
  /** GS1 codes scanned into the Identifier or SKU box, and what the last one named as its product. */
  const gs1 = useRecallGs1(api);
  const searchRef = useRef<HTMLButtonElement>(null);
  const exportRef = useRef<HTMLButtonElement>(null);
  /** "Export CSV" had the focus when last seen: removing a focused button fires no blur. */
  const exportFocused = useRef(false);
  /** Where the last search was sent from: a GS1 use-by date (17) scanned into the Identifier box turns the form to use-by dates, removing that box. */
  const sentFrom = useRef<Element | null>(null);
  const results = useInfiniteQuery<Page, BenchCallError, { pages: Page[] }, readonly unknown[], string | null>({
    queryKey: benchKeys.trace('recall', query),
    queryFn: ({ pageParam }) => unwrap(api.recallSearch({ query: query!, ...(pageParam ? { cursor: pageParam } : {}) })),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: query !== null,
  });
  const pages = results.data?.pages ?? [];
  /** A use-by search lists use-by products' values (dates) and dated lots (their dates beside them). */
  const useBySearch = query !== null && recallKind(query) === 'use_by';
  const page: Page | null = pages.length ? { ...pages[pages.length - 1]!, rows: pages.flatMap((p) => p.rows) } : null;
  /** The row the Tab key enters the results on: the one last focused while it is shown, else the first. */
  const [rowStop, setRowStop] = useState<string | null>(null);
  const tabStopRow = page?.rows.some((r) => recallRowKey(r) === rowStop) ? rowStop : page?.rows[0] ? recallRowKey(page.rows[0]) : null;
  // A lot search covers products of kind lot only. One that found nothing may still name a value other
  // products carry (a catalogue imported without identifier_kind leaves its lots as kind "other"):
  // a recall must not read "0 units" as "nobody got it", so the screen says where that value went.
  const lotQuery = query?.lot !== undefined && page?.counts.units === 0 ? lotAsValue(query, query.lot) : null;
  const asValue = useQuery({
    queryKey: benchKeys.trace('recall', lotQuery, 'counts'),
    queryFn: () => unwrap(api.recallSearch({ query: lotQuery!, limit: 1 })),
    enabled: lotQuery !== null,
  });
  // Only what the search shows is known: a lot product may hold that lot in units not dispatched yet,
  // or left out by the product or date filters, so the message says no more than "none matched".
  const notLots = lotQuery && asValue.data && asValue.data.counts.units > 0 ? asValue.data.counts : null;
  const filtered = query !== null && (query.sku !== undefined || query.dispatchedFrom !== undefined || query.dispatchedTo !== undefined);
  const busy = results.isFetching;
  // A query the bench cannot run: say what is wrong in the packer's words, not the field path.
  const refusal = results.error ? (results.error.issues.length ? `${results.error.issues.map((i) => i.message).join('; ')}.` : results.error.message) : null;
  const shownError = refused.message ?? refusal;
  useBeepOnFailure(results.error);
  const rowsRef = useRef<HTMLTableSectionElement>(null);
  const { moreRef, showMore } = useShowMoreFocus(page?.rows.length ?? 0, results.isFetchingNextPage, (index) => rowsRef.current?.rows[index]);

  // A search that drops "Export CSV" (one finding nothing, or any while it reads) would leave the focus
  // on the page: it goes to Search, where the next search starts, and the counts are announced meanwhile.
  useEffect(() => {
    if (!exportFocused.current || exportRef.current?.isConnected) return;
    exportFocused.current = false;
    if (document.activeElement === null || document.activeElement === document.body) searchRef.current?.focus();
  });
  // Likewise the box a search was sent from, gone with the form's turn: the focus goes to Search, not the page.
  useEffect(() => {
    if (!sentFrom.current || sentFrom.current.isConnected) return;
    sentFrom.current = null;
    if (document.activeElement === null || document.activeElement === document.body) searchRef.current?.focus();
  });

  const queryOf = (form: RecallForm): RecallQuery => ({
    match: form.match === 'exact' ? 'exact' : 'prefix',
    value: form.match === 'lot' || form.match === 'use_by' ? '' : form.value.trim(),
    ...(form.match === 'lot' && form.value.trim() ? { lot: form.value.trim() } : {}),
    ...(form.match === 'use_by' && form.useByFrom ? { useByFrom: form.useByFrom } : {}),
    ...(form.match === 'use_by' && form.useByTo ? { useByTo: form.useByTo } : {}),
    ...(form.sku.trim() ? { sku: form.sku.trim(), ...(form.skuMatch === 'exact' ? { skuMatch: 'exact' as const } : {}) } : {}),
    ...(from ? { dispatchedFrom: from } : {}),
    ...(to ? { dispatchedTo: to } : {}),
  });

  /** Refusals begin as sentences do (the shared schema's words, also the hub's, begin in lower case). */
  const refuse = (message: string) => refused.refuse(capitalised(message));

  /** Searches the form; `identifier`: what was scanned into the Identifier (or Lot) box, searched alone. */
  async function search(identifier = value) {
    sentFrom.current = document.activeElement;
    // The last export's outcome goes with the results it was of (one still running says its own when it ends).
    setNotice(null);
    exportFailed.clear();
    gs1.clearWarning();
    // The form does not validate itself (Chromium would block it in silence, in its own words): a
    // date typed that is no date is refused here, in the packer's words.
    const notDays = (Object.keys(RECALL_DAY_INPUTS) as RecallDayField[]).filter((field) => dayInputs.current[field]?.validity.badInput);
    if (notDays.length) return refuse(`${notDays.map(notADayMessage).join('; ')}.`);
    // The kind chosen with nothing of it given would run as a search of every kind (a product's every
    // serial listed as if it were the lot's): a recall by lot or use-by date needs its lot or a date.
    // A GS1 code in either box turns into what it names (gs1.read): the form shows what is searched.
    let form: RecallForm | { refusal: string };
    try {
      form = await gs1.read({ match, value: identifier, useByFrom, useByTo, sku, skuMatch: skuExact ? 'exact' : 'prefix' });
    } catch (e) {
      return refuse(e instanceof Error ? e.message : String(e));
    }
    if ('refusal' in form) return refuse(form.refusal);
    setMatch(form.match);
    setValue(form.value);
    setUseByFrom(form.useByFrom);
    setUseByTo(form.useByTo);
    setSku(form.sku);
    setCodeSku(form.skuMatch === 'exact' ? form.sku.trim() : null);
    if (form.match === 'lot' && !form.value.trim()) return refuse('type the lot number to search by lot.');
    if (form.match === 'use_by' && !form.useByFrom && !form.useByTo) return refuse('give a use-by from or to date to search by use-by dates.');
    const parsed = recallQuerySchema.safeParse(queryOf(form));
    if (!parsed.success) return refuse(`${parsed.error.issues.map((i) => i.message).join('; ')}.`);
    refused.clear();
    gs1.showScope();
    // The same search again reads again: after a failure (the bench not answering) the cached failure
    // would otherwise stand, and "Search" would do nothing.
    if (query && JSON.stringify(query) === JSON.stringify(parsed.data)) void results.refetch();
    else setQuery(parsed.data);
  }

  /**
   * A scan ending in Enter, or in Tab, searches what was scanned, alone: the box held the start of an
   * identifier the packer typed (the caret after it), and a scanner's Tab moved on to the SKU box, searching nothing.
   */
  const scanInBox = useScanInBox((scanned) => {
    setValue(scanned);
    void search(scanned);
  }, gs1.onKeyDown);

  function more() {
    if (results.hasNextPage) showMore(() => results.fetchNextPage());
  }

  async function exportResults(format: RecallExportFormat = 'csv') {
    if (!query) return;
    if (exportRunning.current) return exportPress.refuse('Already exporting: wait for this export to end, then export again.');
    exportRunning.current = true;
    setExporting(format);
    try {
      await runExport(query, format);
    } finally {
      exportRunning.current = false;
      setExporting(null);
      exportPress.clear();
    }
  }

  async function runExport(query: RecallQuery, format: RecallExportFormat) {
    // This export's outcome replaces the last one's: an earlier failure stayed beside "Saved" (and
    // "Saved" beside a later failure), and the same file saved again was not said again.
    exportFailed.clear();
    setNotice(null);
    // The desktop app saves where the packer picks; browser mode downloads by a one-time link.
    const saved = await api.saveRecallExport({ query, format });
    if (!saved.ok) return exportFailed.refuse(saved.error.message);
    switch (saved.value.outcome) {
      case 'saved':
        return setNotice(`Saved ${saved.value.file}`);
      case 'cancelled':
        // The packer closed the save dialog: their own choice, so nothing is said or beeped.
        return;
      case 'save_in_browser': {
        const link = await api.prepareRecallExport({ query, format });
        if (!link.ok) return exportFailed.refuse(link.error.message);
        return downloadFrom(link.value.path, link.value.fileName);
      }
    }
  }

  return (
    <section className="recall" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Recall</h2>
      <form
        role="search"
        className="recall-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <fieldset className="recall-match">
          <legend>Match</legend>
          <label>
            <input type="radio" name={`${id}-match`} checked={match === 'prefix'} onChange={() => setMatch('prefix')} /> Starts with
          </label>
          <label>
            <input type="radio" name={`${id}-match`} checked={match === 'exact'} onChange={() => setMatch('exact')} /> Exactly
          </label>
          <label>
            <input type="radio" name={`${id}-match`} checked={match === 'lot'} onChange={() => setMatch('lot')} /> Lot
          </label>
          <label>
            <input type="radio" name={`${id}-match`} checked={match === 'use_by'} onChange={() => setMatch('use_by')} /> Use-by dates
          </label>
        </fieldset>
        {match === 'use_by' ? (
          <>
            <label>
              {RECALL_DAY_INPUTS.useByFrom}
              <input type="date" ref={dayRef('useByFrom')} value={useByFrom} onChange={(e) => setUseByFrom(e.target.value)} />
            </label>
            <label>
              {RECALL_DAY_INPUTS.useByTo}
              <input type="date" ref={dayRef('useByTo')} value={useByTo} onChange={(e) => setUseByTo(e.target.value)} />
            </label>
          </>
        ) : (
          <label>
            {/* Not "Lot": the Match choice beside it is named so. */}
            {match === 'lot' ? 'Lot number' : 'Identifier'}
            <input
              type="search"
              value={value}
              autoComplete="off"
              spellCheck={false}
              placeholder={match === 'lot' ? 'Lot number, exactly' : 'Value or start of it'}
              onChange={(e) => setValue(e.target.value)}
              {...scanInBox}
            />
          </label>
        )}
        <label>
          Product SKU or its start, any case (optional)
          <input
            type="text"
            value={sku}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={skuExact ? `${id}-sku-exact` : undefined}
            onChange={(e) => {
              setSku(e.target.value);
              setCodeSku(null);
            }}
            onKeyDown={gs1.onKeyDown}
          />
        </label>
        {skuExact && (
          <p id={`${id}-sku-exact`} className="recall-sku-exact">
            Exactly {codeSku}, the product a code named: edit the SKU to search by its start.
          </p>
        )}
        <label>
          {RECALL_DAY_INPUTS.dispatchedFrom}
          <input type="date" ref={dayRef('dispatchedFrom')} value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {RECALL_DAY_INPUTS.dispatchedTo}
          <input type="date" ref={dayRef('dispatchedTo')} value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        {/* Never disabled (that drops the focus): a search sent while one runs replaces it. */}
        <button type="submit" ref={searchRef} aria-busy={busy || undefined}>
          Search
        </button>
      </form>
      <p className="recall-note">Dispatch dates are whole days in UTC. Lot and use-by searches cover products whose identifier kind is lot or use-by date.</p>
      {/* The bench's failure is put in anew each time it fails again (negative: apart from the refusals' keys). */}
      {shownError && <ErrorText again={refused.message === null ? -results.errorUpdatedAt : refused.key}>{shownError}</ErrorText>}
      {gs1.scope?.refusal && <ErrorText key={`gs1-${gs1.scope.key}`}>{gs1.scope.text}</ErrorText>}
      <div aria-live="polite">
        {gs1.scope && !gs1.scope.refusal && <p className="recall-gs1-scope">{gs1.scope.text}</p>}
        {page && query && (
          <>
            <p className="recall-searched">Results for {recallQueryWords(query)}:</p>
            {/* Zeros are not said: "0 units in 0 orders…" above the sentence saying nothing matched read twice as much. */}
            {page.counts.units > 0 && (
              <p className="recall-counts">
                {counted(page.counts.units, 'unit', 'units')} in {counted(page.counts.orders, 'order', 'orders')} for {counted(page.counts.customers, 'customer', 'customers')}, from{' '}
                {counted(page.counts.benches, 'bench', 'benches')}.
              </p>
            )}
            {page.counts.units === 0 && !notLots && (
              // The counts' zeros alone read as a screen that did not finish: say it, and the two usual reasons.
              <p className="recall-empty">
                No dispatched unit matched{filtered ? ' with these filters' : ''}. Identifiers are case sensitive; only dispatched units are listed.
              </p>
            )}
            {notLots && (
              <p role="status">
                No dispatched unit of a lot product matched "{query?.lot}"{filtered ? ' with these filters' : ''}, but {counted(notLots.units, 'unit', 'units')} in{' '}
                {counted(notLots.orders, 'order', 'orders')} of products whose identifier kind is not lot carry that value exactly: choose "Exactly" to list them.
              </p>
            )}
          </>
        )}
      </div>
      {/* Outside what is said as results come (the buttons were read out after the counts at every search). */}
      <div>
        {page && query && (
          <>
            {page.rows.length > 0 && (
              <button
                type="button"
                ref={exportRef}
                onFocus={() => (exportFocused.current = true)}
                onBlur={() => (exportFocused.current = false)}
                // aria-disabled, not disabled: a disabled button drops the focus; pressed, it says why.
                aria-disabled={exporting !== null || undefined}
                onClick={() => void exportResults()}
              >
                Export CSV
              </button>
            )}
            {page.rows.length > 0 && (
              <button
                type="button"
                onFocus={() => (exportFocused.current = true)}
                onBlur={() => (exportFocused.current = false)}
                // aria-disabled, not disabled: a disabled button drops the focus; pressed, it says why.
                aria-disabled={exporting !== null || undefined}
                onClick={() => void exportResults('xlsx')}
              >
                Export for Excel
              </button>
            )}
          </>
        )}
        {/* Apart from the results: a search sent while an export runs (its results not in yet, or none) leaves the export's progress and outcome in sight. */}
        {exporting && <p role="status">{exporting === 'xlsx' ? 'Exporting for Excel…' : 'Exporting CSV…'}</p>}
        {notice && <p role="status">{notice}</p>}
        {exportFailed.message && <ErrorText again={exportFailed.key}>{exportFailed.message}</ErrorText>}
        {exportPress.message && <ErrorText again={exportPress.key}>{exportPress.message}</ErrorText>}
      </div>
      {page && page.rows.length > 0 && (
        <table className="recall-rows">
          <caption>Dispatched units</caption>
          <thead>
            <tr>
              <th scope="col">Identifier</th>
              <th scope="col">SKU</th>
              <th scope="col">Order</th>
              <th scope="col">Customer</th>
              <th scope="col">Line / unit</th>
              <th scope="col">Dispatched</th>
              <th scope="col">Bench</th>
            </tr>
          </thead>
          <tbody ref={rowsRef} onKeyDown={moveBetweenRecallRows} onFocus={(e) => setRowStop(e.target.closest('tr')?.dataset.rowKey ?? null)}>
            {page.rows.map((r) => (
              // One Tab stop for the rows (roving: the row last focused, else the first), so the list
              // keys can be reached with any number of results, not only after "Show more".
              <tr key={recallRowKey(r)} data-row-key={recallRowKey(r)} tabIndex={recallRowKey(r) === tabStopRow ? 0 : -1}>
                <td>
                  {useBySearch && !r.useBy ? (
                    // A use-by product's value is its date: shown as the order page shows it.
                    <span className="recall-use-by">Use by {shownUseByDate(r.value)}</span>
                  ) : (
                    <code>{r.value}</code>
                  )}
                  {r.useBy && <span className="recall-use-by"> use by {shownUseByDate(r.useBy)}</span>}
                </td>
                <td>{r.sku}</td>
                <td>{r.orderNumber}</td>
                <td>{r.customer}</td>
                <td>
                  {r.lineNo} / {r.unit}
                </td>
                <td>{dispatchTimeUtc(r.dispatchedAt)}</td>
                <td>{r.stationName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page?.nextCursor && (
        <button type="button" ref={moreRef} onClick={more}>
          Show more
        </button>
      )}
    </section>
  );
}
