/**
 * Runtime schemas for every argument and result of the BenchApi contract. Both transports
 * (Electron IPC and loopback HTTP) validate with these, so the core only ever sees checked data.
 */
import { z } from 'zod';
import { IDENTIFIER_MODES } from '../domain/modes.js';
import { identifierFormatSchema, identifierKindSchema, minShelfLifeDaysSchema } from '../identifiers/kinds.js';
import { useByDateSchema } from '../identifiers/lot-dates.js';
import { DATE_ORDERS } from '../identifiers/use-by-dates.js';
import { unfitIdentifiersSchema } from './identifier-spec-schemas.js';
import { MAX_LINE_QUANTITY, MAX_STOCK_DELTA, MAX_STOCK_LEVEL } from '../sync/bounds.js';

const id = z.number().int().positive();
const count = z.number().int().nonnegative();
/** Longest search text (a branch of a type-ahead answer is one character longer than its query, so it stays within). */
export const SEARCH_TEXT_MAX = 200;
const searchText = z.string().max(SEARCH_TEXT_MAX);
const pageLimit = z.number().int().min(1).max(1000);
// Raw text typed or scanned into a box; the core trims and validates it (see checkIdentifier).
const rawBoxText = z.string().max(10_000);

export const identifierModeSchema = z.enum(IDENTIFIER_MODES);
export const identifierStatusSchema = z.enum(['available', 'allocated', 'consumed']);

// ---------- products ----------

export const productSchema = z.object({
  id,
  sku: z.string(),
  title: z.string(),
  barcode: z.string().nullable(),
  identifierMode: identifierModeSchema,
  /** What the identifiers are and look like (issue 12); see shared/identifiers/kinds.ts. */
  identifierKind: identifierKindSchema,
  identifierFormat: identifierFormatSchema.nullable(),
  minShelfLifeDays: minShelfLifeDaysSchema.nullable(),
  stockLevel: count,
  /** Identifiers by status (single-use) or all pre-entered values (multiple-use count as available). */
  identifierCounts: z.object({ available: count, allocated: count, consumed: count }),
});

export const findProductsArgs = z.object({
  query: searchText.default(''),
  offset: count.default(0),
  limit: pageLimit.default(50),
});
export const findProductsResult = z.object({ total: count, items: z.array(productSchema) });

export const getProductArgs = z.object({ productId: id });

export const setIdentifierModeArgs = z.object({
  productId: id,
  mode: identifierModeSchema,
  /**
   * The mode the screen's question was about (getIdentifierModeCounts read it): the core refuses, changing
   * nothing, when the product's mode is another now (another window, a sync or the CLI changed it while
   * the question was open), as the words said were about that mode. Left out, the mode is set outright.
   */
  fromMode: identifierModeSchema.optional(),
});

export const getIdentifierModeCountsArgs = z.object({
  productId: id,
  /** The mode "Set Mode" would change the product to: the refusal in the result is that change's. */
  mode: identifierModeSchema,
});
/**
 * What a change of the product's mode would touch, as the store holds it now: its identifiers, those on
 * a dispatched unit, those marked used (consumed), and the orders awaiting dispatch with units of it.
 * The product screen says these before "Set Mode" changes anything (shared/domain/mode-change-words.ts).
 */
export const identifierModeCountsSchema = z.object({
  sku: z.string(),
  identifierMode: identifierModeSchema,
  /** What its values are (serial numbers, lot numbers, use-by dates…): the question names them so. */
  identifierKind: identifierKindSchema,
  identifiers: count,
  dispatched: count,
  consumed: count,
  awaitingOrders: count,
  /**
   * The refusal setIdentifierMode would meet changing to the mode asked about, in its very words (one
   * check in the core serves both), or null when the change would be taken. The product screen shows it
   * at once, asking nothing: a question confirmed only to be refused teaches the manager nothing.
   */
  refusal: z.string().nullable(),
});

/** The product as saved and its identifiers that no longer fit the new format (kept, listed). */
export const setIdentifierSpecResult = z.object({ product: productSchema, unfit: unfitIdentifiersSchema });

/**
 * Most identifiers one stock change takes, new or leaving: a single-use product's stock moves by at most
 * this much at once (each unit named by its serial number), so the product screen says so before asking.
 */
