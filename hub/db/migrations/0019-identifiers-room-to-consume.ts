/**
 * Push speed, continued (issue 9): consuming an identifier rewrites its row (status), once in its life.
 * Identifiers arrive in bulk (identifier.add), packed into full pages, so that new version had no room
 * on its page: four in five consumes were non-HOT updates, each adding an entry to every index of
 * identifiers (three, four with lots), ~400 per request of 1,000 packing ops. Pages written from now on
 * keep half their space free, enough for every row of a page to be consumed in place (HOT, no index
 * entry): in the push bench all 4,000 consumes HOT and UPDATE identifiers 3× cheaper. The price: an
 * identifier not yet consumed takes twice the heap space (its indexes are unchanged); consumed, its new
 * version fills the room. Pages written before keep their layout (fillfactor applies to new pages).
 */
export const identifiersRoomToConsumeSql = /* sql */ `
ALTER TABLE identifiers SET (fillfactor = 50);
`;
