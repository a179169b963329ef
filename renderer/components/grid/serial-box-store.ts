/**
 * The state behind a serial entry grid: which boxes exist, the pages read from the core so far,
 * the packer's local edits and the problems marked on boxes. Framework-free so it can be tested
 * alone; React subscribes through `subscribe`/`getVersion`.
 *
 * Boxes [0, filledBoxes) hold identifiers the core knows (their pages are fetched on demand);
 * boxes [filledBoxes, totalBoxes) are empty, so an empty box is known without any fetch.
 */
import type { GridBox, GridEdit } from '../../../shared/contract/api.js';
import { isBlankInput, trimScannerInput } from '../../../shared/domain/identifier-value.js';

export interface GridPage {
  totalBoxes: number;
  filledBoxes: number;
  boxes: GridBox[];
}

/** Reads `limit` boxes from `offset`; resolves null when the read failed (the store retries later). */
export type PageLoader = (offset: number, limit: number) => Promise<GridPage | null>;

export interface BoxView {
  value: string;
  /** False while the box's identifier has not been read yet (it is then shown read-only). */
  loaded: boolean;
  locked: boolean;
  status: GridBox['status'];
  useCount: number;
  edited: boolean;
  /** Why the last save refused this box, or null. */
  problem: string | null;
  /** Lot products (issue 12): the lot's use-by date as shown (stored YYYY-MM-DD, or as typed); '' for none. */
  useBy: string;
}

import { identifierNouns, type IdentifierSpec } from '../../../shared/identifiers/kinds.js';
import { entryCheck } from './identifier-rules.js';
export interface SerialBoxStoreOptions {
  totalBoxes: number;
  filledBoxes: number;
  pageSize?: number;
  loader?: PageLoader;
  /** Boxes already read (e.g. the first page, fetched to learn the grid's size). */
  initialBoxes?: GridBox[];
  /** The product's identifier kind and format (issue 12): boxes are checked against them at once. */
  identifierSpec?: IdentifierSpec;
  /** Turns a typed lot date into YYYY-MM-DD for saving ('' for none); one left as typed is refused by the core. */
  normaliseDate?: (raw: string) => string | null;
}

/** An empty box of a single-use product, named as its kind names its values ("Enter a lot number: …"). */
export function emptyBoxProblem(spec: IdentifierSpec | undefined): string {
  return `Enter ${identifierNouns(spec?.identifierKind).aOne}: single-use products need one in every box.`;
}
const DEFAULT_PAGE_SIZE = 250;
const MAX_PARALLEL_LOADS = 2;

export class SerialBoxStore {
  readonly totalBoxes: number;
  readonly filledBoxes: number;
  readonly pageSize: number;
  readonly identifierSpec: IdentifierSpec | undefined;
  private readonly loader: PageLoader | undefined;
  private readonly boxes = new Map<number, GridBox>();
  private readonly loadedPages = new Set<number>();
  private readonly loadingPages = new Map<number, Promise<void>>();
  /** Pages the view wants now; stale wants are dropped so fast scrolling does not queue work. */
  private wantedPages: number[] = [];
  /** The boxes the view last showed, [from, to). */
  private viewed = { from: 0, to: 0 };
  private readonly edits = new Map<number, string>();
  /** Lot products: the use-by dates typed or scanned beside the lots, by box. */
  private readonly dateEdits = new Map<number, string>();
  private readonly normaliseDate: ((raw: string) => string | null) | undefined;
  private readonly problems = new Map<number, string>();
  private markEmptyBoxes = false;
  private readonly listeners = new Set<() => void>();
  /** Per-box listeners and views: a keystroke re-renders the box it changed, not the list. */
  private readonly boxListeners = new Map<number, Set<() => void>>();
  private readonly views = new Map<number, BoxView>();
  private version = 0;
  /** Which boxes hold each value (trimmed), among boxes read or edited: repeats found at scan time. */
  private readonly holders = new Map<string, Set<number>>();

