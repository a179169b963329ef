/**
 * Which IPC senders may call the bench: the main frame of a page served from our own custom
 * protocol (app://bench/...). Subframes, other origins, file://, http(s):// and detached or
 * unknown frames are refused before any handler runs.
 */

/** The part of Electron's WebFrameMain the check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
  readonly detached?: boolean;
}

export interface TrustedOrigin {
  /** e.g. 'app:' (with the colon, as URL.protocol reports it). */
  readonly protocol: string;
  /** e.g. 'bench'. */
  readonly host: string;
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

export function isTrustedUrl(url: string, origin: TrustedOrigin): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === origin.protocol && parsed.host === origin.host && parsed.username === '' && parsed.password === '';
}

export function checkSenderFrame(frame: FrameLike | null | undefined, origin: TrustedOrigin): SenderVerdict {
  if (!frame) return { ok: false, reason: 'the calling frame is gone' };
  if (frame.detached === true) return { ok: false, reason: 'the calling frame is detached' };
  if (frame.parent !== null) return { ok: false, reason: 'calls are only accepted from the main frame' };
  if (!isTrustedUrl(frame.url, origin)) return { ok: false, reason: `calls from ${describeUrl(frame.url)} are not accepted` };
  return { ok: true };
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.host ? `${parsed.protocol}//${parsed.host}` : parsed.protocol;
  } catch {
    return 'an unknown page';
  }
}
