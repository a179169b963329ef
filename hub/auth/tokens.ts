import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'pbh_';

/** A new bearer token: shown once, never stored. */
export function newToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/** What the database keeps instead of the token. A plain SHA-256 is enough: tokens are 256 random bits. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