export const MAX_IDENTIFIERS_PER_STOCK_CHANGE = 200_000;

export const changeStockLevelArgs = z.object({
  productId: id,
  /** The stock level to set (the level the packer typed); exactly one of this and addUnits. */
  newStockLevel: z.number().int().min(0).max(MAX_STOCK_LEVEL).optional(),
  /**
   * Units that arrived, added to the stock as the core holds it when the call runs (the new-units
   * prompt): a stock change that came meanwhile (a sync, a dispatch, the CLI) is kept, and the raise
   * syncs as +addUnits.
   */
  addUnits: z.number().int().min(1).max(MAX_STOCK_DELTA).optional(),
  /**
   * With newStockLevel: the stock level the screen showed when the packer typed the new one. The core
   * refuses, changing nothing, when the stock it holds differs (a dispatch, a sync or the CLI changed it
   * meanwhile), so a level typed against an old figure never undoes or doubles that change. Every
   * screen sends it; left out, the level is set outright (a script or test that means a stock-take).
   */
  shownStockLevel: z.number().int().min(0).max(MAX_STOCK_LEVEL).optional(),
  /** Identifiers of the new units on an increase (single-use: one per unit, all required). */
  newIdentifiers: z.array(rawBoxText).max(MAX_IDENTIFIERS_PER_STOCK_CHANGE).default([]),
  /**
   * Lot products (issue 12): the use-by date beside each new identifier, by position in newIdentifiers
   * (YYYY-MM-DD, the bench locale's form or GS1 YYMMDD; '' for none). Other kinds refuse a date.
   */
  newIdentifierDates: z.array(rawBoxText).max(MAX_IDENTIFIERS_PER_STOCK_CHANGE).optional(),
  /** Single-use decrease: the available identifiers of the units that leave. */
  leavingIdentifiers: z.array(rawBoxText).max(MAX_IDENTIFIERS_PER_STOCK_CHANGE).default([]),
}).refine((a) => (a.newStockLevel === undefined) !== (a.addUnits === undefined), {
  message: 'give either newStockLevel (the level to set) or addUnits (units to add), not both and not neither',
  path: ['newStockLevel'],
}).refine((a) => a.shownStockLevel === undefined || a.newStockLevel !== undefined, {
  message: 'shownStockLevel goes with newStockLevel (addUnits adds to the stock as it is)',
  path: ['shownStockLevel'],
});

// ---------- serial entry grid ----------

/** Most boxes one saveSerialGrid call takes (the edited boxes only). */
export const MAX_GRID_EDITS_PER_SAVE = 200_000;
/**
 * Most empty boxes a serial grid has after its filled ones (single and multiple use). A stock may be a
 * billion units: one box per unit would be a list (and a save) sized by the stock, not by what is
 * entered, and no one save could fill them. So a grid has its filled boxes and at most this many empty
 * ones, as many as one save takes; after a save it opens again with as many empty boxes after the filled
 * ones (see serialGridShape in shared/domain/serial-grid-shape.ts).
 */
export const MAX_EMPTY_GRID_BOXES = MAX_GRID_EDITS_PER_SAVE;

export const gridBoxSchema = z.object({
  /** Position in the grid, 0-based. */
  box: count,
  identifierId: id.nullable(),
  value: z.string(),
  status: identifierStatusSchema.nullable(),
  /** How many order units this value is allocated to (live or dispatched). */
  useCount: count,
  /** Allocated or consumed values are read-only in the grid. */
  locked: z.boolean(),
  /** Lot products (issue 12): the lot's use-by date, YYYY-MM-DD, or null for none. */
  useBy: z.string().nullable().optional(),
});

export const getSerialGridArgs = z.object({
  productId: id,
  offset: count.default(0),
  limit: z.number().int().min(1).max(5000).default(500),
});
export const serialGridResult = z.object({
  product: productSchema,
  /**
   * One box per unit of stock (at least one per filled box), but at most filledBoxes +
   * MAX_EMPTY_GRID_BOXES, so it may be fewer than product.stockLevel (serialGridShape).
   */
  totalBoxes: count,
  /** Boxes [filledBoxes, totalBoxes) are empty. */
  filledBoxes: count,
  boxes: z.array(gridBoxSchema),
});

