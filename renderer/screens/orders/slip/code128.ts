/** The order number as a Code 128 barcode, drawn as SVG by bwip-js (a well-kept generator). */
import { toSVG } from 'bwip-js/browser';

export function code128Svg(text: string): string {
  return toSVG({ bcid: 'code128', text, scale: 2, height: 12, includetext: true, textxalign: 'center' });
}
