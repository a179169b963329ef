/** fast-check generators of text at the edges of the shared bounds (shared/sync/bounds.ts), for the property tests. */
import fc from 'fast-check';
import { TEXT_RULES, textProblem, trimText, type TextField } from '../../shared/sync/bounds.js';

/** Characters at the edges of the rules: controls, every kind of whitespace, surrogates, noncharacters, CSV syntax. */
const EDGE_CHARS = [
  '\u0000', '\u0001', '\t', '\n', '\u000b', '\r', '\u001f', ' ', '\u007f', '\u0085', '\u009f', '\u00a0', '\u1680', '\u2007',
  '\u200b', '\u2028', '\u3000', '\ufeff', '\ud800', '\udfff', '\uffff', 'é', '😀', '"', ',', "'", '\\', '%', '_', '*', '[',
];
const char = fc.oneof(fc.constantFrom(...EDGE_CHARS), fc.constantFrom('a', 'Z', '0', '-'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));

/** Short strings of edge characters, and strings right around a rule's maximum length. */
export function textNear(max: number) {
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: char, maxLength: 8 }) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: max - 2, max: max + 1 }), fc.string({ unit: char, maxLength: 2 })).map(([n, tail]) => 'x'.repeat(n) + tail) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: max - 2, max: max + 1 }), fc.constantFrom('😀', 'é')).map(([n, c]) => c.repeat(n)) },
  );
}

/** Text within `field`'s bounds (generated with edge characters, then trimmed and filtered). */
export function validText(field: TextField) {
  const rule = TEXT_RULES[field];
  return textNear(rule.max).map(trimText).filter((v) => textProblem(v, rule) === null);
}

/** The texts of one product, one of its identifiers and one order for it, each within its bounds (for fc.record). */
export function rowTexts() {
  return {
    sku: validText('sku'),
    title: validText('title'),
    barcode: fc.option(validText('barcode')),
    value: validText('identifier'),
    orderNumber: validText('orderNumber'),
    customer: validText('customer'),
  };
}
