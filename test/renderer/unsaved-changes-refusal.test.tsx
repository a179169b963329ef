// @vitest-environment happy-dom
/**
 * "Save" in the leave question, refused: the packer stays, and the focus is on why as soon as the
 * question has closed. It used to be moved a frame later, and on a loaded bench the question's own
 * focus return (to the link that asked to leave) could land after it: the focus ended on the link.
 */
import { act, useState } from 'react';
import type { Root } from 'react-dom/client';
import { beforeEach, describe, expect, it } from 'vitest';
import { alertWords } from './alert-words.js';
import { countBeeps } from './fake-audio.js';
import { SHELL_COMMAND_EVENT } from '../../shared/contract/shell-commands.js';
import { UnsavedChangesProvider, useLeaveGuard } from '../../renderer/app/unsaved-changes.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();
let container: HTMLDivElement;
let root: Root;
beforeEach(() => ({ container, root } = mounted()));

function Screen() {
  const [refused, setRefused] = useState(false);
  const confirmLeave = useLeaveGuard({
    hasUnsaved: () => true,
    save: async () => {
      setRefused(true);
      return false;
    },
    describe: () => 'The settings have unsaved changes.',
    focusRefusal: () => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
  });
  return (
    <>
      <input aria-label="Scanner key interval (ms)" aria-invalid={refused || undefined} defaultValue="5000" />
      <button type="button" id="leave" onClick={() => confirmLeave(() => undefined)}>
        Products
      </button>
    </>
  );
}

describe('the leave question', () => {
  it('puts the focus on the refused field in the commit that closes it, not on the link that asked to leave', async () => {
    // A loaded bench: no frame comes before the question's commit is over (the frame used to win).
    const frame = window.requestAnimationFrame;
    window.requestAnimationFrame = () => 0;
    try {
      await leaveAndSave();
    } finally {
      window.requestAnimationFrame = frame;
    }
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Scanner key interval (ms)');
  });
});

/** A screen whose save answers only when the test lets it go (a slow bench). */
function SlowScreen({ onLeft }: { onLeft: () => void }) {
  const confirmLeave = useLeaveGuard({
    hasUnsaved: () => true,
    save: () => new Promise<boolean>((resolve) => (releaseSave = () => resolve(true))),
    describe: () => 'You have 3 unsaved serial numbers.',
  });
  return (
    <button type="button" id="leave" onClick={() => confirmLeave(onLeft, { destination: 'screen:products' })}>
      Products
    </button>
  );
}
let releaseSave = () => {};

describe('the leave question while its Save runs', () => {
  it('refuses Save, Discard, Stay and Escape pressed meanwhile in words, announced and beeped (it was silent); the save then leaves once', async () => {
    let left = 0;
    act(() => root.render(<UnsavedChangesProvider><SlowScreen onLeft={() => void left++} /></UnsavedChangesProvider>));
    const leave = document.getElementById('leave')!;
    leave.focus();
    act(() => leave.click());
    const dialogButton = (name: string) => [...container.querySelectorAll('dialog button')].find((b) => b.textContent === name) as HTMLButtonElement;
    const save = dialogButton('Save');
    await act(async () => save.click());
    expect(container.querySelector('dialog')?.textContent).toContain('Saving…');

    const presses: Array<() => void> = [
      () => dialogButton('Save').click(),
      () => dialogButton('Discard').click(),
      () => dialogButton('Stay').click(),
      () => void container.querySelector('dialog')!.dispatchEvent(new Event('cancel', { cancelable: true })),
    ];
    let words: Node | null = null;
    for (const press of presses) {
      const before = beeps.count();
      act(press);
      await beeps.played();
      const alert = container.querySelector('dialog [role=alert]');
      expect(alert?.textContent).toBe('⚠ Already saving: wait for Save to answer.');
      // Put in anew each time: announced again.
      expect(alertWords(alert)).not.toBe(words);
      words = alertWords(alert);
      expect(beeps.count()).toBe(before + 1);
      expect(container.querySelector('dialog')).not.toBeNull();
      expect(left).toBe(0);
    }

    await act(async () => releaseSave());
    expect(container.querySelector('dialog')).toBeNull();
    expect(left).toBe(1);
  });
});

const dialogButton = (name: string) => [...container.querySelectorAll('dialog button')].find((b) => b.textContent === name) as HTMLButtonElement;
const questionAlert = () => container.querySelector('dialog [role=alert]');
const closeRequested = () => act(async () => void window.dispatchEvent(new CustomEvent(SHELL_COMMAND_EVENT, { detail: 'closeRequested' })));

describe('the leave question, for assistive technology', () => {
  it('is an alert dialog (APG: an interrupting question that needs an answer), described by its question', () => {
    act(() => root.render(<UnsavedChangesProvider><SlowScreen onLeft={() => undefined} /></UnsavedChangesProvider>));
    act(() => document.getElementById('leave')!.click());
    const question = container.querySelector('dialog')!;
    expect(question.getAttribute('role')).toBe('alertdialog');
    expect(document.getElementById(question.getAttribute('aria-describedby')!)?.textContent).toBe(
      'You have 3 unsaved serial numbers. Save them before leaving, discard them, or stay here?',
    );
  });
});

