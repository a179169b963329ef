/**
 * HTTPS for the hub: with a certificate and key (PEM) the hub serves HTTPS, otherwise plain HTTP
 * (fine on loopback or behind a TLS-terminating proxy; benches warn about plain HTTP elsewhere).
 * `npm run hub` reads them from HUB_TLS_CERT and HUB_TLS_KEY (paths to PEM files).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

export interface HubTls {
  /** PEM text of the certificate (with any intermediates after it). */
  cert: string | Buffer;
  /** PEM text of its private key. */
  key: string | Buffer;
}

/** The TLS material named by HUB_TLS_CERT / HUB_TLS_KEY, or null when neither is set. Throws a sentence otherwise. */
export function tlsFromEnv(env: NodeJS.ProcessEnv): HubTls | null {
  const certPath = env.HUB_TLS_CERT?.trim() ?? '';
  const keyPath = env.HUB_TLS_KEY?.trim() ?? '';
  if (!certPath && !keyPath) return null;
  if (!certPath || !keyPath) {
    throw new Error('set both HUB_TLS_CERT and HUB_TLS_KEY (paths to PEM files) to serve HTTPS, or neither for plain HTTP');
  }
  return { cert: readPem(certPath, 'HUB_TLS_CERT', 'CERTIFICATE'), key: readPem(keyPath, 'HUB_TLS_KEY', 'PRIVATE KEY') };
}

function readPem(file: string, variable: string, label: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`${variable}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { cause: err });
  }
  if (!text.includes(`-----BEGIN `) || !text.includes(label)) {
    throw new Error(`${variable}: ${file} is not a PEM file holding a ${label.toLowerCase()}`);
  }
  return text;
}

export type HubServer = http.Server | https.Server;

/**
 * Idle keep-alive connections live this long. Node's default (5 s) races a busy client: its pool
 * (which closes idle sockets 1 s before the server's announced timeout) may send a push on a socket
 * the hub is closing at that moment, and a push cannot be retried blindly. A bench syncing every
 * 10 s also keeps its connection (and TLS session) across cycles.
 */
const KEEP_ALIVE_MS = 75_000;

/** An HTTPS server when `tls` is given (its certificate and key checked now), else an HTTP server. */
export function createHttpServer(listener: http.RequestListener, tls: HubTls | undefined): HubServer {
  const options = { keepAliveTimeout: KEEP_ALIVE_MS };
  if (!tls) return http.createServer(options, listener);
  try {
    return https.createServer({ ...options, cert: tls.cert, key: tls.key }, listener);
  } catch (err) {
    throw new Error(`the TLS certificate or key cannot be used: ${(err as Error).message}`, { cause: err });
  }
}