export const gridEditSchema = z.object({
  box: count,
  /** The identifier shown in this box when the grid was read, or null for an empty box. */
  identifierId: id.nullable(),
  value: rawBoxText,
  /**
   * Lot products only: the use-by date beside the lot as typed (YYYY-MM-DD, the bench locale's form or
   * GS1 YYMMDD), '' for none; absent leaves the date as it is. Other kinds refuse a date.
   */
  useBy: rawBoxText.optional(),
});
/** Names one grid save for its progress events and its Cancel (the screen makes it up: a UUID). */
export const gridSaveIdSchema = z.string().min(1).max(64);
export const saveSerialGridArgs = z.object({
  productId: id,
  edits: z.array(gridEditSchema).max(MAX_GRID_EDITS_PER_SAVE),
  /** With it, a long save reports progress on the change stream and cancelSerialGridSave stops it. */
  saveId: gridSaveIdSchema.optional(),
});
export const cancelSerialGridSaveArgs = z.object({ saveId: gridSaveIdSchema });
/** Answered once the save has ended: it was cancelled (nothing saved) unless it had finished first. */
export const cancelSerialGridSaveResult = z.object({ saveId: gridSaveIdSchema });
/**
 * A long grid save moving (at most every 100 ms, from its first 200 ms on): checking the boxes, then
 * writing the identifiers. Its end is the saveSerialGrid answer itself.
 */
export const gridSaveProgressSchema = z.object({
  saveId: gridSaveIdSchema,
  productId: id,
  phase: z.enum(['checking', 'saving']),
  done: count,
  total: count,
});
export const saveSerialGridResult = z.object({
  product: productSchema,
  added: count,
  changed: count,
  removed: count,
});

// ---------- orders ----------

export const orderSummarySchema = z.object({
  id,
  orderNumber: z.string(),
  customer: z.string(),
  status: z.enum(['awaiting', 'dispatched']),
  lineCount: count,
  unitsOrdered: count,
  unitsRemaining: count,
  /** Units still to dispatch on lines whose product has identifiers. */
  trackedUnitsRemaining: count,
  /** Of those, how many have no identifier allocated yet. */
  unitsMissingIdentifiers: count,
  createdAt: z.string(),
});

export { ORDER_LIST_PAGE } from './order-list-page.js';

export const listAwaitingOrdersArgs = z.object({
  query: searchText.default(''),
  offset: count.default(0),
  limit: pageLimit.default(100),
});
export const listAwaitingOrdersResult = z.object({ total: count, items: z.array(orderSummarySchema) });

/**
 * Most order ids one "which of these still await" read (listAwaitingOrderIds' `among`) asks about: a
 * selection can be a select-all of every order the bench lists, which it is sized for at 50,000
 * (docs/architecture.md), so twice that with headroom; some 1.4 MB of JSON, well inside the host's limit.
 */
export const MAX_AMONG_ORDER_IDS = 200_000;
/** among: only these ids are answered (which of the selected orders still await), not every awaiting order's. */
export const listAwaitingOrderIdsArgs = z.object({
  query: searchText.default(''),
  among: z
    .array(id)
    .max(MAX_AMONG_ORDER_IDS, { message: `among asks about at most ${MAX_AMONG_ORDER_IDS.toLocaleString('en-US')} orders at once; ask in parts` })
    .optional(),
});
export const listAwaitingOrderIdsResult = z.object({ ids: z.array(id) });

/** ignoreCase: with no exact match, the one order whose number matches ignoring (ASCII) case, as the search does. */
export const findOrderByNumberArgs = z.object({ orderNumber: z.string().min(1).max(200), ignoreCase: z.boolean().optional() });
/** caseVariants: with ignoreCase, the numbers that match ignoring case when several do (none is chosen); else empty. */
export const findOrderByNumberResult = z.object({ order: orderSummarySchema.nullable(), caseVariants: z.array(z.string()) });

/**
 * useBy: a lot's use-by date (YYYY-MM-DD): for a dispatched unit the one it had when it went out, else
 * the lot's date now; null for an undated lot or another kind.
 */
export const allocationSchema = z.object({ unit: z.number().int().positive(), identifierId: id, value: z.string(), dispatched: z.boolean(), useBy: useByDateSchema.nullable() });

