/**
 * A menu button (WAI-ARIA APG "menu button" pattern): the button opens a role="menu" popup whose
 * items are reached with the arrow keys, Home/End and first letters; Escape or Tab closes it.
 * Items are grouped in labelled sections, as users know the "Actions" menu ("Shipping", …).
 * F1 or "?" closes it onto its button and shows the keyboard shortcuts.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { isHelpKey } from '../app/use-help-key.js';

export interface MenuItem {
  label: string;
  onSelect: () => void;
}

export interface MenuSection {
  label: string;
  items: MenuItem[];
}

export function MenuButton({ label, sections, buttonId }: { label: string; sections: MenuSection[]; buttonId?: string }) {
  const generatedId = useId();
  const id = buttonId ?? generatedId;
  const [open, setOpen] = useState(false);
  const [focusIndex, setFocusIndex] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<Array<HTMLButtonElement | null>>([]);
  const items = sections.flatMap((s) => s.items);

  useEffect(() => {
    if (open) itemRefs.current[focusIndex]?.focus();
  }, [open, focusIndex]);

  function openAt(index: number) {
    setFocusIndex(index);
    setOpen(true);
  }

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }

  function activate(item: MenuItem) {
    close(true);
    item.onSelect();
  }

  function onButtonKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    // Enter and Space reach onClick as usual; the arrows open the menu too.
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      openAt(0);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(items.length - 1);
    }
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const last = items.length - 1;
    const moves: Record<string, () => number> = {
      ArrowDown: () => (focusIndex >= last ? 0 : focusIndex + 1),
      ArrowUp: () => (focusIndex <= 0 ? last : focusIndex - 1),
      Home: () => 0,
      End: () => last,
    };
    const move = moves[event.key];
    if (isHelpKey(event)) {
      // The keyboard shortcuts open over the page (the key goes on to the app's listener): the menu
      // closes and its button takes the focus first (APG), so it is where the focus comes back to,
      // not a menu item hidden meanwhile (the focus then fell to the page).
      close(true);
    } else if (move) {
      event.preventDefault();
      setFocusIndex(move());
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    } else if (event.key.length === 1 && /\S/.test(event.key)) {
      const letter = event.key.toLowerCase();
      const order = [...items.keys()].map((i) => (focusIndex + 1 + i) % items.length);
      const match = order.find((i) => items[i]!.label.toLowerCase().startsWith(letter));
      if (match !== undefined) setFocusIndex(match);
    }
  }

  let itemIndex = 0;
  return (
    <div
      className="menu-button"
      onBlur={(e) => {
        if (open && !e.currentTarget.contains(e.relatedTarget as Node | null)) close(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        id={`${id}-button`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        onClick={() => (open ? close(true) : openAt(0))}
        onKeyDown={onButtonKeyDown}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      <div id={`${id}-menu`} role="menu" aria-labelledby={`${id}-button`} className="menu" hidden={!open} onKeyDown={onMenuKeyDown}>
        {sections.map((section, s) => (
          <div key={section.label} role="group" aria-labelledby={`${id}-section-${s}`}>
            <div role="presentation" id={`${id}-section-${s}`} className="menu-section-title">
              {section.label}
            </div>
            {section.items.map((item) => {
              const index = itemIndex++;
              return (
                <button
                  key={item.label}
                  ref={(el) => void (itemRefs.current[index] = el)}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  onClick={() => activate(item)}
                >
                  {item.label}
                </button>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
