/**
 * Orders per page of the order list (the screen reads the pages on screen; the core warms the first at
 * start). On its own, free of zod, so the renderer's start-up script can ask for the first page before
 * the contract's schemas have loaded.
 */
export const ORDER_LIST_PAGE = 100;