export const orderLineSchema = z.object({
  lineId: id,
  lineNo: z.number().int().positive(),
  productId: id,
  sku: z.string(),
  title: z.string(),
  identifierMode: identifierModeSchema,
  /** use_by: the identifiers are dates (YYYY-MM-DD), shown in the bench's locale as the slip prints them. */
  identifierKind: identifierKindSchema,
  stockLevel: count,
  ordered: count,
  dispatched: count,
  remaining: count,
  allocations: z.array(allocationSchema),
});

export const orderDetailsSchema = orderSummarySchema.extend({
  lines: z.array(orderLineSchema),
  dispatches: z.array(
    z.object({
      dispatchId: id,
      at: z.string(),
      stationId: z.string(),
      /** What people call the dispatching station (the hub's name for it), or its id if unknown. */
      stationName: z.string(),
      /** useBy: beside each identifier, in the same order, its lot's use-by date when it went out (null for none). */
      lines: z.array(z.object({ lineId: id, sku: z.string(), quantity: count, identifiers: z.array(z.string()), useBy: z.array(useByDateSchema.nullable()) })),
    }),
  ),
});

export const getOrderArgs = z.object({ orderId: id });

// ---------- allocation ----------

/** Most units one getAllocationUnits call reads; the dialog reads a line's units in such pages. */
export const ALLOCATION_UNITS_PAGE_MAX = 1000;
/** Units per page the sheet and the dialog use (the sheet carries each line's first pages). */
export const ALLOCATION_UNITS_PAGE = 100;
/** Most boxes one saveAllocations call takes; the dialog sends more in several calls. */
export const MAX_ALLOCATIONS_PER_SAVE = 100_000;

const unitNumber = z.number().int().positive();

/**
 * A unit still to dispatch that has an identifier. Units without one are simply absent. useBy: a dated
 * lot's use-by date (lot products, issue 12), so the dialog can flag a saved lot that expires while it is
 * open; absent for an undated lot and for other kinds (a use-by product's value is its date).
 */
export const allocatedUnitSchema = z.object({ unit: unitNumber, identifierId: id, value: z.string(), useBy: useByDateSchema.nullable().optional() });

/**
 * First-expiring-first pre-selection (issue 12) for one empty unit: computed by the core over the
 * whole line (and the lines of the same product before it in the dialog), read a page at a time.
 * useBy: the date the pick expires (a use-by value itself, or a lot's date).
 */
export const fefoPickSchema = z.object({ unit: unitNumber, identifierId: id, value: z.string(), useBy: z.string() });

/**
 * The sheet lists lines, never one entry per unit: a line may hold a million units. Units
 * dispatched+1..quantity are the boxes; the allocations of the first ones come along
 * (through `allocationsThrough`), the rest are read a page at a time with getAllocationUnits.
 */
export const allocationSheetLineSchema = z.object({
  lineId: id,
  lineNo: z.number().int().positive(),
  productId: id,
  sku: z.string(),
  title: z.string(),
  identifierMode: z.enum(['single_use', 'multiple_use']),
  /** use_by: values are YYYY-MM-DD dates, allocated first-expiring-first; expired ones are refused. */
  identifierKind: identifierKindSchema,
  /** use_by only: fewer days left than this are refused too. */
  minShelfLifeDays: minShelfLifeDaysSchema.nullable(),
  quantity: count,
  dispatched: count,
  /** Units still to dispatch that have an identifier. */
  allocated: count,
  /** The first unit still to dispatch without an identifier; null when all have one. */
  firstEmptyUnit: unitNumber.nullable(),
  /** Every allocation of units dispatched+1..allocationsThrough (the rest: getAllocationUnits). */
  allocations: z.array(allocatedUnitSchema),
  allocationsThrough: count,
  /**
   * Lines allocated first-expiring-first (use-by products, and lot products with dated lots): where this
   * line's empty units start in its product's FEFO sequence across the sheet (pass it to
   * getAllocationUnits), and the picks for its empty units through allocationsThrough.
   */
  fefoOffset: count.optional(),
  fefo: z.array(fefoPickSchema).optional(),
  /**
   * FEFO lines: what "Save Changes" / "Complete Order" with fefoFill gives the line's empty units as the
   * sheet was read, over every unit (also those never shown): how many units take a value, the use-by
   * dates of the first and last taken, and how many are left empty (nothing usable left); for a lot
   * product with units left empty, whether it has lots on hand with no use-by date (never filled in).
   */
  fefoPlan: z
    .object({ units: count, firstUseBy: z.string().nullable(), lastUseBy: z.string().nullable(), short: count, undatedLotsLeft: z.boolean().optional() })
    .optional(),
});

