/**
 * What the allocation dialog's boxes show, kept outside React so a scan re-renders only the boxes
 * it changes: the packer's edits, the values being checked with the core, refusals, the save's
 * issues and the single-use warnings. Each box has its own listeners and an immutable snapshot;
 * the dialog-wide parts (the alert, the warning count) have theirs.
 *
 * Checks at scan time use indexes kept up to date edit by edit (value → boxes, identifier →
 * boxes), and a change re-judges only the identifiers it touched, never every unit: a line may
 * hold a million units. "Save Changes" still checks everything again (findWarnings), and the core
 * has the last word.
 */
import type { AllocatedUnit } from '../../../../shared/contract/api.js';
import {
  boxByKey,
  conflictGiven,
  describeBox,
  dispatchedSinceText,
  findBox,
  inUseElsewhereText,
  parseBoxKey,
  sortKeys,
  type BoxRef,
  type Chosen,
  type Choices,
  type KnownAllocations,
  type SheetIndex,
} from './allocation-model.js';

export interface BoxSnapshot {
  /** The packer's edit, else what the core held (null while unread or empty). */
  chosen: Chosen | null;
  /** Text being checked with the core. */
  pendingText: string | null;
  /** A refusal, the save's issue or a warning, in that order. */
  message: string | null;
  /** Not a problem: something the packer may want to know about the value taken (e.g. an undated lot's label date). */
  note: string | null;
  /** Keys typed ahead of the box that paused before Enter/Tab: the box takes them once, as typing of its own. */
  draft: BoxDraft | null;
}

export interface BoxDraft {
  text: string;
  /** Its keys came at scanner speed: the rest of a scan held up on the way. */
  scanning: boolean;
}

type Listener = () => void;

interface Claim {
  message: string;
  /** Held by several boxes here (shown before "in use outside the dialog"). */
  duplicate: boolean;
}

