/**
 * The order number as a barcode, drawn as SVG by bwip-js (a well-kept generator): Code 128 on the A4
 * slip; on the 4×6-inch label Code 128 sized in whole printer dots while its narrowest bar keeps the
 * scannable width, else a QR code (the rule and its numbers: shared/domain/slip-label.ts).
 */
import { toSVG } from 'bwip-js/browser';
import type { SlipLayout } from './PackingSlip.js';
import {
  CODE128_QUIET_ZONE_MODULES,
  LABEL_PRINTABLE_DOTS,
  MAX_CODE128_MODULE_DOTS,
  MIN_CODE128_MODULE_DOTS,
  QR_MODULE_DOTS,
  QR_QUIET_ZONE_MODULES,
  dotsToInches,
} from '../../../../shared/domain/slip-label.js';

/**
 * What a scanner reads back as typed: printable ASCII. bwip-js encodes anything else as its UTF-8
 * bytes, which a scanner reads as other characters ("Заказ-7" as "ÐÐ°ÐºÐ°Ð·-7"): an order no bench has.
 * A QR code's bytes reach a keyboard-wedge scanner the same way, so the rule holds for both.
 */
const SCANNABLE = /^[\x20-\x7e]+$/;

/** Bar height of the label's Code 128, in millimetres (as the A4 slip's). */
const LABEL_BAR_HEIGHT_MM = 18;
/** bwip-js draws a 2D symbol's module as 2 units of its viewBox at scale 1 (a linear one's as 1). */
const SVG_UNITS_PER_2D_MODULE = 2;

export type Symbology = 'code128' | 'qrcode';

export interface OrderBarcode {
  readonly symbology: Symbology;
  readonly svg: string;
  /**
   * Its printed size in CSS inches, whole printer dots a module, and the quiet zone each side; absent
   * on A4, where it is sized to the slip (see .slip-barcode in app.css).
   */
  readonly printed?: { readonly width: number; readonly height: number; readonly quiet: number };
}

/** The viewBox width of bwip-js's SVG: in modules for a linear code at scale 1. */
function viewBoxWidth(svg: string): number {
  const match = /viewBox="0 0 ([\d.]+) [\d.]+"/.exec(svg);
  if (!match) throw new Error('bwip-js drew an SVG without its viewBox');
  return Number(match[1]);
}

/** Bars stretch to the size the label gives them, rather than keeping bwip-js's proportions. */
function stretched(svg: string): string {
  return svg.replace('<svg ', '<svg preserveAspectRatio="none" ');
}

/**
 * Code 128 at the widest whole-dot module (up to the maximum) that fits the label with its quiet zones,
 * or null when even the narrowest scannable one does not.
 */
export function labelCode128(text: string): OrderBarcode | null {
  const svg = toSVG({ bcid: 'code128', text, scale: 1, height: LABEL_BAR_HEIGHT_MM });
  const modules = viewBoxWidth(svg);
  const dots = Math.min(MAX_CODE128_MODULE_DOTS, Math.floor(LABEL_PRINTABLE_DOTS / (modules + 2 * CODE128_QUIET_ZONE_MODULES)));
  if (dots < MIN_CODE128_MODULE_DOTS) return null;
  return {
    symbology: 'code128',
    svg: stretched(svg),
    printed: { width: dotsToInches(modules * dots), height: LABEL_BAR_HEIGHT_MM / 25.4, quiet: dotsToInches(CODE128_QUIET_ZONE_MODULES * dots) },
  };
}

/** A QR code (BWIPP's default error correction, M: a smudge or a scratch still reads) in QR_MODULE_DOTS-dot modules. */
export function labelQrCode(text: string): OrderBarcode {
  const svg = toSVG({ bcid: 'qrcode', text, scale: 1 });
  const side = dotsToInches((viewBoxWidth(svg) / SVG_UNITS_PER_2D_MODULE) * QR_MODULE_DOTS);
  return { symbology: 'qrcode', svg, printed: { width: side, height: side, quiet: dotsToInches(QR_QUIET_ZONE_MODULES * QR_MODULE_DOTS) } };
}

/** The order number's barcode for the layout, or null when no barcode can hold it as it is written. */
export function orderBarcode(text: string, layout: SlipLayout): OrderBarcode | null {
  if (!SCANNABLE.test(text)) return null;
  if (layout === 'label') return labelCode128(text) ?? labelQrCode(text);
  return { symbology: 'code128', svg: toSVG({ bcid: 'code128', text, scale: 2, height: 12 }) };
}
