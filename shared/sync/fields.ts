/** zod field schemas built from the bounds (shared/sync/bounds.ts): every wire schema uses these. */
import { z } from 'zod';
import { integerProblem, textProblem, TEXT_RULES, type TextField } from './bounds.js';

/** Text within the bounds of `field`; the message names the problem ("contains a NUL character"). */
export function boundedText(field: TextField) {
  const rule = TEXT_RULES[field];
  return z.string().superRefine((value, ctx) => {
    const problem = textProblem(value, rule);
    if (problem) ctx.addIssue({ code: 'custom', message: `${rule.field} ${problem}` });
  });
}

/** A whole number in [min, max]. */
export function boundedInt(field: string, min: number, max: number) {
  return z.number().superRefine((value, ctx) => {
    const problem = integerProblem(value, min, max);
    if (problem) ctx.addIssue({ code: 'custom', message: `${field} ${problem}` });
  });
}