  constructor(options: SerialBoxStoreOptions) {
    this.totalBoxes = options.totalBoxes;
    this.filledBoxes = options.filledBoxes;
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.identifierSpec = options.identifierSpec;
    this.loader = options.loader;
    this.normaliseDate = options.normaliseDate;
    if (options.initialBoxes) this.acceptBoxes(options.initialBoxes);
  }

  // ---------- subscription ----------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** Listens to one box: called when what it shows changes. */
  subscribeBox = (index: number, listener: () => void): (() => void) => {
    let set = this.boxListeners.get(index);
    if (!set) this.boxListeners.set(index, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.boxListeners.delete(index);
    };
  };

  /** Something changed: `boxes` lists the boxes it touched, or 'all' (problems marked on every box). */
  private changed(boxes: Iterable<number> | 'all'): void {
    this.version++;
    if (boxes === 'all') this.views.clear();
    else for (const box of boxes) this.views.delete(box);
    for (const listener of [...this.listeners]) listener();
    if (boxes === 'all') {
      for (const set of [...this.boxListeners.values()]) for (const listener of [...set]) listener();
    } else {
      for (const box of boxes) for (const listener of [...(this.boxListeners.get(box) ?? [])]) listener();
    }
  }

  // ---------- reading boxes ----------

  /** What box `index` shows; the same object until the box changes (memoised rows compare it). */
  box(index: number): BoxView {
    let view = this.views.get(index);
    if (!view) {
      view = this.readBox(index);
      this.views.set(index, view);
    }
    return view;
  }

  private readBox(index: number): BoxView {
    const known = this.boxes.get(index);
    const loaded = index >= this.filledBoxes || known !== undefined;
    const original = known?.value ?? '';
    const edit = this.edits.get(index);
    const value = edit ?? original;
    const dateEdit = this.dateEdits.get(index);
    return {
      value,
      loaded,
      locked: known?.locked ?? false,
      status: known?.status ?? null,
      useCount: known?.useCount ?? 0,
      edited: edit !== undefined,
      problem: this.problemOf(index, value),
      useBy: dateEdit ?? known?.useBy ?? '',
    };
  }

  private problemOf(index: number, value: string): string | null {
    const problem = this.problems.get(index);
    if (problem !== undefined) return problem;
    return this.markEmptyBoxes && this.isEmpty(index) && isBlankInput(value) ? emptyBoxProblem(this.identifierSpec) : null;
  }

  /** Whether the box is empty, known without fetching: filled boxes only empty when edited so. */
  isEmpty(index: number): boolean {
    const edit = this.edits.get(index);
    if (edit !== undefined) return isBlankInput(edit);
    return index >= this.filledBoxes;
  }

  /** The first empty box after `index` (wrapping to the start), or null when none is empty. */
  nextEmptyAfter(index: number): number | null {
    return this.firstEmptyIn(index + 1, this.totalBoxes) ?? this.firstEmptyIn(0, Math.min(index + 1, this.totalBoxes));
  }

  private firstEmptyIn(from: number, to: number): number | null {
    if (from >= to) return null;
    // Below filledBoxes only edited boxes can be empty, so look at the edits instead of every box.
    let best: number | null = null;
    if (from < this.filledBoxes) {
      for (const [box, raw] of this.edits) {
        if (box >= from && box < Math.min(to, this.filledBoxes) && isBlankInput(raw) && (best === null || box < best)) best = box;
      }
      if (best !== null) return best;
    }
    for (let box = Math.max(from, this.filledBoxes); box < to; box++) {
      const edit = this.edits.get(box);
      if (edit === undefined || isBlankInput(edit)) return box;
    }
    return null;
  }

  /** Counts empty boxes from the edits alone (no fetch needed). */
  emptyCount(): number {
    let empty = this.totalBoxes - this.filledBoxes;
    for (const [box, raw] of this.edits) {
      const blank = isBlankInput(raw);
      if (box < this.filledBoxes && blank) empty++;
      if (box >= this.filledBoxes && !blank) empty--;
    }
    return empty;
  }

