/**
 * The box holding the focus gone (its order, or its unit, dispatched elsewhere while the dialog is
 * open): it would refuse every scan, so the focus goes on as after a scan there (the next box that takes
 * one, else the dialog's main action), and `text` says where ("Focus moved to order SO-1, PHN-1 unit 2.")
 * until the packer's next key. Focus anywhere else stays where the packer put it.
 */
import { useEffect, useState, type RefObject } from 'react';
import { boxByKey, describeBox, isUnitGone, nextBox, type BoxRef, type SheetIndex, type UnitsGone } from './allocation-model.js';

export function useFocusOffGoneBox(options: {
  index: SheetIndex | null;
  gone: ReadonlySet<number>;
  unitsGone: UnitsGone;
  focusedKey: () => string | null;
  focusBox: (box: BoxRef) => void;
  mainAction: RefObject<HTMLButtonElement | null>;
  mainLabel: string;
}): { text: string | null; clear: () => void } {
  const { index, gone, unitsGone, focusedKey, focusBox, mainAction, mainLabel } = options;
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    const key = focusedKey();
    const box = key && index ? boxByKey(index, key) : null;
    if (!box || !index || !(gone.has(box.orderId) || isUnitGone(unitsGone, box.lineId, box.unit))) return;
    const next = nextBox(index, box, gone, unitsGone);
    if (next) focusBox(next);
    else mainAction.current?.focus();
    setText(`Focus moved to ${next ? describeBox(next) : mainLabel}.`);
  }, [gone, unitsGone, index]); // eslint-disable-line react-hooks/exhaustive-deps -- only when boxes go
  return { text, clear: () => text !== null && setText(null) };
}
