/**
 * "Which order got identifier X?": type or scan an identifier (exact, case sensitive) and see its
 * product, status and every order it was allocated or dispatched to. The answer follows the bench:
 * a change by sync, the CLI or another screen shows here without looking up again.
 * Enter in the box looks up its text; a scan ending in Tab (a scanner set to send Tab) counts as Enter,
 * as in the product and order searches; a person's Tab still moves on. A scan stands alone: text typed
 * before it (the caret after it, nothing selected) is not part of the identifier scanned.
 */
import { useBeepOnFailure } from '../../scanner/use-beep-on-failure.js';
import { malformedGs1Message, productName, unknownGtinMessage, useGs1IdentifierBox, useGtinProducts } from '../../scanner/gs1-identifier-box.js';
import { sharedGtinMessage } from '../../components/grid/box-entry.js';
import { useEffect, useId, useRef, useState } from 'react';
import { useScanInBox } from '../../scanner/use-scan-in-box.js';
import type { BenchApi, Product, ResultOf } from '../../../shared/contract/api.js';
import { trimScannerInput } from '../../../shared/domain/identifier-value.js';
import { searchText } from '../../../shared/sync/fields.js';
import { shownUseByDate } from '../../components/identifier-text.js';
import { IDENTIFIER_MODE_LABELS } from '../../../shared/domain/modes.js';
import { IDENTIFIER_KIND_LABELS } from '../../../shared/identifiers/kinds.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useRefusal } from '../../components/use-refusal.js';
import { benchKeys, useBenchQuery } from '../../api/queries.js';
import { timeWithZone } from '../../components/format-time.js';
import { counted } from '../../../shared/domain/counted.js';
import { IdentifierTimeline } from './IdentifierTimeline.js';
import { CaseSuggestions } from './CaseSuggestions.js';
import { storedFormOfTypedDate } from './typed-date.js';

type Lookup = ResultOf<'lookupIdentifier'>;
type History = ResultOf<'getIdentifierHistory'>;

export interface LookupRequest {
  value: string;
  nonce: number;
}

const STATUS_LABELS = { available: 'Available', allocated: 'Allocated to an order (not dispatched yet)', consumed: 'Dispatched (used)' } as const;

/**
 * What a look-up found, in one sentence for the screen reader (the live region): the products, tables
 * and timelines below are read by moving through them, not all at once as each look-up answers.
 */
function foundWords(answer: Lookup, formerSkus: readonly string[]): string {
  const held = answer.matches.map((m) => `${m.sku}, ${STATUS_LABELS[m.status].toLowerCase()}, ${m.orders.length === 0 ? 'in no order' : `in ${counted(m.orders.length + (m.ordersLeftOff ?? 0), 'order unit', 'order units')}`}`);
  const former = formerSkus.length > 0 ? ` ${formerSkus.join(', ')} no longer ${formerSkus.length === 1 ? 'holds' : 'hold'} it; its history is below.` : '';
  return held.length > 0 ? `Found "${answer.value}": ${held.join('; ')}.${former}` : former.trim();
}

/**
 * A product that no longer holds the identifier (removed, or renamed away) still has its history here,
 * whether or not another product holds it now: the SKUs it had (the scanned GS1 code's products' only).
 */
function answerFormerSkus(answer: Lookup, history: History, named: readonly Product[] | null | undefined): string[] {
  const heldBy = new Set(answer.matches.map((m) => m.sku));
  return [...new Set(history.events.map((e) => e.sku))].filter((sku) => !heldBy.has(sku) && (!named || named.some((p) => p.sku === sku)));
}

