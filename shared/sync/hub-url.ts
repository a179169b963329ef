/**
 * Whether a bench's hub URL exposes the bench's token and the warehouse's data on the network.
 * Plain http is fine to the bench's own machine (loopback) and nowhere else.
 */

/**
 * 127.0.0.0/8, ::1, IPv4-mapped 127.x (::ffff:7fxx:xxxx), localhost and *.localhost: these never leave
 * the machine. Takes a URL's hostname (the WHATWG URL parser has already normalised the address).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}

/**
 * A sentence warning that the hub URL sends the token and the data unencrypted over the network
 * (plain http to a host other than this machine), or null when it does not (https, loopback, or not
 * a URL at all: the settings check reports that).
 */
export function hubUrlWarning(hubUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(hubUrl.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return null;
  return `The hub URL ${url.origin} is plain http to another machine: this bench's token and the warehouse's data cross the network unencrypted. Use an https:// URL.`;
}
