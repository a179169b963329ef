/**
 * One contract call over loopback HTTP (browser mode): POST /api/<method> with the bench secret. The
 * body comes back unchecked; http-transport.ts checks it against the contract. Free of the contract's
 * schemas, so the start-up script can make a call before they have loaded.
 */

/** The host answered (`body` is its JSON, or null when it was not JSON), or it could not be reached. */
export type HttpReply = { reached: true; body: unknown } | { reached: false };

export async function postBenchCall(baseUrl: string, secret: string, method: string, args: unknown, fetchImpl: typeof fetch = fetch): Promise<HttpReply> {
  let response: Response;
  try {
    response = await fetchImpl(new URL(`api/${method}`, baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` },
      body: JSON.stringify(args ?? {}),
    });
  } catch {
    return { reached: false };
  }
  const body: unknown = await response.json().catch(() => null);
  return { reached: true, body };
}
