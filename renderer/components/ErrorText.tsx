import type { ReactNode } from 'react';

/** A refusal or failure, announced to screen readers, marked by a symbol and words, not colour alone. */
export function ErrorText({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p id={id} role="alert" className="error-text">
      <span aria-hidden="true">⚠ </span>
      {children}
    </p>
  );
}