export const allocationSheetSchema = z.object({
  orders: z.array(
    z.object({
      orderId: id,
      orderNumber: z.string(),
      customer: z.string(),
      lines: z.array(allocationSheetLineSchema),
      /**
       * Products of the order's lines still to dispatch that take no identifiers (None), so left out of
       * `lines`: a change to one may give its line boxes, so the dialog watches them too.
       */
      untrackedProductIds: z.array(id),
    }),
  ),
});

/**
 * Most orders one getAllocationSheet read or one save's fefoFill covers: the renderer reads a larger
 * selection's sheet in parts of this many (load-sheet.ts).
 */
export const MAX_ORDERS_PER_ALLOCATION_CALL = 5_000;
const allocationOrderIds = z
  .array(id)
  .min(1)
  .max(MAX_ORDERS_PER_ALLOCATION_CALL, { message: `orderIds takes at most ${MAX_ORDERS_PER_ALLOCATION_CALL.toLocaleString('en-US')} orders at once; ask in parts` });
export const getAllocationSheetArgs = z.object({ orderIds: allocationOrderIds });

/**
 * Most orders one getDispatchedUnits read asks about: the allocation dialog reads its orders (any
 * number) in parts of this many, as it reads their sheet.
 */
export const MAX_ORDERS_PER_DISPATCHED_UNITS_READ = 5_000;
/** The orders whose dispatched units to read (each once; an unknown id is refused by name). */
export const getDispatchedUnitsArgs = z.object({
  orderIds: z
    .array(id)
    .min(1)
    .max(MAX_ORDERS_PER_DISPATCHED_UNITS_READ, {
      message: `orderIds takes at most ${MAX_ORDERS_PER_DISPATCHED_UNITS_READ.toLocaleString('en-US')} orders at once; ask in parts`,
    }),
});
/**
 * How many units of each line are dispatched (units 1..dispatched of the line), for the orders asked
 * about that have any: an awaiting order with nothing dispatched, and a line with nothing dispatched, are
 * left out, so a dialog of thousands of awaiting orders reads next to nothing. An order no longer
 * awaiting is always there (with no lines when the hub took them all away). In order id, then line, order.
 */
export const getDispatchedUnitsResult = z.object({
  orders: z.array(
    z.object({
      orderId: id,
      status: z.enum(['awaiting', 'dispatched']),
      lines: z.array(z.object({ lineId: id, dispatched: z.number().int().positive() })),
    }),
  ),
});

export const getAllocationUnitsArgs = z.object({
  lineId: id,
  fromUnit: unitNumber.max(MAX_LINE_QUANTITY),
  limit: z.number().int().min(1).max(ALLOCATION_UNITS_PAGE_MAX).default(ALLOCATION_UNITS_PAGE),
  /** The line's fefoOffset from the sheet: asks for the FEFO picks of the page's empty units too. */
  fefoOffset: count.optional(),
});
/** Allocations of units fromUnit..fromUnit+limit-1 not yet dispatched; units without one are absent. */
export const getAllocationUnitsResult = z.object({
  lineId: id,
  quantity: count,
  dispatched: count,
  allocations: z.array(allocatedUnitSchema),
  /** With fefoOffset: first-expiring-first picks for the page's empty units (units with none usable are absent). */
  fefo: z.array(fefoPickSchema).optional(),
});

export const candidateSchema = z.object({
  identifierId: id,
  value: z.string(),
  status: identifierStatusSchema,
  /** Lot products (issue 12): the lot's use-by date, YYYY-MM-DD; null or absent for none. */
  useBy: z.string().nullable().optional(),
  /** Single-use values already allocated: where (so the picker can warn). */
  inUseBy: z
    .object({ orderId: id, orderNumber: z.string(), lineId: id, unit: z.number().int().positive() })
    .nullable(),
  /** getCandidates only: a dispatched (consumed) value's order as this bench knows it, null when unknown (dispatched elsewhere, told by sync). */
  dispatchedWith: z.string().nullable().optional(),
});

