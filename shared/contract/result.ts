/** How results and errors cross every transport: typed values, never stack traces. */
import { z } from 'zod';
// zod's problems in words (its error map, installed on import), on the bench as at the hub.
import { issuePath } from '../sync/issue-words.js';

/**
 * disk_full: the bench's disk has no room; nothing was saved, and the same call works once space is freed.
 * cancelled: the person stopped long work (a CSV import) before it finished; nothing was changed.
 */
export const ERROR_CODES = ['invalid_argument', 'validation', 'not_found', 'conflict', 'unauthorized', 'disk_full', 'cancelled', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one item of the input, e.g. a grid box, an allocation box or a CSV line. */
export const issueSchema = z.object({
  /** Where, in words a person can find: "box 12", "orders.csv line 4", "order 1001, SKU-1 unit 2". */
  where: z.string(),
  message: z.string(),
  box: z.number().int().nonnegative().optional(),
  lineId: z.number().int().positive().optional(),
  unit: z.number().int().positive().optional(),
  /** A grid box refused as a repeat: the box (0-based, as `box`) whose value it repeats. */
  repeatsBox: z.number().int().nonnegative().optional(),
});
export type Issue = z.infer<typeof issueSchema>;

export const benchErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  issues: z.array(issueSchema).default([]),
});
export type BenchErrorData = z.infer<typeof benchErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: BenchErrorData };

/** Thrown by the core for refusals a user can act on; transports turn it into a failed Result. */
export class BenchError extends Error {
  readonly code: ErrorCode;
  readonly issues: Issue[];
  constructor(code: ErrorCode, message: string, issues: Issue[] = []) {
    super(message);
    this.name = 'BenchError';
    this.code = code;
    this.issues = issues;
  }
  toData(): BenchErrorData {
    return { code: this.code, message: this.message, issues: this.issues };
  }
}

/** Turns a zod failure into a message naming each bad field. */
export function describeZodError(error: z.ZodError): { message: string; issues: Issue[] } {
  const issues = error.issues.map((i) => {
    const path = issuePath(i);
    return { where: path.length ? path.map(String).join('.') : '(arguments)', message: i.message };
  });
  const message = `Invalid arguments: ${issues.map((i) => `${i.where}: ${i.message}`).join('; ')}`;
  return { message, issues };
}