export function LookupScreen({ api, request = null }: { api: BenchApi; request?: LookupRequest | null }) {
  const inputId = useId();
  const [text, setText] = useState(request?.value ?? '');
  /** The identifier looked up: its answer and history are queries keyed by it, read again on any change. */
  const [looked, setLooked] = useState<string | null>(null);
  /** A refused look-up: said and beeped; the answer shown stays. */
  const refusal = useRefusal();
  /** The GTIN of a GS1 code looked up (only that product's identifier is shown); null for plain values. */
  const [gtin, setGtin] = useState<string | null>(null);
  /** Counts look-ups: a GTIN no product has, scanned again, is a new refusal (beeped and announced again). */
  const [lookUps, setLookUps] = useState(0);
  /** A date typed as the bench shows dates, and its stored form, looked up when nothing is the text as typed. */
  const [typedDate, setTypedDate] = useState<{ typed: string; stored: string } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const box = useGs1IdentifierBox();
  const lookup = useBenchQuery<Lookup>(benchKeys.trace('lookup', looked), () => api.lookupIdentifier({ value: looked ?? '', suggest: true }), { enabled: looked !== null });
  const events = useBenchQuery<History>(benchKeys.trace('history', looked), () => api.getIdentifierHistory({ value: looked ?? '' }), { enabled: looked !== null });
  const gtinProducts = useGtinProducts(api, gtin);
  // The answer shown is the latest look-up's (a later scan's wins: its key is another query). A GS1
  // code names its product by GTIN: the same serial of another product is not what was scanned. A GTIN
  // several products share (from before the import refused it, or from the hub) names each of them:
  // the identifier of each is shown, as a plain value's of every product is, not the first one's alone.
  const named = gtin === null ? null : gtinProducts === undefined ? undefined : gtinProducts.length > 0 ? gtinProducts : null;
  const answer = !lookup.data || named === undefined ? null : named ? { ...lookup.data, matches: lookup.data.matches.filter((m) => named.some((p) => p.id === m.productId)) } : lookup.data;
  const scope = gtin !== null && named?.length === 1 ? `The GS1 code is product ${productName(named[0]!)}: only its identifier is shown.` : null;
  // A GTIN no product has is a refusal of the scan (the packer must check the product or its barcode),
  // though the value it carries is still looked up in every product: said, beeped and announced once
  // per look-up, when the bench has answered that no product has it. A later look-up that is refused
  // takes it away: the warning was about the earlier scan, and beside the refusal it reads as this one's.
  const unknownGtin = gtin !== null && named === null && refusal.message === null ? `${unknownGtinMessage(gtin)} Every product's identifier of that value is shown.` : null;
  useBeepOnFailure(unknownGtin === null ? null : `${lookUps}`);
  // A GTIN several products share: which one was scanned is not known. Said naming each, beeped and
  // announced once per look-up, as the unknown GTIN is (and as a scan of it outside any box is refused).
  const sharedGtin = gtin !== null && named && named.length > 1 && refusal.message === null ? `${sharedGtinMessage(gtin, named)} Each one's identifier of that value is shown.` : null;
  useBeepOnFailure(sharedGtin === null ? null : `shared-${lookUps}`);
  const history = events.data ?? null;
  const formerSkus = answer && history ? answerFormerSkus(answer, history, named) : [];
  const nothingIs = answer !== null && history !== null && answer.matches.length === 0 && formerSkus.length === 0;
  // Nothing is the date as typed ("15/01/2027"): its stored form is looked up next, said, not refused.
  const triesStoredDate = nothingIs && typedDate !== null && looked === typedDate.typed;
  useEffect(() => {
    if (triesStoredDate) setLooked(typedDate.stored);
  }, [triesStoredDate, typedDate]);
  const readAsDate = typedDate !== null && looked === typedDate.stored ? typedDate : null;
  // Nothing found (no product holds it, none ever did): heard as the scan's "no", once per look-up, and
  // said again when the same value is looked up again (the packer may be looking at the item).
  const notFound = nothingIs && !triesStoredDate;
  // One look-up, one beep: a GS1 code whose GTIN was already beeped (no product's, or shared) is not beeped again for finding nothing.
  useBeepOnFailure(notFound && unknownGtin === null && sharedGtin === null ? `not-found-${lookUps}` : null);
  // The history failing alone (the answer read) is said too, naming it: the answer shows what is known,
  // and a value no product holds was shown nothing, its "not found" waiting for that history.
  const historyFailed = lookup.error || !events.error ? null : events.error;
  const historyError = historyFailed && looked !== null ? `The history of "${looked}" at this bench could not be read: ${historyFailed.message}` : null;
  const error = refusal.message ?? lookup.error?.message ?? historyError;
  useBeepOnFailure(lookup.error);
  useBeepOnFailure(historyFailed);

  const refuse = refusal.refuse;
  // A miss typed in the wrong case: the identifiers meant, to pick. Not for a GS1 code (scanned, not
  // typed, and it names its product: another product's value is not what was scanned).
  const suggestions = answer && gtin === null ? answer.suggestions : [];

  /** A suggestion picked: its exact look-up, the focus back in the box (the button goes with the "no"). */
  function lookUpSuggestion(value: string) {
    setText(value);
    lookUpExactly(value, null);
    inputRef.current?.focus();
  }

  function lookUp(raw: string) {
    const read = box.read(raw);
    if (read.kind === 'malformed') return refuse(malformedGs1Message(raw, read.reason));
    // A GS1 code is looked up by the identifier it carries: its serial number, else its lot, else its use-by date.
    const gs1Value = read.kind === 'gs1' ? (read.scan.serial ?? read.scan.lot ?? read.scan.useBy) : null;
    if (read.kind === 'gs1' && gs1Value === null) return refuse('The GS1 code carries no serial number, lot or use-by date to look up.');
    const value = gs1Value ?? trimScannerInput(read.kind === 'plain' ? read.value : raw);
    if (!value) return refuse('Type or scan an identifier to look up.');
    // What no identifier can be (a paste of a page) is refused in the packer's words, as Recall does:
    // the bench's own refusal named the contract ("Invalid arguments: value: Too big: …").
    const bound = searchText('identifier').safeParse(value);
    if (!bound.success) return refuse(`${bound.error.issues.map((i) => i.message).join('; ')}.`);
    if (gs1Value !== null) setText(gs1Value);
    const stored = gs1Value === null ? storedFormOfTypedDate(value) : null;
    lookUpExactly(value, read.kind === 'gs1' ? read.scan.gtin : null, stored === null ? null : { typed: value, stored });
  }

  /**
   * Looks up `value` as it is (no GS1 reading): what the box gave, or a suggestion picked; `date`: the
   * stored form of a date typed, looked up when nothing is `value`.
   */
  function lookUpExactly(value: string, scannedGtin: string | null, date: { typed: string; stored: string } | null = null) {
    refusal.clear();
    setTypedDate(date);
    // The same identifier again: its answer is current already (the change stream keeps it so). After
    // a failure (the bench not answering) it is read again, and its failure beeped and said again.
    if (value === looked && lookup.data) inputRef.current?.select();
    if (value === looked && (lookup.error || events.error)) {
      void lookup.refetch();
      void events.refetch();
    }
    setGtin(scannedGtin);
    setLookUps((n) => n + 1);
    setLooked(value);
  }

  /**
   * A scan ending in Enter, or in Tab, looks up what was scanned, alone: the box held the packer's own
   * text before it (the caret after it), and a scanner's Tab moved the focus to "Look up", looking up nothing.
   */
  const scanInBox = useScanInBox((scanned) => {
    setText(scanned);
    lookUp(scanned);
  }, box.onKeyDown);

  // Once a look-up's answer is in, the next scan replaces the whole field. Only its own answer: the
  // same answer changed elsewhere (the change stream) selected the next identifier being typed, for
  // the next key to replace, and took the focus from wherever the packer had it.
  const answered = lookup.data !== undefined;
  useEffect(() => {
    if (answered) inputRef.current?.select();
  }, [answered, lookUps]);

  useEffect(() => {
    if (request) {
      setText(request.value);
      lookUp(request.value);
    } else inputRef.current?.focus();
  }, [request]); // eslint-disable-line react-hooks/exhaustive-deps -- lookUp reads only stable values

  return (
    <section className="lookup" aria-labelledby={`${inputId}-heading`}>
      <h2 id={`${inputId}-heading`}>Identifier Lookup</h2>
      <form
        role="search"
        className="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          lookUp(text);
        }}
      >
        <label htmlFor={inputId}>Identifier</label>
        <input ref={inputRef} id={inputId} type="search" value={text} autoComplete="off" spellCheck={false} placeholder="Type or scan an identifier" onChange={(e) => setText(e.target.value)} {...scanInBox} />
        <button type="submit">Look up</button>
      </form>
      {/* The bench's failure is put in anew per look-up (negative: apart from the refusals' keys). */}
      {error && <ErrorText again={refusal.message === null ? -lookUps : refusal.key}>{error}</ErrorText>}
      {unknownGtin && <ErrorText key={`gtin-${lookUps}`}>{unknownGtin}</ErrorText>}
      {sharedGtin && <ErrorText key={`shared-gtin-${lookUps}`}>{sharedGtin}</ErrorText>}
      <div aria-live="polite">
        {scope && <p className="lookup-scope">{scope}</p>}
        {readAsDate && answer && (
          <p className="lookup-scope">
            No identifier is "<code>{readAsDate.typed}</code>" as typed: looked up as the use-by date {shownUseByDate(readAsDate.stored)}, stored as{' '}
            <code>{readAsDate.stored}</code>.
          </p>
        )}
        {answer && answer.matches.length === 0 && formerSkus.length === 0 && !triesStoredDate && (
          <p className="lookup-empty" key={lookUps}>
            {/* Without its history, only that no product holds it now is known (one may have before). */}
            {historyFailed ? 'No product holds "' : 'No identifier "'}
            <code>{answer.value}</code>
            {historyFailed ? '" now.' : '" was found.'} Identifiers are case sensitive.
            <CaseSuggestions suggestions={suggestions} onPick={lookUpSuggestion} />
          </p>
        )}
        {answer && (answer.matches.length > 0 || (history && formerSkus.length > 0)) && (
          <p className="visually-hidden" key={`found-${lookUps}`}>
            {foundWords(answer, history ? formerSkus : [])}
          </p>
        )}
      </div>
      <div>
        {answer && history && formerSkus.length > 0 && (
          <article className="lookup-match" aria-label={`${answer.value}: no longer held`}>
            <p className="lookup-empty">
              {answer.matches.length === 0 ? 'No product holds ' : `${formerSkus.join(', ')} no longer hold${formerSkus.length === 1 ? 's' : ''} `}"
              <code>{answer.value}</code>" now.
              {answer.matches.length === 0 && <CaseSuggestions suggestions={suggestions} onPick={lookUpSuggestion} />} Its history at this bench:
            </p>
            {formerSkus.map((sku) => (
              <IdentifierTimeline
                key={JSON.stringify([answer.value, sku])}
                api={api}
                value={answer.value}
                sku={sku}
                label={`History of ${answer.value} (${sku})`}
                events={history.events.filter((e) => e.sku === sku)}
                truncated={history.truncatedSkus.includes(sku)}
              />
            ))}
          </article>
        )}
        {answer?.matches.map((match) => (
          <article key={match.identifierId} className="lookup-match" aria-label={`${match.sku}: ${answer.value}`}>
            <h3>
              <code>{answer.value}</code> — {match.sku} {match.title}
            </h3>
            <dl className="facts">
              <dt>Mode</dt>
              <dd>{IDENTIFIER_MODE_LABELS[match.identifierMode]}</dd>
              <dt>Kind</dt>
              <dd>{IDENTIFIER_KIND_LABELS[match.identifierKind]}</dd>
              <dt>Status</dt>
              <dd>{STATUS_LABELS[match.status]}</dd>
              {match.useBy && (
                <>
                  <dt>Use by</dt>
                  <dd>{shownUseByDate(match.useBy)}</dd>
                </>
              )}
            </dl>
            {match.orders.length === 0 ? (
              <p>Not allocated to any order.</p>
            ) : (
              <table className="lookup-orders">
                <caption>Orders</caption>
                <thead>
                  <tr>
                    <th scope="col">Order</th>
                    <th scope="col">Customer</th>
                    <th scope="col">Line / unit</th>
                    <th scope="col">State</th>
                    <th scope="col">When</th>
                  </tr>
                </thead>
                <tbody>
                  {match.orders.map((o) => (
                    <tr key={`${o.orderId}-${o.lineNo}-${o.unit}-${o.at}`}>
                      <td>{o.orderNumber}</td>
                      <td>{o.customer}</td>
                      <td>
                        {o.lineNo} / {o.unit}
                      </td>
                      <td>{o.dispatched ? (o.dispatchedBy ? `Dispatched at ${o.dispatchedBy}` : 'Dispatched') : 'Allocated'}</td>
                      <td>{timeWithZone(o.at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {match.ordersLeftOff !== undefined && (
              <p className="lookup-left-off">
                {counted(match.ordersLeftOff, 'more unit', 'more units')} with this identifier {match.ordersLeftOff === 1 ? 'is' : 'are'} not listed here: Recall (Exactly) lists and exports every dispatched one.
              </p>
            )}
            {history && (
              <IdentifierTimeline
                api={api}
                value={answer.value}
                sku={match.sku}
                label={`History of ${answer.value} (${match.sku})`}
                events={history.events.filter((e) => e.sku === match.sku)}
                truncated={history.truncatedSkus.includes(match.sku)}
              />
            )}
          </article>
        ))}
      </div>
    </section>
  );
}
