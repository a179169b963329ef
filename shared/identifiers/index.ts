/** Identifier kinds, formats, check digits and use-by dates (issue 12). */
export * from './kinds.js';
export * from './check-digits.js';
export * from './use-by-dates.js';
export * from './identifier-format.js';
export * from './fefo.js';
export * from './describe.js';
export * from './lot-dates.js';