/** The claim a box shows: a repeat in the dialog first, then the lowest identifier (as findWarnings). */
function shownClaim(claims: ReadonlyMap<number, Claim>): Claim | undefined {
  let best: [number, Claim] | undefined;
  for (const [id, claim] of claims) {
    if (!best || (claim.duplicate && !best[1].duplicate) || (claim.duplicate === best[1].duplicate && id < best[0])) best = [id, claim];
  }
  return best?.[1];
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

export class AllocationBoxStore {
  private readonly edits = new Map<string, Chosen | null>();
  /** Orders dispatched elsewhere, and their boxes' edits: still shown, never judged or saved. */
  private readonly goneOrders = new Set<number>();
  /** Lines with units dispatched elsewhere: their boxes through that unit are gone as an order's are. */
  private readonly goneThrough = new Map<number, number>();
  private readonly goneEdits = new Map<string, Chosen | null>();
  private readonly pending = new Map<string, string>();
  private readonly drafts = new Map<string, BoxDraft>();
  private readonly notices = new Map<string, string>();
  /** Polite notes about a box's value; the box's next choice clears its note. */
  private readonly notes = new Map<string, string>();
  private serverIssues: ReadonlyMap<string, string> = new Map();
  /** Boxes holding a value that may no longer go out (its use-by date passed while the dialog was open). */
  private readonly expiries = new Map<string, string>();
  /** The rule the last `flagValues` applied, applied too to the values of pages read after it. */
  private expiryRule: ((key: string, chosen: Chosen) => string | null) | null = null;
  /** The warning each box shows: its strongest claim (see `shownClaim`). */
  private readonly warnings = new Map<string, string>();
  /** Every identifier's judgement of a box; a box can be named by two (e.g. unread, yet named by the core). */
  private readonly claims = new Map<string, Map<number, Claim>>();
  private readonly claimedById = new Map<number, Set<string>>();

  // Indexes over what boxes hold now: edits, values read from the core (unedited), texts being checked.
  private readonly editedById = new Map<number, Set<string>>();
  private readonly editedByValue = new Map<string, Set<string>>();
  private readonly knownById = new Map<number, Set<string>>();
  private readonly knownByValue = new Map<string, Set<string>>();
  private readonly pendingByValue = new Map<string, Set<string>>();
  /** First-expiring picks (box → the identifier picked for it), told from the packer's own choices. */
  private readonly picks = new Map<string, number>();
  /** Per line, boxes empty when read that the packer settled: a value of their own, or emptied on purpose. */
  private readonly settledByLine = new Map<number, Set<string>>();

  private readonly snapshots = new Map<string, BoxSnapshot>();
  private readonly boxListeners = new Map<string, Set<Listener>>();
  private readonly listeners = new Set<Listener>();
  private readonly staleOptionsListeners = new Set<Listener>();
  private alertText: string | null = null;
  /** The box whose refusal the alert announces (undefined: a dialog-wide alert). */
  private alertBox: string | undefined;
  /** Counts alerts given: the same words given again are a new alert, said again. */
  private alertCount = 0;
  /** The last note, said politely in the dialog's status, and the box it is about. */
  private noteText: string | null = null;
  private noteBox: string | undefined;
  private version = 0;

  constructor(
    readonly index: SheetIndex,
    readonly known: KnownAllocations,
  ) {
    const ids = new Set<number>();
    for (const [key, chosen] of known.values) {
      this.indexKnown(key, chosen);
      ids.add(chosen.identifierId);
    }
    this.judge(ids);
  }

  // ---------- subscriptions ----------

  /** Listens to one box: called when what it shows changes. */
  subscribeBox = (key: string, listener: Listener): (() => void) => {
    addTo(this.boxListeners, key, listener);
    return () => removeFrom(this.boxListeners, key, listener);
  };

  /** Listens to the dialog-wide parts: the alert and the number of warnings. */
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** Listens for orders changed elsewhere: an open list's options may be taken or freed since it was read. */
  subscribeStaleOptions = (listener: Listener): (() => void) => {
    this.staleOptionsListeners.add(listener);
    return () => void this.staleOptionsListeners.delete(listener);
  };

  /** Orders changed elsewhere (the change stream): open lists read their options again. */
  optionsChangedElsewhere(): void {
    for (const listener of [...this.staleOptionsListeners]) listener();
  }

  snapshot(key: string): BoxSnapshot {
    let snapshot = this.snapshots.get(key);
    if (!snapshot) {
      snapshot = {
        chosen: this.goneEdits.has(key)
          ? (this.goneEdits.get(key) ?? null)
          : this.edits.has(key)
            ? (this.edits.get(key) ?? null)
            : (this.known.values.get(key) ?? null),
        pendingText: this.pending.get(key) ?? null,
        message: this.notices.get(key) ?? this.serverIssues.get(key) ?? this.expiries.get(key) ?? this.warnings.get(key) ?? null,
        note: this.notes.get(key) ?? null,
        draft: this.drafts.get(key) ?? null,
      };
      this.snapshots.set(key, snapshot);
    }
    return snapshot;
  }

  private notify(keys: Iterable<string>): void {
    for (const key of new Set(keys)) {
      this.snapshots.delete(key);
      for (const listener of [...(this.boxListeners.get(key) ?? [])]) listener();
    }
  }

  private notifyDialog(): void {
    this.version++;
    for (const listener of [...this.listeners]) listener();
  }

  // ---------- reading ----------

  get alert(): string | null {
    return this.alertText;
  }

  /** How many alerts were given: the live region puts its words in anew for each (a repeated refusal is said again). */
  get alertNumber(): number {
    return this.alertCount;
  }

  /** The last box note, for the dialog's status (null: none, or that box's value changed since). */
  get note(): string | null {
    return this.noteText;
  }

  /** Boxes with a warning: a single-use claim, or a value whose use-by date has passed. */
  get warningCount(): number {
    let count = this.warnings.size;
    for (const key of this.expiries.keys()) if (!this.warnings.has(key)) count++;
    return count;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** The packer's edits (box key → chosen, null for cleared), but for orders dispatched elsewhere. */
  get choices(): Choices {
    return this.edits;
  }

  /** Every edit the boxes show, those of orders dispatched elsewhere too: to carry over to a sheet read again. */
  get shownEdits(): ReadonlyMap<string, Chosen | null> {
    return new Map([...this.edits, ...this.goneEdits]);
  }

  // ---------- changing ----------

  /**
   * The dialog's alert; `box` names the box it is about, so that box's later outcome clears only its own.
   * The same words again (the same scan refused twice) are a new alert: said again, not only beeped.
   */
  setAlert(text: string | null, box?: string): void {
    this.alertBox = text === null ? undefined : box;
    if (text === null && this.alertText === null) return;
    if (text !== null) this.alertCount++;
    this.alertText = text;
    this.notifyDialog();
  }

  /** Clears the alert unless it announces another box's refusal (a slow check must not silence a newer one). */
  clearAlertFor(box: string): void {
    if (this.alertText === null || (this.alertBox !== undefined && this.alertBox !== box)) return;
    this.setAlert(null);
  }

  /**
   * The packer's choice for a box; clears its refusal, its save issue and the dialog's alert unless that
   * is about another box. `pick`: the first-expiring value the dialog pre-selected, not the packer's.
   */
  choose(key: string, chosen: Chosen | null, how: { pick?: boolean } = {}): void {
    // A box of an order gone takes nothing (its actions refuse aloud); a late check or pick for it neither.
    if (this.isGone(key)) return;
    if (how.pick && chosen) this.picks.set(key, chosen.identifierId);
    this.markSettled(key, !this.known.values.has(key) && (chosen === null || this.picks.get(key) !== chosen.identifierId));
    const touched = new Set<number>();
    const before = this.edits.has(key) ? this.edits.get(key) : this.known.values.get(key);
    if (before) touched.add(before.identifierId);
    for (const identifierId of this.claims.get(key)?.keys() ?? []) touched.add(identifierId);
    if (this.edits.has(key)) {
      const old = this.edits.get(key);
      if (old) {
        removeFrom(this.editedById, old.identifierId, key);
        removeFrom(this.editedByValue, old.value, key);
      }
    } else {
      const held = this.known.values.get(key);
      if (held) {
        removeFrom(this.knownById, held.identifierId, key);
        removeFrom(this.knownByValue, held.value, key);
      }
    }
    this.edits.set(key, chosen);
    if (chosen) {
      addTo(this.editedById, chosen.identifierId, key);
      addTo(this.editedByValue, chosen.value, key);
      touched.add(chosen.identifierId);
    }
    this.notices.delete(key);
    this.expiries.delete(key);
    this.notes.delete(key);
    if (this.noteBox === key) {
      this.noteText = null;
      this.noteBox = undefined;
    }
    const changed = new Set([key]);
    if (this.serverIssues.has(key)) {
      const issues = new Map(this.serverIssues);
      issues.delete(key);
      this.serverIssues = issues;
    }
    for (const other of this.judge(touched)) changed.add(other);
    this.notify(changed);
    this.clearAlertFor(key);
    this.notifyDialog();
  }

  /**
   * How many of a line's units that were empty when read the packer has settled since (chose a value of
   * their own, or emptied a pre-selected box): those no longer wait for the first-expiring fill.
   */
  settledCount(lineId: number): number {
    return this.settledByLine.get(lineId)?.size ?? 0;
  }

  /** Whether a box holds the first-expiring value picked for it (to carry over to a sheet read again as a pick). */
  holdsPick(key: string, chosen: Chosen | null): boolean {
    return chosen !== null && this.picks.get(key) === chosen.identifierId;
  }

  private markSettled(key: string, settled: boolean): void {
    const { lineId } = parseBoxKey(key);
    if (settled) addTo(this.settledByLine, lineId, key);
    else removeFrom(this.settledByLine, lineId, key);
  }

  /**
   * Orders dispatched elsewhere: their boxes' edits will never be saved, so they stop counting in the
   * single-use warnings (the box is judged by what the core held, as saving does) but stay shown.
   */
  setGone(orderIds: ReadonlySet<number>): void {
    for (const id of orderIds) this.goneOrders.add(id);
    this.moveGoneEdits();
  }

  /**
   * Units dispatched elsewhere (part of a line: line → its last unit gone): their boxes are gone as
   * an order's are (setGone), the rest of the line stays workable. A dispatch is final: never undone.
   */
  setUnitsGone(through: ReadonlyMap<number, number>): void {
    for (const [lineId, unit] of through) this.goneThrough.set(lineId, Math.max(unit, this.goneThrough.get(lineId) ?? 0));
    this.moveGoneEdits();
  }

  private moveGoneEdits(): void {
    const touched = new Set<number>();
    const changed = new Set<string>();
    for (const [key, chosen] of [...this.edits]) {
      if (!this.isGone(key)) continue;
      this.edits.delete(key);
      this.markSettled(key, false);
      this.goneEdits.set(key, chosen);
      if (chosen) {
        removeFrom(this.editedById, chosen.identifierId, key);
        removeFrom(this.editedByValue, chosen.value, key);
        touched.add(chosen.identifierId);
      }
      for (const identifierId of this.claims.get(key)?.keys() ?? []) touched.add(identifierId);
      this.expiries.delete(key);
      const held = this.known.values.get(key);
      if (held) {
        this.indexKnown(key, held);
        touched.add(held.identifierId);
      }
      changed.add(key);
    }
    if (changed.size === 0) return;
    for (const key of this.judge(touched)) changed.add(key);
    this.notify(changed);
    this.notifyDialog();
  }

  /**
   * Flags every box whose value `problem` finds may not go out now (e.g. its use-by date passed at
   * midnight), and unflags those it no longer finds; boxes of orders gone are left alone. Returns the
   * flagged boxes' messages, in the dialog's order. The packer's next choice for a box clears its flag.
   */
  flagValues(problem: (key: string, chosen: Chosen) => string | null): Array<[string, string]> {
    this.expiryRule = problem;
    const found = new Map<string, string>();
    const consider = (key: string, chosen: Chosen | null | undefined) => {
      if (!chosen || this.isGone(key)) return;
      const message = problem(key, chosen);
      if (message !== null) found.set(key, message);
    };
    for (const [key, chosen] of this.edits) consider(key, chosen);
    for (const [key, chosen] of this.known.values) if (!this.edits.has(key)) consider(key, chosen);
    const changed = new Set<string>();
    for (const key of this.expiries.keys()) if (!found.has(key)) changed.add(key);
    for (const [key, message] of found) if (this.expiries.get(key) !== message) changed.add(key);
    this.expiries.clear();
    for (const [key, message] of found) this.expiries.set(key, message);
    if (changed.size > 0) {
      this.notify(changed);
      this.notifyDialog();
    }
    return sortKeys(this.index, found.keys()).map((key) => [key, found.get(key)!]);
  }

  /** The box's order (or unit) was dispatched elsewhere: it takes nothing. */
  isGone(key: string): boolean {
    const { lineId, unit } = parseBoxKey(key);
    if (unit <= (this.goneThrough.get(lineId) ?? 0)) return true;
    const orderId = this.index.lineById.get(lineId)?.orderId;
    return orderId !== undefined && this.goneOrders.has(orderId);
  }

  /** Keys typed ahead for a box, for it to go on from (undefined: taken). */
  setDraft(key: string, draft: BoxDraft | undefined): void {
    if (this.drafts.get(key) === draft) return;
    if (draft === undefined) this.drafts.delete(key);
    else this.drafts.set(key, draft);
    this.notify([key]);
  }

  /** Text being checked with the core for a box (undefined: no longer). */
  setPending(key: string, text: string | undefined): void {
    const old = this.pending.get(key);
    if (old === text) return;
    if (old !== undefined) removeFrom(this.pendingByValue, old, key);
    if (text === undefined) this.pending.delete(key);
    else {
      this.pending.set(key, text);
      addTo(this.pendingByValue, text, key);
    }
    this.notify([key]);
  }

  /** A refusal shown under a box (undefined: none). */
  setNotice(key: string, message: string | undefined): void {
    if (this.notices.get(key) === message) return;
    if (message === undefined) this.notices.delete(key);
    else this.notices.set(key, message);
    this.notify([key]);
  }

  /** A polite note under a box about the value it holds, also said in the dialog's status (not an alert). */
  setNote(key: string, text: string): void {
    this.notes.set(key, text);
    this.noteText = text;
    this.noteBox = key;
    this.notify([key]);
    this.notifyDialog();
  }

  /** The issues the core named when a save was refused, by box. */
  setServerIssues(issues: ReadonlyMap<string, string>): void {
    const keys = [...this.serverIssues.keys(), ...issues.keys()];
    this.serverIssues = issues;
    this.notify(keys);
  }

  /** Units read from the core: their values, indexed and judged. */
  addKnownPage(lineId: number, page: number, allocations: readonly AllocatedUnit[]): void {
    const added = new Map<string, Chosen>();
    const touched = new Set<number>();
    for (const allocation of allocations) {
      const key = `${lineId}:${allocation.unit}`;
      const old = this.known.values.get(key);
      if (old && !this.edits.has(key)) {
        removeFrom(this.knownById, old.identifierId, key);
        removeFrom(this.knownByValue, old.value, key);
        touched.add(old.identifierId);
      }
    }
    this.known.addPage(lineId, page, allocations);
    for (const allocation of allocations) {
      const key = `${lineId}:${allocation.unit}`;
      const chosen = this.known.values.get(key)!;
      added.set(key, chosen);
      touched.add(chosen.identifierId);
      if (!this.edits.has(key)) this.indexKnown(key, chosen);
    }
    // A saved value of a page read after the day's check (e.g. a lot past its use-by date) is flagged as it arrives.
    if (this.expiryRule) {
      for (const [key, chosen] of added) {
        if (this.edits.has(key) || this.isGone(key)) continue;
        const message = this.expiryRule(key, chosen);
        if (message === null) this.expiries.delete(key);
        else this.expiries.set(key, message);
      }
    }
    const changed = new Set(added.keys());
    for (const key of this.judge(touched)) changed.add(key);
    this.notify(changed);
    this.notifyDialog();
  }

  private indexKnown(key: string, chosen: Chosen): void {
    addTo(this.knownById, chosen.identifierId, key);
    addTo(this.knownByValue, chosen.value, key);
  }

  // ---------- single-use checks ----------

  /**
   * Re-judges the single-use warnings of the given identifiers (as findWarnings would for them);
   * returns the boxes whose warning changed.
   */
  private judge(identifierIds: Iterable<number>): Set<string> {
    const touched = new Set<string>();
    for (const identifierId of identifierIds) {
      const found = this.warningsFor(identifierId);
      for (const key of this.claimedById.get(identifierId) ?? []) {
        if (found.has(key)) continue;
        this.claims.get(key)?.delete(identifierId);
        touched.add(key);
      }
      this.claimedById.delete(identifierId);
      for (const [key, claim] of found) {
        let claims = this.claims.get(key);
        if (!claims) this.claims.set(key, (claims = new Map()));
        claims.set(identifierId, claim);
        addTo(this.claimedById, identifierId, key);
        touched.add(key);
      }
    }
    const changed = new Set<string>();
    for (const key of touched) {
      const claims = this.claims.get(key);
      const shown = claims && shownClaim(claims);
      if (claims && claims.size === 0) this.claims.delete(key);
      if (this.warnings.get(key) === shown?.message) continue;
      if (shown) this.warnings.set(key, shown.message);
      else this.warnings.delete(key);
      changed.add(key);
    }
    return changed;
  }

  private singleUseBox(key: string): BoxRef | null {
    const box = boxByKey(this.index, key);
    return box && box.mode === 'single_use' ? box : null;
  }

  /** The warnings one identifier gives: held by several boxes here, or by a unit outside the dialog. */
  private warningsFor(identifierId: number): Map<string, Claim> {
    const holders = new Map<string, BoxRef>();
    let value: string | undefined;
    for (const key of this.editedById.get(identifierId) ?? []) {
      const chosen = this.edits.get(key)!;
      value = chosen.value;
      const box = this.singleUseBox(key);
      if (!box) continue;
      holders.set(key, box);
      const holder = chosen.inUseBy && findBox(this.index, chosen.inUseBy.lineId, chosen.inUseBy.unit);
      // The core said this box holds the value; unless the packer changed it, it still does.
      if (holder && holder.key !== key && !this.edits.has(holder.key)) holders.set(holder.key, holder);
    }
    for (const key of this.knownById.get(identifierId) ?? []) {
      value ??= this.known.values.get(key)?.value;
      const box = this.singleUseBox(key);
      if (box) holders.set(key, box);
    }
    const found = new Map<string, Claim>();
    if (holders.size >= 2) {
      const sorted = sortKeys(this.index, holders.keys()).map((k) => holders.get(k)!);
      for (const box of sorted) {
        const others = sorted.filter((b) => b !== box).map(describeBox).join('; ');
        found.set(box.key, { message: `"${value}" is also chosen for ${others}. A single-use identifier goes to one unit only.`, duplicate: true });
      }
    }
    for (const key of this.editedById.get(identifierId) ?? []) {
      const chosen = this.edits.get(key)!;
      const box = this.singleUseBox(key);
      if (found.has(key) || !box) continue;
      if (chosen.dispatchedSince) {
        found.set(key, { message: dispatchedSinceText({ ...chosen, dispatchedSince: chosen.dispatchedSince }), duplicate: false });
        continue;
      }
      if (!chosen.inUseBy) continue;
      const { lineId, unit } = chosen.inUseBy;
      if (`${lineId}:${unit}` === key || findBox(this.index, lineId, unit)) continue;
      found.set(key, { message: inUseElsewhereText(chosen.value, chosen.inUseBy, box.sku), duplicate: false });
    }
    return found;
  }

  /**
   * Another single-use box of the same product that holds `value` now (edited, read from the
   * core, or being checked), first in the dialog's order, or null: a repeated scan is refused at once.
   */
  holderOfValue(box: BoxRef, value: string): BoxRef | null {
    if (box.mode !== 'single_use') return null;
    const keys: string[] = [];
    const consider = (key: string) => {
      if (key !== box.key && boxByKey(this.index, key)?.productId === box.productId) keys.push(key);
    };
    for (const key of this.editedByValue.get(value) ?? []) consider(key);
    for (const key of this.knownByValue.get(value) ?? []) if (!this.edits.has(key)) consider(key);
    for (const key of this.pendingByValue.get(value) ?? []) consider(key);
    const first = sortKeys(this.index, keys)[0];
    return first === undefined ? null : boxByKey(this.index, first);
  }

  /** Why a single-use value may not go into `box` now, or null (as conflictFor, from the indexes). */
  conflictFor(box: BoxRef, candidate: Chosen): string | null {
    if (box.mode !== 'single_use') return null;
    const holders: string[] = [];
    const consider = (key: string) => {
      if (key !== box.key && boxByKey(this.index, key)?.productId === box.productId) holders.push(key);
    };
    for (const key of this.editedById.get(candidate.identifierId) ?? []) consider(key);
    for (const key of this.knownById.get(candidate.identifierId) ?? []) if (!this.edits.has(key)) consider(key);
    return conflictGiven(this.index, this.edits, box, candidate, holders);
  }
}
