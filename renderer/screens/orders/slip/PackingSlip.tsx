/**
 * The packing slip of an order: warehouse and bench, the order number as a barcode (order-barcode.ts), the
 * customer, when it left, each line with its quantity and identifiers (one many units share, once with
 * its count), and the total, on A4 or a 4×6-inch label; only the slip prints (see app.css, .printing-slip). Electron prints to the Settings' label printer,
 * browser mode through the browser's print (window.print).
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { BenchApi } from '../../../../shared/contract/api.js';
import type { PackingSlip } from '../../../../shared/contract/trace-schemas.js';
import { Dialog } from '../../../components/dialog/Dialog.js';
import { ErrorText } from '../../../components/ErrorText.js';
import { useRefusal, type Refusal } from '../../../components/use-refusal.js';
import { counted, formatCount } from '../../../components/format-count.js';
import { timeRangeWithZone, timeWithZone } from '../../../components/format-time.js';
import { identifierText } from '../../../components/identifier-text.js';
import { LABEL_HEIGHT_IN, LABEL_MARGIN_MM, LABEL_WIDTH_IN } from '../../../../shared/domain/slip-label.js';
import { orderBarcode, type OrderBarcode } from './order-barcode.js';

export type SlipLayout = 'a4' | 'label';

/**
 * When the slip's units left: one dispatch's time as it is; for a slip listing units of several
 * parcels, the first and the last dispatch's times and how many there were. On the 4×6-inch label the
 * range is written short, to the minute and each day and zone once, so it reads on one line (the whole
 * times wrapped over three); the count goes on a line of its own there (see PackingSlipView).
 */
function dispatchedText(slip: PackingSlip, layout: SlipLayout): string | null {
  if (!slip.dispatchedAt) return null;
  if (slip.dispatchCount <= 1 || !slip.firstDispatchedAt) return timeWithZone(slip.dispatchedAt);
  if (layout === 'label') return timeRangeWithZone(slip.firstDispatchedAt, slip.dispatchedAt);
  return `${timeWithZone(slip.firstDispatchedAt)} – ${timeWithZone(slip.dispatchedAt)} (${counted(slip.dispatchCount, 'dispatch', 'dispatches')})`;
}

/**
 * A line's identifiers, each once: where units share one (a use-by date on 500 yoghurts), each with its
 * count ("500 × Use by 14/12/2026"); serials, one a unit, as they are.
 */
function identifierLines(line: PackingSlip['lines'][number]): string[] {
  const shared = line.counts.some((n) => n > 1);
  return line.identifiers.map((v, i) => {
    const text = identifierText(line.identifierKind, v, line.useBy[i]);
    return shared ? `${formatCount(line.counts[i] ?? 1)} × ${text}` : text;
  });
}
const PAGE_RULES: Record<SlipLayout, string> = {
  a4: '@page { size: A4; margin: 12mm; }',
  label: `@page { size: ${LABEL_WIDTH_IN}in ${LABEL_HEIGHT_IN}in; margin: ${LABEL_MARGIN_MM}mm; }`,
};

const SYMBOLOGY_WORDS: Record<OrderBarcode['symbology'], string> = { code128: 'a barcode', qrcode: 'a QR code' };

/**
 * The order number's code with the number in text beneath (read by eye when a scan fails, and the
 * bwip-js text under a long Code 128 was too small to read). On the label it prints at its size in
 * printer dots (order-barcode.ts), never shrunk to fit: shrunk, its bars would no longer scan.
 */
function SlipBarcode(props: { orderNumber: string; barcode: OrderBarcode | null }) {
  const { orderNumber, barcode } = props;
  if (barcode === null) {
    return (
      <p className="slip-barcode">
        No barcode: order number {orderNumber} has characters a Code 128 barcode cannot hold (it holds only ASCII letters, digits and symbols).
      </p>
    );
  }
  const size = barcode.printed && { width: `${barcode.printed.width}in`, height: `${barcode.printed.height}in`, paddingInline: `${barcode.printed.quiet}in` };
  return (
    <figure className="slip-barcode">
      <div
        className={size ? 'slip-code-printed' : undefined}
        style={size || undefined}
        aria-label={`Order number ${orderNumber} as ${SYMBOLOGY_WORDS[barcode.symbology]}`}
        role="img"
        dangerouslySetInnerHTML={{ __html: barcode.svg }}
      />
      <figcaption>{orderNumber}</figcaption>
    </figure>
  );
}

/**
 * Print: through the shell (Electron: the label printer in Settings), else with the browser's own
 * print. A print that failed is refused (shown, beeped, and announced again when it fails again in the
 * same words); a system print dialog the packer cancelled was their choice, so it says nothing. A slip
 * sent to a printer says so: the label printer prints without a dialog, and nothing else shows it went.
 * Print pressed again while the slip is on its way is refused in words (a second Enter would print a
 * second slip); once it is answered, another copy is the packer's to ask for.
 */
