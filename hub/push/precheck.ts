import { checkIdentifier } from '../../shared/domain/identifier-value.js';
import type { SyncOp } from '../../shared/sync/ops.js';

/** Identifier values an op carries. */
function identifierValues(op: SyncOp): string[] {
  switch (op.type) {
    case 'identifier.add':
    case 'identifier.remove':
      return op.values;
    case 'allocation.set':
      return [op.value];
    case 'identifier.rename':
      return [op.from, op.to];
    case 'order.dispatch':
      return op.lines.flatMap((line) => line.units.map((u) => u.value));
    default:
      return [];
  }
}

/**
 * A reason to reject the op before it reaches the database, or null. Identifier values must already be
 * normalised by the bench (shared/domain/identifier-value.ts): the hub never alters one.
 */
export function precheck(op: SyncOp): string | null {
  for (const value of identifierValues(op)) {
    const check = checkIdentifier(value);
    if (!check.ok) return `identifier ${JSON.stringify(value)} ${check.reason}`;
    if (check.value !== value) return `identifier ${JSON.stringify(value)} has surrounding whitespace or scanner terminators`;
  }
  return null;
}
