/**
 * No lost work: screens with edits not yet saved register a guard; leaving them (navigation, closing
 * a dialog, closing the window) first asks Save / Discard / Stay.
 *
 * Closing the window: the page refuses to unload while edits are unsaved (beforeunload). A browser
 * then asks in its own words; in Electron the refusal makes the shell send "closeRequested" (see
 * shared/contract/shell-commands.ts), this asks the packer, and closes with window.close(). The
 * menu's Reload refused so comes as "reloadRequested", and reloads instead.
 *
 * Work on its way: a screen waiting for an answer that is for it (the order page's "Complete Order")
 * registers a busy guard; every way of leaving it meanwhile is refused, in the screen's own words
 * (shown, beeped, announced), with nothing changed and the focus where it was. A window close refused
 * so is kept: the window closes once the screen says its work ended (asking first about unsaved edits).
 *
 * One question at a time: while it is open, another way out (a menu shortcut, the window's close) is
 * refused in words in the question, which stays as asked; the same way out asked again is ignored.
 */
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { UnsavedChangesDialog, type UnsavedChoice } from '../components/UnsavedChangesDialog.js';
import { useRefusal } from '../components/use-refusal.js';
import { useShellCommands } from './use-shell-commands.js';

export interface LeaveGuard {
  hasUnsaved(): boolean;
  /** Saves the edits; false when they were refused (the screen shows why, and the packer stays). */
  save(): Promise<boolean>;
  /** What is unsaved, in a sentence: "You have 3 unsaved serial numbers." */
  describe(): string;
  /** After a refused save from the question: puts the focus on why (the question's dialog has closed). */
  focusRefusal?(): void;
}

export interface BusyGuard {
  /** Why leaving is refused now ("Order SO-7 is still being completed: …"), or null when nothing is on its way. */
  busy(): string | null;
  /** Says why on the screen (shown, beeped, announced); the focus stays where it is. */
  refuse(message: string): void;
}

export interface LeaveOptions {
  /** Whether to go on after "Save" (false when saving itself closes what is being left). */
  proceedAfterSave?: boolean;
  /** Called when the packer chose Stay (or Escape): what was closed to ask can open again. */
  onStay?: () => void;
  /**
   * Where leaving goes ("close", "screen:settings"): asked again while its question is open, it is that
   * question already (nothing said); any other way out meanwhile is refused.
   */
  destination?: string;
}

const ALREADY_SAVING = 'Already saving: wait for Save to answer.';
/** Said after why a window close was refused while work is on its way. */
export const CLOSE_KEPT = 'The window closes once it is answered.';
const ANSWER_FIRST = 'Answer this question first: Save, Discard or Stay.';

/** A save that threw (rather than answering false, with the screen saying why): said in the question. */
function saveFailedWords(error: unknown): string {
  const reason = (error instanceof Error ? error.message : String(error)).trim().replace(/\.$/, '');
  return `The save failed${reason ? `: ${reason}` : ''}. Your changes are still unsaved: save again, discard them, or stay.`;
}

type ConfirmLeave = (proceed: () => void, options?: LeaveOptions) => void;

interface GuardRegistry {
  register(guard: LeaveGuard): () => void;
  registerBusy(guard: BusyGuard): () => void;
  /** A screen's work under its busy guard ended. */
  busyEnded(): void;
  confirmLeave: ConfirmLeave;
}

const UnsavedChangesContext = createContext<GuardRegistry | null>(null);

interface Question {
  guards: LeaveGuard[];
  proceed: () => void;
  proceedAfterSave: boolean;
  onStay?: () => void;
  destination?: string;
}

