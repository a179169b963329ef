/**
 * The 4×6-inch packing-slip label as a label printer prints it, and the rule that keeps its order-number
 * barcode scannable. Shared so the slip (renderer) and its tests measure against the same numbers.
 *
 * The rule: a Code 128 barcode prints only while its narrowest bar (one module) is at least
 * MIN_CODE128_MODULE_DOTS printer dots wide, with its quiet zones, across the label's printable width.
 * At 203 dpi one dot is 0.125 mm: a one-dot bar (5 mil) is thinner than a thermal head prints evenly and
 * than a general-purpose handheld scanner resolves, so the floor is 2 dots = 0.25 mm (10 mil), the
 * usual minimum X-dimension for Code 128 on 203-dpi labels. Whole dots also keep every bar and space the
 * width Code 128 says (a bar of 1.5 dots prints as 1 or 2). The printable width is 4 in less two 4 mm
 * margins = 748 dots, so Code 128 fits (748 / 2 = 374 modules with the 2 × 10-module quiet zones) an
 * order number of up to 29 letters and symbols (11 modules each, 35 for start, check and stop), more
 * where digits pair up; beyond that the label prints a QR code, which phones and 2D imagers read, with
 * QR_MODULE_DOTS-dot modules (0.5 mm: 100 characters make a 41×41 QR code about 20 mm square).
 */

export const LABEL_WIDTH_IN = 4;
export const LABEL_HEIGHT_IN = 6;
/** The label's page margin (the @page rule of the label layout). */
export const LABEL_MARGIN_MM = 4;
/** The common thermal label printer's resolution (8 dots a millimetre). */
export const LABEL_PRINTER_DPI = 203;
const MM_PER_IN = 25.4;

/** Dots across the label inside its margins: 748. */
export const LABEL_PRINTABLE_DOTS = Math.floor((LABEL_WIDTH_IN - (2 * LABEL_MARGIN_MM) / MM_PER_IN) * LABEL_PRINTER_DPI);

/** The narrowest Code 128 bar or space on the label, in printer dots (see the rule above). */
export const MIN_CODE128_MODULE_DOTS = 2;
/** Wider bars scan from further away, but a short number need not span the whole label. */
export const MAX_CODE128_MODULE_DOTS = 4;
/** Clear space each side of a Code 128 barcode, in modules (ISO/IEC 15417). */
export const CODE128_QUIET_ZONE_MODULES = 10;
/** One QR module on the label, in printer dots (0.5 mm: read by a phone's camera at arm's length). */
export const QR_MODULE_DOTS = 4;
/** Clear space round a QR code, in modules (ISO/IEC 18004). */
export const QR_QUIET_ZONE_MODULES = 4;

/** Printer dots as CSS inches (what the print layout is written in). */
export function dotsToInches(dots: number): number {
  return dots / LABEL_PRINTER_DPI;
}
