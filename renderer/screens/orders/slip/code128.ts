/** The order number as a Code 128 barcode, drawn as SVG by bwip-js (a well-kept generator). */
import { toSVG } from 'bwip-js/browser';

/**
 * What a scanner reads back as typed: printable ASCII. bwip-js encodes anything else as its UTF-8
 * bytes, which a scanner reads as other characters ("Заказ-7" as "ÐÐ°ÐºÐ°Ð·-7"): an order no bench has.
 */
const SCANNABLE = /^[\x20-\x7e]+$/;

/** The barcode's SVG, or null when Code 128 cannot hold the order number as it is written. */
export function code128Svg(text: string): string | null {
  if (!SCANNABLE.test(text)) return null;
  return toSVG({ bcid: 'code128', text, scale: 2, height: 12, includetext: true, textxalign: 'center' });
}
