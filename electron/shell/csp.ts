/**
 * The Content-Security-Policy of the desktop window, sent as a header with every app:// response.
 * Stricter than browser mode's: the renderer talks to the bench only through the preload bridge,
 * so it may not connect anywhere; scripts only from the app itself, no eval, no plugins, no frames.
 * ('unsafe-inline' for styles only, as in browser mode: React style attributes and inline <style>.)
 */
export const SHELL_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "media-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "worker-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
