import type { ReactNode } from 'react';

/**
 * A refusal or failure, announced to screen readers, marked by a symbol and words, not colour alone.
 * `again`: a refusal's key (useRefusal): each new refusal puts the alert in anew, so the same words
 * refused twice are announced twice (unchanged text in an alert is not read out again).
 */
export function ErrorText({ id, className = 'error-text', again, children }: { id?: string; className?: string; again?: number; children: ReactNode }) {
  return (
    <p key={again} id={id} role="alert" className={className}>
      <span aria-hidden="true">⚠ </span>
      {children}
    </p>
  );
}
