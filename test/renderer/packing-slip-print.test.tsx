// @vitest-environment happy-dom
/**
 * The packing slip's Print: a print that failed (the shell's "printer offline") is shown, beeped and
 * announced, and again when it fails again in the same words; a system print dialog the packer
 * cancelled is their own choice: no beep, no alert. The printing itself is the Electron shell's, so
 * the contract call is answered here as the shell answers it.
 */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { beforeEach, expect, it, vi } from 'vitest';
import type { BenchApi } from '../../shared/contract/api.js';
import type { PackingSlip, PrintSlipResult } from '../../shared/contract/trace-schemas.js';
import type { Result } from '../../shared/contract/result.js';
import { PackingSlipView } from '../../renderer/screens/orders/slip/PackingSlip.js';
import { closeDialogsForScan, scanKeepingModalIsOpen } from '../../renderer/scanner/scan-closes-dialog.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';

const slip: PackingSlip = {
  warehouse: null,
  benchName: 'Bench 1',
  orderNumber: 'SO-1',
  customer: 'Ada',
  firstDispatchedAt: null,
  dispatchedAt: null,
  dispatchCount: 0,
  lines: [{ lineNo: 1, sku: 'CBL', title: 'Cable', quantity: 1, identifierKind: 'serial', identifiers: [], useBy: [], counts: [] }],
  totalUnits: 1,
};

const offline: Result<PrintSlipResult> = { ok: false, error: { code: 'conflict', message: 'The slip was not printed (printer offline).', issues: [] } };
const cancelled: Result<PrintSlipResult> = { ok: true, value: { outcome: 'cancelled' } };

const beeps = countBeeps();
const mounted = mountPointPerTest();
let root: Root;
beforeEach(() => {
  ({ root } = mounted());
});

async function showSlip(answers: Array<Result<PrintSlipResult>>) {
  const printSlip = vi.fn(async () => answers.shift()!);
  await act(async () => root.render(<PackingSlipView api={{ printSlip } as unknown as BenchApi} slip={slip} onClose={() => {}} />));
  const printButton = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Print')!;
  return { printSlip, press: () => act(async () => printButton.click()) };
}

it('a failed print is shown, beeped and announced, and again when Print fails again in the same words', async () => {
  const { press } = await showSlip([offline, offline]);
  await press();
  const first = document.querySelector('[role=alert]');
  expect(first?.textContent).toContain('The slip was not printed (printer offline).');
  await beeps.played();
  expect(beeps.count()).toBe(1);

  await press();
  const second = document.querySelector('[role=alert]');
  expect(second?.textContent).toContain('The slip was not printed (printer offline).');
  // A new alert element: the same words are read out again.
  expect(second).not.toBe(first);
  await beeps.played();
  expect(beeps.count()).toBe(2);
});

it('a cancelled print dialog neither beeps nor shows a failure', async () => {
  const { printSlip, press } = await showSlip([cancelled]);
  await press();
  await beeps.played();
  expect(printSlip).toHaveBeenCalledTimes(1);
  expect(document.querySelector('[role=alert]')).toBeNull();
  expect(beeps.count()).toBe(0);
});

it('Print pressed again while the slip is on its way to the printer sends it once, refused in words; the printer says it printed', async () => {
  let answer: (result: Result<PrintSlipResult>) => void = () => {};
  const printSlip = vi.fn(() => new Promise<Result<PrintSlipResult>>((resolve) => (answer = resolve)));
  await act(async () => root.render(<PackingSlipView api={{ printSlip } as unknown as BenchApi} slip={slip} onClose={() => {}} />));
  const printButton = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Print')!;
  // Enter twice, as gloved hands do: the label printer prints silently, so nothing showed the first went.
  await act(async () => printButton.click());
  await act(async () => printButton.click());
  expect(printSlip).toHaveBeenCalledTimes(1);
  expect(document.querySelector('[role=alert]')?.textContent).toContain('Already sending this slip to the printer: wait for it to go before printing another copy.');
  await beeps.played();
  expect(beeps.count()).toBe(1);
  await act(async () => answer({ ok: true, value: { outcome: 'printed', printer: 'Zebra ZD421' } }));
  expect(document.querySelector('[role=status]')?.textContent).toBe('Sent to the printer Zebra ZD421.');
  expect(document.querySelector('[role=alert]')).toBeNull();
  expect(beeps.count()).toBe(1);

  // Printed: a second copy is the packer's to ask for.
  await act(async () => printButton.click());
  expect(printSlip).toHaveBeenCalledTimes(2);
  expect(document.querySelector('[role=status]')?.textContent ?? '').not.toContain('Sent to');
});

it('opened (Ctrl+Shift+P) while a quantity box had the focus, a scan still closes the slip and is routed: its Enter never presses Print', async () => {
  const quantity = document.createElement('input');
  quantity.type = 'text';
  quantity.setAttribute('aria-label', 'Quantity');
  document.body.append(quantity);
  quantity.focus();
  const onClose = vi.fn();
  const printSlip = vi.fn(async () => cancelled);
  await act(async () => root.render(<PackingSlipView api={{ printSlip } as unknown as BenchApi} slip={slip} onClose={onClose} />));
  // The slip holds nothing to lose: it is no dialog that keeps a scan, whatever had the focus.
  expect(scanKeepingModalIsOpen()).toBe(false);
  act(() => closeDialogsForScan());
  expect(onClose).toHaveBeenCalledTimes(1);
  expect(printSlip).not.toHaveBeenCalled();
  quantity.remove();
});
