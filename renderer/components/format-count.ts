/** "50,000": a count with thousands separators (shared/domain/counted.ts says why not Intl). */
export { withThousands as formatCount } from '../../shared/domain/counted.js';
/** "1 unit", "1,234 units": a count in words (shared/domain/counted.ts). */
export { counted } from '../../shared/domain/counted.js';