  /** Up to `limit` empty boxes in order. */
  emptyBoxes(limit: number): number[] {
    return this.emptyBoxesFrom(0, limit);
  }

  /** Up to `limit` empty boxes from `start` on (no wrapping), in order; known without fetching. */
  emptyBoxesFrom(start: number, limit: number): number[] {
    const found: number[] = [];
    let box = start - 1;
    while (found.length < limit) {
      const next = this.firstEmptyIn(box + 1, this.totalBoxes);
      if (next === null) break;
      found.push(next);
      box = next;
    }
    return found;
  }

  /** Every value the store holds (read or edited), with its box; unread pages are not included. */
  *heldValues(): Generator<{ box: number; value: string }> {
    for (const [box, known] of this.boxes) {
      if (!this.edits.has(box)) yield { box, value: known.value };
    }
    for (const [box, value] of this.edits) yield { box, value };
  }

  /** The lowest box other than `except` known to hold `value` (trimmed; a use-by date in any form it is read in), or null. */
  holderOf(value: string, except: number): number | null {
    let found: number | null = null;
    for (const box of this.holders.get(this.holderKey(value)) ?? []) {
      if (box !== except && (found === null || box < found)) found = box;
    }
    return found;
  }

  /** Every box known to hold `value` (as `holderOf` reads it), in box order. */
  holdersOf(value: string): number[] {
    return [...(this.holders.get(this.holderKey(value)) ?? [])].sort((a, b) => a - b);
  }

  /** The key two values share when they are one serial number (trimmed; one use-by date in any form); '' for blank. */
  valueKey(raw: string): string {
    return this.holderKey(raw);
  }

  /** Whether every filled box has been read, so `holderOf` knows every value of the product. */
  get allRead(): boolean {
    return this.boxes.size >= this.filledBoxes;
  }

  /** Whether the box of identifier `identifierId` has been read (its value is then in `holderOf`). */
  hasRead(identifierId: number): boolean {
    for (const known of this.boxes.values()) if (known.identifierId === identifierId) return true;
    return false;
  }

  private effectiveValue(box: number): string {
    return this.edits.get(box) ?? this.boxes.get(box)?.value ?? '';
  }

  /** Boxes are indexed by the value as it is saved: "270331" and "31/03/2027" are one use-by date. */
  private holderKey(raw: string): string {
    const trimmed = trimScannerInput(raw);
    return trimmed ? this.valueForSave(trimmed) : '';
  }

  private unindex(box: number): void {
    const value = this.holderKey(this.effectiveValue(box));
    const set = value ? this.holders.get(value) : undefined;
    if (!set) return;
    set.delete(box);
    if (set.size === 0) this.holders.delete(value);
  }

  private reindex(box: number): void {
    const value = this.holderKey(this.effectiveValue(box));
    if (!value) return;
    let set = this.holders.get(value);
    if (!set) this.holders.set(value, (set = new Set()));
    set.add(box);
  }

  private writeEdit(box: number, raw: string): void {
    this.unindex(box);
    const original = this.boxes.get(box)?.value ?? '';
    // Spaces in an empty box leave it empty: no change to count, ask about or save.
    if (raw === original || (isBlankInput(raw) && isBlankInput(original))) this.edits.delete(box);
    else this.edits.set(box, raw);
    this.reindex(box);
  }

  /** The value box `index` has as saved (read from the core), '' for a box not filled or not read. */
  savedValue(index: number): string {
    return this.boxes.get(index)?.value ?? '';
  }

  /** Whether the packer changed the value of box `index` (not only its date). */
  isEdited(index: number): boolean {
    return this.edits.has(index);
  }

  /** Boxes whose value or date was changed. */
  get editCount(): number {
    let count = this.edits.size;
    for (const box of this.dateEdits.keys()) if (!this.edits.has(box)) count++;
    return count;
  }

