/**
 * Contract calls for a product's identifier kind, format and minimum shelf life (issue 12), and the
 * report of existing identifiers that do not fit (never dropped: the packer sees the list).
 */
import { z } from 'zod';
import { identifierSpecSchema } from '../identifiers/kinds.js';

const id = z.number().int().positive();
const count = z.number().int().nonnegative();

/** At most this many unfit identifiers are listed by value; `total` says how many there are. */
export const MAX_UNFIT_LISTED = 200;

export const unfitIdentifiersSchema = z.object({
  total: count,
  items: z
    .array(
      z.object({
        identifierId: id,
        value: z.string(),
        status: z.enum(['available', 'allocated', 'consumed']),
        /** The rule it breaks, named: `does not fit "IMEI: 15 digits": check digit wrong (Luhn)`. */
        reason: z.string(),
      }),
    )
    .max(MAX_UNFIT_LISTED),
});
export type UnfitIdentifiers = z.infer<typeof unfitIdentifiersSchema>;

export const setIdentifierSpecArgs = identifierSpecSchema.extend({ productId: id });
export const getUnfitIdentifiersArgs = z.object({ productId: id });