export function UnsavedChangesProvider({ children }: { children: ReactNode }) {
  const guards = useRef(new Set<LeaveGuard>());
  const busyGuards = useRef(new Set<BusyGuard>());
  const leavingPage = useRef(false);
  const [question, setQuestion] = useState<Question | null>(null);
  const [saving, setSaving] = useState(false);
  // The same, for a request that comes before the next render (confirmLeave is made once).
  const asking = useRef<Question | null>(null);
  const savingNow = useRef(false);
  /** Said in the question: a press while saving, a save that failed, another way out meanwhile. */
  const refusal = useRefusal();
  const { refuse: refuseInQuestion, clear: clearRefusal } = refusal;
  const ask = useCallback(
    (next: Question | null) => {
      asking.current = next;
      clearRefusal();
      setQuestion(next);
    },
    [clearRefusal],
  );
  /** A guard whose save the question's "Save" had refused: the focus goes to why once it has closed. */
  const refusedSave = useRef<LeaveGuard | null>(null);

  // After the commit that closed the question (its dialog has given the focus back by then, in a layout
  // clean-up), never a frame later: on a loaded bench that frame could come first and lose the focus.
  useEffect(() => {
    if (question) return;
    const refused = refusedSave.current;
    refusedSave.current = null;
    refused?.focusRefusal?.();
  }, [question]);

  const unsaved = () => [...guards.current].filter((g) => g.hasUnsaved());

  const confirmLeave = useCallback<ConfirmLeave>((proceed, options = {}) => {
    // The question open is answered first (it is modal: this came by a menu shortcut or the window's
    // close); replacing it would leave for where the packer never saw asked about.
    const open = asking.current;
    if (open) {
      if (options.destination !== undefined && options.destination === open.destination) return;
      return refuseInQuestion(savingNow.current ? ALREADY_SAVING : ANSWER_FIRST);
    }
    // Work on its way is refused before anything is asked: nothing closes, nothing is left.
    for (const guard of busyGuards.current) {
      const why = guard.busy();
      if (why !== null) return guard.refuse(why);
    }
    const pending = [...guards.current].filter((g) => g.hasUnsaved());
    if (pending.length === 0) return proceed();
    ask({ guards: pending, proceed, proceedAfterSave: options.proceedAfterSave ?? true, onStay: options.onStay, destination: options.destination });
  }, [ask, refuseInQuestion]);

  const register = useCallback((guard: LeaveGuard) => {
    guards.current.add(guard);
    return () => void guards.current.delete(guard);
  }, []);

  const registerBusy = useCallback((guard: BusyGuard) => {
    busyGuards.current.add(guard);
    return () => void busyGuards.current.delete(guard);
  }, []);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      const holding = [...guards.current].some((g) => g.hasUnsaved()) || [...busyGuards.current].some((g) => g.busy() !== null);
      if (leavingPage.current || !holding) return;
      event.preventDefault();
      event.returnValue = ''; // older browsers need a value to ask
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  /** A window close refused while work was on its way: it happens once the work ends (busyEnded). */
  const closeAfterBusy = useRef(false);
  const anyBusy = () => [...busyGuards.current].some((g) => g.busy() !== null);
  const closeWindow = () =>
    confirmLeave(
      () => {
        leavingPage.current = true;
        window.close();
      },
      { destination: 'close' },
    );

  useShellCommands((command) => {
    // Reload: asked like a close, but Discard or Save reloads; work on its way is refused (not kept).
    if (command === 'reloadRequested') {
      return confirmLeave(
        () => {
          leavingPage.current = true;
          window.location.reload();
        },
        { destination: 'reload' },
      );
    }
    if (command !== 'closeRequested') return;
    // Work on its way: refused in the screen's words, saying the close is kept (the shell never asks
    // again once the page refused); it goes ahead once the work ends. Otherwise asks first or closes.
    const busyGuard = [...busyGuards.current].find((g) => g.busy() !== null);
    if (!busyGuard) return closeWindow();
    closeAfterBusy.current = true;
    busyGuard.refuse(`${busyGuard.busy()} ${CLOSE_KEPT}`);
  });

  /** A busy guard's work ended: a close kept meanwhile goes ahead (asking first about unsaved edits). */
  const busyEnded = () => {
    // The next task: the screen shows its answer first (and a guard still busy keeps the close waiting).
    setTimeout(() => {
      if (!closeAfterBusy.current || anyBusy()) return;
      closeAfterBusy.current = false;
      closeWindow();
    });
  };

  async function choose(choice: UnsavedChoice) {
    const asked = question;
    if (!asked) return;
    // Any answer (Escape too) while the save runs: the save's answer decides, the focus stays put.
    if (savingNow.current) return refuseInQuestion(ALREADY_SAVING);
    if (choice === 'stay') {
      ask(null); // the question's dialog gives focus back to where it was
      asked.onStay?.();
      return;
    }
    if (choice === 'save') {
      savingNow.current = true;
      setSaving(true);
      let refusedBy: LeaveGuard | null = null;
      try {
        for (const guard of asked.guards) {
          if (guard.hasUnsaved() && !(await guard.save())) {
            refusedBy = guard;
            break;
          }
        }
      } catch (error) {
        // No screen said why (a save answering false does): the question does, and stays to be answered again.
        refuseInQuestion(saveFailedWords(error));
        return;
      } finally {
        savingNow.current = false;
        setSaving(false);
      }
      // Refused: the packer stays, on why (see the effect above).
      refusedSave.current = refusedBy;
      ask(null);
      if (!refusedBy && asked.proceedAfterSave) asked.proceed();
      return;
    }
    ask(null);
    asked.proceed();
  }

  return (
    <UnsavedChangesContext.Provider value={{ register, registerBusy, busyEnded, confirmLeave }}>
      {children}
      {question && (
        <UnsavedChangesDialog
          what={question.guards.map((g) => g.describe()).join(' ') || unsaved().map((g) => g.describe()).join(' ')}
          busy={saving}
          refusal={refusal}
          onChoose={(choice) => void choose(choice)}
        />
      )}
    </UnsavedChangesContext.Provider>
  );
}

