/**
 * "Which order got identifier X?": type or scan an identifier (exact, case sensitive) and see its
 * product, status and every order it was allocated or dispatched to.
 */
import { GS, readGs1 } from '../../../shared/gs1/element-string.js';
import { beepRefusal } from '../../scanner/beep.js';
import { insertGs, isGsKey } from '../../scanner/gs-key.js';
import { useScanOptions } from '../../scanner/scanner-settings.js';
import { useEffect, useId, useRef, useState } from 'react';
import type { BenchApi, ResultOf } from '../../../shared/contract/api.js';
import { trimScannerInput } from '../../../shared/domain/identifier-value.js';
import { IDENTIFIER_MODE_LABELS } from '../../../shared/domain/modes.js';
import { ErrorText } from '../../components/ErrorText.js';
import { findProductByGtin } from '../../components/grid/box-entry.js';
import { useLatestRequest } from '../../components/use-latest-request.js';
import { IdentifierTimeline } from './IdentifierTimeline.js';

type Lookup = ResultOf<'lookupIdentifier'>;
type History = ResultOf<'getIdentifierHistory'>;

export interface LookupRequest {
  value: string;
  nonce: number;
}

const STATUS_LABELS = { available: 'Available', allocated: 'Allocated to an order (not dispatched yet)', consumed: 'Dispatched (used)' } as const;

export function LookupScreen({ api, request = null }: { api: BenchApi; request?: LookupRequest | null }) {
  const inputId = useId();
  const [text, setText] = useState(request?.value ?? '');
  const [answer, setAnswer] = useState<Lookup | null>(null);
  const [history, setHistory] = useState<History | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Which product a GS1 code's GTIN named (its identifier only is shown), in words; null for plain values. */
  const [scope, setScope] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const beginRequest = useLatestRequest();
  const { gsSubstitute = '' } = useScanOptions();

  async function lookUp(raw: string) {
    const read = readGs1(raw, { gsSubstitute });
    if (read.kind === 'malformed') {
      setError(`"${raw.trim().replaceAll(GS, '<GS>').slice(0, 60)}" was refused: ${read.reason}.`);
      beepRefusal();
      return;
    }
    // A GS1 code is looked up by the identifier it carries: its serial number, else its lot, else its use-by date.
    const gs1Value = read.kind === 'gs1' ? (read.scan.serial ?? read.scan.lot ?? read.scan.useBy) : null;
    if (read.kind === 'gs1' && gs1Value === null) {
      setError('The GS1 code carries no serial number, lot or use-by date to look up.');
      beepRefusal();
      return;
    }
    const value = gs1Value ?? trimScannerInput(read.kind === 'plain' ? read.value : raw);
    if (!value) return;
    if (gs1Value !== null) setText(gs1Value);
    setError(null);
    const isNewest = beginRequest();
    const gtin = read.kind === 'gs1' ? read.scan.gtin : null;
    const [result, events, gtinProduct] = await Promise.all([
      api.lookupIdentifier({ value }),
      api.getIdentifierHistory({ value }),
      gtin ? findProductByGtin(api, gtin) : Promise.resolve(null),
    ]);
    if (!isNewest()) return; // a later scan's answer wins
    if (!result.ok) return setError(result.error.message);
    // A GS1 code names its product by GTIN: the same serial of another product is not what was scanned.
    if (gtin && gtinProduct) {
      setAnswer({ ...result.value, matches: result.value.matches.filter((m) => m.productId === gtinProduct.id) });
      setScope(`The GS1 code is product ${gtinProduct.title ? `${gtinProduct.sku} (${gtinProduct.title})` : gtinProduct.sku}: only its identifier is shown.`);
    } else {
      setAnswer(result.value);
      setScope(gtin ? `The scanned GTIN ${gtin} is no product's barcode on this bench.` : null);
    }
    setHistory(events.ok ? events.value : null);
    inputRef.current?.select();
  }

  useEffect(() => {
    if (request) {
      setText(request.value);
      void lookUp(request.value);
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
          void lookUp(text);
        }}
      >
        <label htmlFor={inputId}>Identifier</label>
        <input ref={inputRef} id={inputId} type="search" value={text} autoComplete="off" spellCheck={false} placeholder="Type or scan an identifier" onChange={(e) => setText(e.target.value)} onKeyDown={(e) => {
            if (!isGsKey(e)) return;
            e.preventDefault();
            insertGs(e.currentTarget);
          }} />
        <button type="submit">Look up</button>
      </form>
      {error && (
        <ErrorText>{error}</ErrorText>
      )}
      <div aria-live="polite">
        {scope && <p className="lookup-scope">{scope}</p>}
        {answer && answer.matches.length === 0 && (
          <p className="lookup-empty">
            No identifier "<code>{answer.value}</code>" was found. Identifiers are case sensitive.
          </p>
        )}
        {answer?.matches.map((match) => (
          <article key={match.identifierId} className="lookup-match" aria-label={`${match.sku}: ${answer.value}`}>
            <h3>
              <code>{answer.value}</code> — {match.sku} {match.title}
            </h3>
            <dl className="facts">
              <dt>Mode</dt>
              <dd>{IDENTIFIER_MODE_LABELS[match.identifierMode]}</dd>
              <dt>Status</dt>
              <dd>{STATUS_LABELS[match.status]}</dd>
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
                    <th scope="col">Unit</th>
                    <th scope="col">State</th>
                    <th scope="col">When</th>
                  </tr>
                </thead>
                <tbody>
                  {match.orders.map((o) => (
                    <tr key={`${o.orderId}-${o.unit}-${o.at}`}>
                      <td>{o.orderNumber}</td>
                      <td>{o.customer}</td>
                      <td>{o.unit}</td>
                      <td>{o.dispatched ? (o.dispatchedBy ? `Dispatched at ${o.dispatchedBy}` : 'Dispatched') : 'Allocated'}</td>
                      <td>{new Date(o.at).toLocaleString('en-GB')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {history && (
              <IdentifierTimeline
                label={`History of ${answer.value} (${match.sku})`}
                events={history.events.filter((e) => e.sku === match.sku)}
                truncated={history.truncated}
              />
            )}
          </article>
        ))}
      </div>
    </section>
  );
}