/** Most rows a type-ahead answer reads ahead for each next character (see searchCandidatesArgs.lookahead). */
export const MAX_LOOKAHEAD_ROWS = 50;
/** Most next characters a type-ahead answer reads ahead for (digits, letters, a few separators). */
export const MAX_LOOKAHEAD_BRANCHES = 40;

export const searchCandidatesArgs = z.object({
  productId: id,
  query: searchText.default(''),
  limit: z.number().int().min(1).max(500).default(50),
  /**
   * Type-ahead: when more than `limit` values start with the query, also the first `lookahead`
   * values for each next character that follows it, so the picker can show the next keystroke's
   * options without asking again. 0 (the default): none.
   */
  lookahead: z.number().int().min(0).max(MAX_LOOKAHEAD_ROWS).default(0),
});
/** The values starting with `query` (one character longer than the search's): the first ones, and whether there are more. */
export const candidateBranchSchema = z.object({ query: searchText, items: z.array(candidateSchema), more: z.boolean() });
export const searchCandidatesResult = z.object({
  items: z.array(candidateSchema),
  more: z.boolean(),
  /** With `lookahead` and more values than `limit`: a branch for each of the first MAX_LOOKAHEAD_BRANCHES next characters, in value order. */
  next: z.array(candidateBranchSchema).max(MAX_LOOKAHEAD_BRANCHES).optional(),
});

/** Most identifiers one getCandidates asks about: the values a packer put in an open dialog's boxes. */
export const MAX_CANDIDATES_BY_ID = 200;
/** The identifiers named, as candidates are (where each is in use now): one read for many boxes, not one per box. */
export const getCandidatesArgs = z.object({ identifierIds: z.array(id).min(1).max(MAX_CANDIDATES_BY_ID) });
export const getCandidatesResult = z.object({ items: z.array(candidateSchema) });

/** One box as the packer left it: a value to allocate, or null (or blank) to clear the unit. */
export const allocationEntrySchema = z.object({ lineId: id, unit: z.number().int().positive(), value: rawBoxText.nullable() });
/** A unit the packer left empty on purpose (cleared): fefoFill leaves it empty. */
export const unitRefSchema = z.object({ lineId: id, unit: z.number().int().positive() });
/**
 * First-expiring-first for every unit (issue 12): after saving the boxes, in the same transaction, every
 * still-empty unit of the FEFO lines (use-by products, lot products' dated lots) of `orderIds` takes the
 * next usable value in expiry order (never an expired one, nor one under the product's minimum shelf
 * life), as the dialog's pre-selection would, so units on pages never shown get theirs too.
 */
export const fefoFillSchema = z.object({
  orderIds: allocationOrderIds,
  keepEmpty: z.array(unitRefSchema).max(MAX_ALLOCATIONS_PER_SAVE).default([]),
});
export const saveAllocationsArgs = z
  .object({
    allocations: z.array(allocationEntrySchema).max(MAX_ALLOCATIONS_PER_SAVE),
    fefoFill: fefoFillSchema.optional(),
  })
  .refine((a) => a.allocations.length > 0 || a.fefoFill !== undefined, { message: 'nothing to save: no boxes and no fefoFill', path: ['allocations'] });
export const saveAllocationsResult = z.object({
  set: count,
  cleared: count,
  unchanged: count,
  /** With fefoFill: the empty units that took a first-expiring value, and those left empty (none usable). */
  fefoFilled: count.optional(),
  fefoShort: count.optional(),
});

// ---------- dispatch ----------

export const completeOrderArgs = z.object({
  orderId: id,
  lines: z.array(z.object({ lineId: id, quantity: count })).min(1),
  /**
   * Boxes saved with the completion, in the same transaction ("Complete Order" in the allocation
   * dialog): when the order cannot be completed as entered, none of them is saved either.
   */
  allocations: z.array(allocationEntrySchema).max(MAX_ALLOCATIONS_PER_SAVE).optional(),
  /**
   * After those boxes, before the check for missing identifiers: the order's FEFO lines' empty units take
   * first-expiring values (see fefoFillSchema; the order's own lines only, orderIds is not asked).
   */
  fefoFill: z.object({ keepEmpty: z.array(unitRefSchema).max(MAX_ALLOCATIONS_PER_SAVE).default([]) }).optional(),
});