/** Asks before `proceed` when any screen has unsaved edits; goes on at once otherwise. */
export function useConfirmLeave(): ConfirmLeave {
  const registry = useContext(UnsavedChangesContext);
  return registry?.confirmLeave ?? ((proceed) => proceed());
}

/** Registers the calling screen's edits for the question; returns confirmLeave for its own exits. */
export function useLeaveGuard(guard: LeaveGuard): ConfirmLeave {
  const registry = useContext(UnsavedChangesContext);
  const latest = useRef(guard);
  latest.current = guard;
  // A layout effect: gone with the screen in the same commit. A passive effect's clean-up can wait (a
  // lazy screen coming in), and a screen already left would still ask at the next navigation.
  useLayoutEffect(() => {
    if (!registry) return undefined;
    return registry.register({
      hasUnsaved: () => latest.current.hasUnsaved(),
      save: () => latest.current.save(),
      describe: () => latest.current.describe(),
      focusRefusal: () => latest.current.focusRefusal?.(),
    });
  }, [registry]);
  return registry?.confirmLeave ?? ((proceed) => proceed());
}

/**
 * Registers the calling screen's work on its way: while `guard.busy()` gives words, every way of leaving
 * (navigation, a routed scan, closing the window) is refused with them instead of going on.
 */
/** Registers the guard; answers what to call when the work it guards has ended (a close kept meanwhile goes ahead). */
export function useBusyGuard(guard: BusyGuard): () => void {
  const registry = useContext(UnsavedChangesContext);
  const latest = useRef(guard);
  latest.current = guard;
  // A layout effect, as useLeaveGuard's: gone with the screen in the same commit.
  useLayoutEffect(() => {
    if (!registry) return undefined;
    return registry.registerBusy({ busy: () => latest.current.busy(), refuse: (message) => latest.current.refuse(message) });
  }, [registry]);
  const latestRegistry = useRef(registry);
  latestRegistry.current = registry;
  return useCallback(() => latestRegistry.current?.busyEnded(), []);
}
