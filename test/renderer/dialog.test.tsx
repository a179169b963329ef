// @vitest-environment happy-dom
/**
 * The dialog primitive: open while mounted, Escape asks the parent, and focus goes back to the
 * element that had it before the dialog opened, however the dialog is closed, even when another
 * dialog opens in the same commit (a "saved" message after a form).
 */
import { act, useState } from 'react';
import type { Root } from 'react-dom/client';
import { beforeEach, describe, expect, it } from 'vitest';
import { Dialog } from '../../renderer/components/dialog/Dialog.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();
let container: HTMLDivElement;
let root: Root;
beforeEach(() => ({ container, root } = mounted()));

type Stage = 'none' | 'form' | 'message';
let setStage: (stage: Stage) => void = () => {};
const cancels: string[] = [];

function Screen() {
  const [stage, set] = useState<Stage>('none');
  setStage = set;
  return (
    <>
      <button type="button" id="opener">Actions</button>
      {stage === 'form' && (
        <Dialog title="Form" onCancel={() => { cancels.push('form'); set('none'); }}>
          <button type="button" id="save">Save</button>
        </Dialog>
      )}
      {stage === 'message' && (
        <Dialog title="Saved" onCancel={() => set('none')}>
          <button type="button" id="ok">OK</button>
        </Dialog>
      )}
    </>
  );
}

describe('Dialog', () => {
  it('opens modal, sends Escape to the parent, and gives focus back to the opener', () => {
    act(() => root.render(<Screen />));
    const opener = document.getElementById('opener')!;
    opener.focus();
    act(() => setStage('form'));
    const dialog = container.querySelector('dialog')!;
    expect(dialog.open).toBe(true);
    expect(dialog.getAttribute('aria-labelledby')).toBe(dialog.querySelector('h2')!.id);
    document.getElementById('save')!.focus();
    act(() => void dialog.dispatchEvent(new Event('cancel', { cancelable: true })));
    expect(cancels).toEqual(['form']);
    expect(container.querySelector('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('a dialog opened as another closes gets the first one\'s opener', () => {
    act(() => root.render(<Screen />));
    const opener = document.getElementById('opener')!;
    opener.focus();
    act(() => setStage('form'));
    document.getElementById('save')!.focus();
    act(() => setStage('message'));
    expect(container.querySelector('dialog h2')!.textContent).toBe('Saved');
    document.getElementById('ok')!.focus();
    act(() => setStage('none'));
    expect(document.activeElement).toBe(opener);
  });
});

describe('a message a scan may close', () => {
  function Opened({ from }: { from: 'button' | 'box' }) {
    const [open, setOpen] = useState(false);
    return (
      <>
        {from === 'button' ? <button type="button" id="from" onClick={() => setOpen(true)}>Open</button> : <input id="from" onKeyDown={() => setOpen(true)} />}
        {open && (
          <Dialog title="Saved" onCancel={() => setOpen(false)} onClosedByScan={() => setOpen(false)}>
            <button type="button">OK</button>
          </Dialog>
        )}
      </>
    );
  }

  it('takes scans (marked) when opened from a button, and keeps them when opened while the packer typed in a box (the scan was meant for it)', () => {
    act(() => root.render(<Opened from="button" />));
    const button = container.querySelector<HTMLButtonElement>('#from')!;
    button.focus();
    act(() => button.click());
    expect(container.querySelector('dialog[open]')!.hasAttribute('data-closes-on-scan')).toBe(true);
    act(() => root.render(<div />));
    act(() => root.render(<Opened from="box" />));
    const box = container.querySelector<HTMLInputElement>('#from')!;
    box.focus();
    act(() => void box.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true })));
    expect(container.querySelector('dialog[open]')!.hasAttribute('data-closes-on-scan')).toBe(false);
  });
});