export const missingIdentifierSchema = z.object({
  orderId: id,
  orderNumber: z.string(),
  lineId: id,
  sku: z.string(),
  unit: z.number().int().positive(),
});

/** At most this many missing units are listed by name; `missingCount` says how many there are. */
export const MAX_MISSING_LISTED = 100;

export const completeOrderResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('dispatched'), dispatchId: id, order: orderDetailsSchema }),
  z.object({
    status: z.literal('identifiers_needed'),
    /** The first missing units, in line and unit order (at most MAX_MISSING_LISTED). */
    missing: z.array(missingIdentifierSchema).max(MAX_MISSING_LISTED),
    missingCount: count,
  }),
]);

// ---------- import, demo, lookup, info ----------

export const csvFileSchema = z.object({
  name: z.string().min(1).max(255),
  content: z.string().max(200 * 1024 * 1024),
});
/** How the files' D/M/YYYY dates are read: the date order of the screen that sends them (else the bench process's). */
export const importDateOrderSchema = z.enum(DATE_ORDERS).optional();
export const importCsvArgs = z.object({ files: z.array(csvFileSchema).min(1).max(10), dateOrder: importDateOrderSchema });
export const importSummarySchema = z.object({
  files: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['products', 'identifiers', 'orders']),
      rows: count,
      added: count,
      updated: count,
      unchanged: count,
    }),
  ),
});

export const loadDemoDataArgs = z.object({}).default({});

/**
 * The units of one identifier a lookup lists (a lot may be in thousands of orders); the rest are
 * counted, and Recall lists and exports them all.
 */
export const MAX_LOOKUP_ORDERS = 200;

/**
 * The identifiers equal ignoring case a lookup that found nothing suggests (a packer typing by hand
 * may have the case wrong): a few to pick from, not a search.
 */
export const MAX_LOOKUP_SUGGESTIONS = 5;

export const lookupIdentifierArgs = z.object({
  value: rawBoxText,
  /**
   * Identifier Lookup's own: a miss also answers the identifiers equal to it ignoring case. Left out by
   * the checks of a scan (a serial scanned into the grid, an allocation box, a scan outside any box),
   * which miss on every new serial: there a long value was compared with every identifier, per scan.
   */
  suggest: z.boolean().optional(),
});
export const lookupIdentifierResult = z.object({
  value: z.string(),
  matches: z.array(
    z.object({
      identifierId: id,
      productId: id,
      sku: z.string(),
      title: z.string(),
      identifierMode: identifierModeSchema,
      /** What the product's values are (serial numbers, lots, use-by dates): the mode alone reads as serial numbers for all. */
      identifierKind: identifierKindSchema,
      status: identifierStatusSchema,
      /** Lot products (issue 12): the lot's use-by date, YYYY-MM-DD; absent for none. */
      useBy: z.string().optional(),
      orders: z.array(
        z.object({
          orderId: id,
          orderNumber: z.string(),
          customer: z.string(),
          /** The order line: one product may be on several lines of an order, each with its unit 1. */
          lineNo: z.number().int().positive(),
          unit: z.number().int().positive(),
          dispatched: z.boolean(),
          at: z.string(),
          /** The station that dispatched the unit, by name (null while it is only allocated). */
          dispatchedBy: z.string().nullable(),
        }),
      ),
      /** Units allocated or dispatched with this identifier beyond the first MAX_LOOKUP_ORDERS listed; absent for none. */
      ordersLeftOff: z.number().int().positive().optional(),
    }),
  ),
  /**
   * Only when asked (`suggest`) and no identifier is `value` exactly (empty otherwise): the identifiers equal to it ignoring
   * case, each with its product's SKU, by value then SKU. The look-up itself stays exact.
   */
  suggestions: z.array(z.object({ value: z.string(), sku: z.string() })).max(MAX_LOOKUP_SUGGESTIONS),
});

export const getBenchInfoArgs = z.object({}).default({});
export const benchInfoSchema = z.object({
  stationId: z.string(),
  stationName: z.string(),
  productCount: count,
  awaitingOrderCount: count,
  schemaVersion: count,
});