  /** The date edits (lot products), box → text as typed. */
  dateEditEntries(): IterableIterator<[number, string]> {
    return this.dateEdits.entries();
  }

  /** The use-by date typed into box `box`, or undefined when its date was not edited. */
  dateEditOf(box: number): string | undefined {
    return this.dateEdits.get(box);
  }

  /**
   * The edits in the shape the core's saveSerialGrid takes: box, the identifier shown, new text, and
   * for a box whose lot date changed, `useBy` (YYYY-MM-DD where it reads as a date, '' for none).
   */
  editsForSave(): GridEdit[] {
    const boxes = new Set([...this.edits.keys(), ...this.dateEdits.keys()]);
    return [...boxes]
      .sort((a, b) => a - b)
      .map((box) => {
        const known = this.boxes.get(box);
        const typed = this.edits.get(box);
        const edit: GridEdit = { box, identifierId: known?.identifierId ?? null, value: typed !== undefined ? this.valueForSave(typed) : (known?.value ?? '') };
        const date = this.dateEdits.get(box);
        if (date !== undefined) edit.useBy = this.normaliseDate?.(date) ?? date;
        return edit;
      });
  }

  /**
   * A typed value as it goes to the core: a use-by date read in this page's locale is sent as
   * YYYY-MM-DD, so the core (whose process may have another locale) stores the date the packer saw
   * checked; anything else goes as typed (the core checks it and names what is wrong).
   */
  valueForSave(raw: string): string {
    if (this.identifierSpec?.identifierKind !== 'use_by') return raw;
    const check = entryCheck(raw, this.identifierSpec);
    return check.ok ? check.value : raw;
  }

  /** The effective text of every box in order; for small local grids (new units of stock, single use). */
  allValues(): string[] {
    return Array.from({ length: this.totalBoxes }, (_, box) => this.effectiveValue(box));
  }

  /** The boxes holding a value (read or typed), in box order: what the filled boxes send, never one entry per empty box. */
  filledValues(): Array<{ box: number; value: string }> {
    return [...this.heldValues()].filter(({ value }) => !isBlankInput(value)).sort((a, b) => a.box - b.box);
  }

  // ---------- editing ----------

  /** Whether the packer may type into the box now. */
  isEditable(index: number): boolean {
    if (index < 0 || index >= this.totalBoxes) return false;
    const view = this.box(index);
    return view.loaded && !view.locked;
  }

  setValue(index: number, raw: string): void {
    if (!this.isEditable(index)) return;
    this.writeEdit(index, raw);
    this.problems.delete(index);
    this.changed([index]);
  }

  /** Lot products: the use-by date beside the lot in box `index`, as typed or scanned. */
  setUseBy(index: number, raw: string): void {
    if (!this.isEditable(index)) return;
    this.writeDateEdit(index, raw);
    this.problems.delete(index);
    this.changed([index]);
  }

  private writeDateEdit(box: number, raw: string): void {
    const stored = this.boxes.get(box)?.useBy ?? '';
    if (raw === stored) this.dateEdits.delete(box);
    else this.dateEdits.set(box, raw);
  }

  /** A date refused at once: back to the stored date, and the box says why. */
  refuseDate(index: number, message: string): void {
    this.dateEdits.delete(index);
    this.problems.set(index, message);
    this.changed([index]);
  }

  /**
   * A scan refused at once: the box goes back to `held`, what it held before the scan (null: its saved
   * value, '' for an empty box; never emptied, which for a saved value would be its removal at the next
   * save), and says why.
   */
  refuse(index: number, message: string, held: string | null = null): void {
    if (this.isEditable(index)) this.writeEdit(index, held ?? this.savedValue(index));
    this.problems.set(index, message);
    this.changed([index]);
  }

