/** How a single-use value already dispatched is said, the same by the core's refusal and the allocation dialog's warning. */

/** A single-use value the hub reported consumed with no dispatch here: another bench dispatched it. */
export const dispatchedElsewhere = (value: string) =>
  `"${value}" was already dispatched (from another bench); a single-use identifier cannot be used again.`;

/** A single-use value dispatched with `orderNumber` on this bench. */
export const dispatchedWithOrder = (value: string, orderNumber: string) => `"${value}" is already dispatched with order ${orderNumber}.`;
