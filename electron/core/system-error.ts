/** The operating system's error code (ENOENT, EBUSY, ENOSPC…) of a failed file operation, or null for any other error. */
export function systemErrorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : null;
}