  /** How many of the boxes from `start` down a pasted column could fill (locked ones skipped), counting up to `limit`. */
  roomFrom(start: number, limit: number): number {
    let room = 0;
    for (let box = start; box < this.totalBoxes && room < limit; box++) {
      const view = this.box(box);
      if (!view.loaded) break;
      if (!view.locked) room++;
    }
    return room;
  }

  /** The boxes `fillFrom(start, values)` would write `count` values into (locked ones skipped; none past a box not read). */
  fillTargets(start: number, count: number): number[] {
    const targets: number[] = [];
    for (let box = start; targets.length < count && box < this.totalBoxes; box++) {
      const view = this.box(box);
      if (!view.loaded) break;
      if (!view.locked) targets.push(box);
    }
    return targets;
  }

  /**
   * Writes values into the editable boxes from `start` down, skipping locked ones (a pasted column).
   * Stops at a box not read yet (see loadForFill). Returns the boxes written and the values left over.
   */
  fillFrom(start: number, values: readonly string[]): { first: number | null; last: number | null; leftOver: number; boxes: number[] } {
    let box = start;
    let first: number | null = null;
    let last: number | null = null;
    let used = 0;
    const written: number[] = [];
    for (; used < values.length && box < this.totalBoxes; box++) {
      const view = this.box(box);
      if (!view.loaded) break;
      if (view.locked) continue;
      this.writeEdit(box, values[used++]!);
      this.problems.delete(box);
      written.push(box);
      first ??= box;
      last = box;
    }
    if (first !== null) this.changed(written);
    return { first, last, leftOver: values.length - used, boxes: written };
  }

  /**
   * Writes `values[i]` into `boxes[i]` (a range: the boxes were empty), with one change notice; for a
   * lot product's range, `useBy` (as typed, '' for none) becomes every written box's use-by date.
   */
  fillBoxes(boxes: readonly number[], values: readonly string[], useBy?: string): void {
    const written: number[] = [];
    boxes.forEach((box, i) => {
      if (!this.isEditable(box) || values[i] === undefined) return;
      this.writeEdit(box, values[i]);
      if (useBy !== undefined) this.writeDateEdit(box, useBy);
      this.problems.delete(box);
      written.push(box);
    });
    this.changed(written);
  }

  // ---------- problems from the last save ----------

  /** Marks boxes refused by a save; `markEmpty` also marks every box that is still empty. */
  setProblems(problems: ReadonlyMap<number, string>, markEmpty: boolean): void {
    this.problems.clear();
    for (const [box, message] of problems) this.problems.set(box, message);
    this.markEmptyBoxes = markEmpty;
    this.changed('all');
  }

  /** Box `index` passes the checks that marked it again (e.g. the box it repeated was changed): unmarked. */
  clearProblem(index: number): void {
    if (!this.problems.delete(index)) return;
    this.changed([index]);
  }

  /** Whether box `index` is marked by the last save (a problem set on it, or its emptiness when every box needs a value). */
  hasProblem(index: number): boolean {
    return this.box(index).problem !== null;
  }

  clearProblems(): void {
    if (!this.problems.size && !this.markEmptyBoxes) return;
    this.problems.clear();
    this.markEmptyBoxes = false;
    this.changed('all');
  }

  // ---------- paging ----------

  private pageOf(index: number): number {
    return Math.floor(index / this.pageSize);
  }

  /**
   * The pages in view (or last in view) beyond the first that were read from the core, and what each
   * held when read (not as edited): what a change elsewhere is looked for in. Pages scrolled far from
   * are not read again for it (a large grid may have hundreds); the core refuses a save they made stale.
   */
  pagesInViewBeyondFirst(): Array<{ offset: number; boxes: GridBox[] }> {
    const pages = new Set<number>();
    const end = Math.min(this.viewed.to, this.filledBoxes);
    for (let page = Math.max(1, this.pageOf(Math.max(0, this.viewed.from))); page * this.pageSize < end; page++) {
      if (this.boxes.has(page * this.pageSize)) pages.add(page);
    }
    return [...pages]
      .sort((a, b) => a - b)
      .map((page) => {
        const boxes: GridBox[] = [];
        for (let box = page * this.pageSize; box < Math.min((page + 1) * this.pageSize, this.filledBoxes); box++) {
          const known = this.boxes.get(box);
          if (known) boxes.push(known);
        }
        return { offset: page * this.pageSize, boxes };
      });
  }