/** A screen whose save throws (the bench gone away) rather than answering false. */
function FailingScreen({ onLeft }: { onLeft: () => void }) {
  const confirmLeave = useLeaveGuard({
    hasUnsaved: () => true,
    save: async () => {
      throw new Error('The bench did not answer.');
    },
    describe: () => 'You have 3 unsaved serial numbers.',
  });
  return (
    <button type="button" id="leave" onClick={() => confirmLeave(onLeft)}>
      Products
    </button>
  );
}

describe('the leave question when its Save throws', () => {
  it('ends "Saving…", stays open and says the save failed in words, announced and beeped each time; Discard then leaves', async () => {
    let left = 0;
    act(() => root.render(<UnsavedChangesProvider><FailingScreen onLeft={() => void left++} /></UnsavedChangesProvider>));
    act(() => document.getElementById('leave')!.click());
    let words: Node | null = null;
    for (let press = 0; press < 2; press++) {
      const before = beeps.count();
      dialogButton('Save').focus();
      await act(async () => dialogButton('Save').click());
      await beeps.played();
      expect(container.querySelector('dialog')?.textContent).not.toContain('Saving…');
      expect(dialogButton('Save').getAttribute('aria-disabled')).toBeNull();
      expect(questionAlert()?.textContent).toBe('⚠ The save failed: The bench did not answer. Your changes are still unsaved: save again, discard them, or stay.');
      expect(alertWords(questionAlert())).not.toBe(words);
      words = alertWords(questionAlert());
      expect(beeps.count()).toBe(before + 1);
      expect(document.activeElement).toBe(dialogButton('Save'));
      expect(left).toBe(0);
    }
    await act(async () => dialogButton('Discard').click());
    expect(container.querySelector('dialog')).toBeNull();
    expect(left).toBe(1);
  });
});

describe('a second way out while the leave question is open', () => {
  let closed = 0;
  const close = window.close;
  beforeEach(() => {
    closed = 0;
    window.close = () => void closed++;
    return () => void (window.close = close);
  });

  it('is refused in words, announced and beeped, the question asked kept (it used to replace it); Stay then leaves nothing', async () => {
    let left = 0;
    act(() => root.render(<UnsavedChangesProvider><SlowScreen onLeft={() => void left++} /></UnsavedChangesProvider>));
    act(() => document.getElementById('leave')!.click());
    const before = beeps.count();
    await closeRequested();
    await beeps.played();
    expect(questionAlert()?.textContent).toBe('⚠ Answer this question first: Save, Discard or Stay.');
    expect(beeps.count()).toBe(before + 1);
    expect(container.querySelectorAll('dialog')).toHaveLength(1);
    await act(async () => dialogButton('Stay').click());
    expect(container.querySelector('dialog')).toBeNull();
    expect([left, closed]).toEqual([0, 0]);
  });

  it('while "Saving…" is refused in words too (it was dropped unsaid), and only the first goes on once saved', async () => {
    let left = 0;
    act(() => root.render(<UnsavedChangesProvider><SlowScreen onLeft={() => void left++} /></UnsavedChangesProvider>));
    act(() => document.getElementById('leave')!.click());
    await act(async () => dialogButton('Save').click());
    const before = beeps.count();
    await closeRequested();
    await beeps.played();
    expect(questionAlert()?.textContent).toBe('⚠ Already saving: wait for Save to answer.');
    expect(beeps.count()).toBe(before + 1);
    await act(async () => releaseSave());
    expect(container.querySelector('dialog')).toBeNull();
    expect([left, closed]).toEqual([1, 0]);
  });

  it('asked for the same place again (the window\'s close twice, or the same screen) is the question already asked: nothing said, nothing beeped', async () => {
    let left = 0;
    act(() => root.render(<UnsavedChangesProvider><SlowScreen onLeft={() => void left++} /></UnsavedChangesProvider>));
    act(() => document.getElementById('leave')!.click());
    const before = beeps.count();
    await act(async () => document.getElementById('leave')!.click());
    await beeps.played();
    expect(questionAlert()).toBeNull();
    expect(beeps.count()).toBe(before);
    await act(async () => dialogButton('Stay').click());

    await closeRequested();
    await closeRequested();
    await beeps.played();
    expect(questionAlert()).toBeNull();
    expect(beeps.count()).toBe(before);
    await act(async () => dialogButton('Discard').click());
    expect([left, closed]).toEqual([0, 1]);
  });
});

async function leaveAndSave() {
    act(() => root.render(<UnsavedChangesProvider><Screen /></UnsavedChangesProvider>));
    const leave = document.getElementById('leave')!;
    leave.focus();
    act(() => leave.click());
    const save = [...container.querySelectorAll('dialog button')].find((b) => b.textContent === 'Save') as HTMLButtonElement;
    expect(save).toBeDefined();
    await act(async () => save.click());
    expect(container.querySelector('dialog')).toBeNull();
}
