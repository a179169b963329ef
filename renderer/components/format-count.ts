/** "50,000": a count with thousands separators (shared/domain/counted.ts says why not Intl). */
export { withThousands as formatCount } from '../../shared/domain/counted.js';