  /** Takes boxes read from the core; returns the ones taken. */
  private acceptBoxes(boxes: readonly GridBox[]): number[] {
    const taken: number[] = [];
    for (const box of boxes) {
      if (box.box >= this.filledBoxes) continue;
      this.unindex(box.box);
      this.boxes.set(box.box, box);
      this.reindex(box.box);
      taken.push(box.box);
    }
    return taken;
  }

  /** Whether every filled box in [from, to) has been read. */
  isRangeLoaded(from: number, to: number): boolean {
    const end = Math.min(to, this.filledBoxes);
    for (let page = this.pageOf(from); page * this.pageSize < end; page++) {
      if (!this.isPageLoaded(page)) return false;
    }
    return true;
  }

  private isPageLoaded(page: number): boolean {
    if (this.loadedPages.has(page)) return true;
    const from = page * this.pageSize;
    const to = Math.min(from + this.pageSize, this.filledBoxes);
    for (let box = from; box < to; box++) if (!this.boxes.has(box)) return false;
    this.loadedPages.add(page);
    return true;
  }

  /** The view shows [from, to): fetch the pages it lacks, forgetting pages it no longer shows. */
  want(from: number, to: number): void {
    this.viewed = { from, to };
    const pages: number[] = [];
    const end = Math.min(to, this.filledBoxes);
    for (let page = this.pageOf(Math.max(0, from)); page * this.pageSize < end; page++) {
      if (!this.isPageLoaded(page)) pages.push(page);
    }
    this.wantedPages = pages;
    this.pump();
  }

  private pump(): void {
    while (this.loader && this.loadingPages.size < MAX_PARALLEL_LOADS) {
      const page = this.wantedPages.find((p) => !this.loadingPages.has(p) && !this.isPageLoaded(p));
      if (page === undefined) return;
      void this.startLoad(page); // whoever needs the page awaits it through loadRange
    }
  }

  private startLoad(page: number): Promise<void> {
    const running = this.loadingPages.get(page);
    if (running) return running;
    const loader = this.loader;
    if (!loader) return Promise.resolve();
    const load = loader(page * this.pageSize, this.pageSize)
      .then((result) => {
        if (result) this.changed(this.acceptBoxes(result.boxes));
      })
      .finally(() => {
        this.loadingPages.delete(page);
        this.wantedPages = this.wantedPages.filter((p) => p !== page || !this.isPageLoaded(p));
        this.pump();
      });
    this.loadingPages.set(page, load);
    return load;
  }

  /** Reads enough boxes from `start` to hold `count` values, locked boxes being skipped. */
  async loadForFill(start: number, count: number): Promise<boolean> {
    let end = Math.min(start + count, this.totalBoxes);
    for (;;) {
      if (!(await this.loadRange(start, end))) return false;
      let editable = 0;
      for (let box = start; box < end; box++) if (!this.box(box).locked) editable++;
      if (editable >= count || end >= this.totalBoxes) return true;
      end = Math.min(end + (count - editable), this.totalBoxes);
    }
  }

  /** Reads every page touching [from, to) (for a paste); true when all of them arrived. */
  async loadRange(from: number, to: number): Promise<boolean> {
    const end = Math.min(to, this.filledBoxes);
    const loads: Array<Promise<void>> = [];
    for (let page = this.pageOf(Math.max(0, from)); page * this.pageSize < end; page++) {
      if (!this.isPageLoaded(page)) loads.push(this.startLoad(page));
    }
    await Promise.all(loads);
    return this.isRangeLoaded(from, to);
  }
}