function usePrintSlip(api: BenchApi): { print: () => Promise<void>; printing: boolean; printed: string | null; refusal: Refusal } {
  const refusal = useRefusal();
  const [printing, setPrinting] = useState(false);
  const printingRef = useRef(false);
  const [printed, setPrinted] = useState<string | null>(null);
  const print = async () => {
    // Refused in words, as every busy button here: a silent press reads as a press not taken.
    if (printingRef.current) return refusal.refuse('Already sending this slip to the printer: wait for it to go before printing another copy.');
    printingRef.current = true;
    setPrinting(true);
    refusal.clear();
    setPrinted(null);
    try {
      const result = await api.printSlip({});
      if (!result.ok) return refusal.refuse(result.error.message);
      refusal.clear();
      if (result.value.outcome === 'printed') setPrinted(result.value.printer ? `Sent to the printer ${result.value.printer}.` : 'Sent to the printer.');
      if (result.value.outcome === 'print_in_browser') window.print();
    } finally {
      printingRef.current = false;
      setPrinting(false);
    }
  };
  return { print, printing, printed, refusal };
}

/**
 * On the Dialog primitive: modal, Escape and Close close it, and focus goes back to the opener
 * (else to `fallbackFocus`, e.g. when it was opened from a message that is gone). It holds nothing to
 * lose: a scan (the next order's number) closes it as Close would and is routed from there, also when
 * it was opened (Ctrl+Shift+P) from a quantity box; its Enter never presses Print again.
 */
export function PackingSlipView(props: {
  api: BenchApi;
  slip: PackingSlip;
  onClose: () => void;
  /** A scan closed it (the packer has moved on); onClose when not given. */
  onClosedByScan?: () => void;
  fallbackFocus?: () => HTMLElement | null;
}) {
  const { api, slip, onClose, onClosedByScan = onClose, fallbackFocus } = props;
  const titleId = useId();
  const [layout, setLayout] = useState<SlipLayout>('a4');
  const { print, printing, printed, refusal: printRefusal } = usePrintSlip(api);
  const printRef = useRef<HTMLButtonElement>(null);
  const barcode = useMemo(() => orderBarcode(slip.orderNumber, layout), [slip.orderNumber, layout]);
  const dispatched = dispatchedText(slip, layout);
  const countOnItsOwn = layout === 'label' && slip.dispatchCount > 1 && slip.firstDispatchedAt !== null;

  useEffect(() => {
    document.body.classList.add('printing-slip');
    return () => document.body.classList.remove('printing-slip');
  }, []);

  return (
    <Dialog
      title="Packing slip"
      heading={false}
      labelledBy={titleId}
      className="slip-overlay"
      onCancel={onClose}
      onClosedByScan={onClosedByScan}
      closedByScanWhateverOpenedIt
      fallbackFocus={fallbackFocus}
    >
      <style>{PAGE_RULES[layout]}</style>
      <div className="slip-controls">
        <fieldset>
          <legend>Layout</legend>
          <label>
            <input type="radio" name={`${titleId}-layout`} checked={layout === 'a4'} onChange={() => setLayout('a4')} /> A4
          </label>
          <label>
            <input type="radio" name={`${titleId}-layout`} checked={layout === 'label'} onChange={() => setLayout('label')} /> 4×6-inch label
          </label>
        </fieldset>
        <button ref={printRef} type="button" className="primary" autoFocus aria-disabled={printing || undefined} onClick={() => void print()}>
          Print
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <p role="status" className="slip-printed">
        {printed}
      </p>
      {printRefusal.message && <ErrorText again={printRefusal.key}>{printRefusal.message}</ErrorText>}
      <article className={`packing-slip packing-slip-${layout}`} aria-label={`Packing slip ${slip.orderNumber}`}>
        <header>
          <h2 id={titleId}>Packing slip</h2>
          <p>
            {slip.warehouse ? `${slip.warehouse} — ` : ''}
            {slip.benchName}
          </p>
        </header>
        <SlipBarcode orderNumber={slip.orderNumber} barcode={barcode} />
        <dl className="facts">
          <dt>Order</dt>
          <dd>{slip.orderNumber}</dd>
          <dt>Customer</dt>
          <dd>{slip.customer}</dd>
          {dispatched && (
            <>
              <dt>Dispatched</dt>
              <dd className="slip-dispatched">{dispatched}</dd>
            </>
          )}
          {countOnItsOwn && (
            <>
              <dt>Dispatches</dt>
              <dd>{formatCount(slip.dispatchCount)}</dd>
            </>
          )}
        </dl>
        <table className="slip-lines">
          <thead>
            <tr>
              <th scope="col">Qty</th>
              <th scope="col">Product</th>
              <th scope="col">Identifiers</th>
            </tr>
          </thead>
          <tbody>
            {slip.lines.map((l) => (
              <tr key={l.lineNo}>
                <td>{formatCount(l.quantity)}</td>
                <td>
                  {l.sku} {l.title}
                </td>
                <td>
                  {identifierLines(l).map((text, i) => (
                    <div key={`${i}-${text}`}>{text}</div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
          {/* Printed once, after the last line: see .slip-lines tfoot in app.css. */}
          <tfoot>
            <tr>
              <td colSpan={3}>{counted(slip.totalUnits, 'unit', 'units')} in total</td>
            </tr>
          </tfoot>
        </table>
      </article>
    </Dialog>
  );
}
