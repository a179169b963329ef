import type { ErrorBody } from '../../shared/sync/protocol.js';

/** An answer other than success, thrown by a handler and turned into JSON by the server. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorBody['error'],
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new HttpError(400, 'bad_request', message);
