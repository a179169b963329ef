import { badRequest } from '../http/errors.js';

/** A position in an xid-stamped log: everything up to (xid, id) in (xid, id) order has been read. */
export interface Position {
  xid: string;
  id: string;
}

export const START: Position = { xid: '0', id: '0' };
const SHAPE = /^(\d{1,20}):(\d{1,19})$/;
// PostgreSQL's ranges: xid8 is unsigned 64-bit, the row id a bigint.
const MAX_XID = 2n ** 64n - 1n;
const MAX_ID = 2n ** 63n - 1n;

export function encodeCursor(position: Position): string {
  return Buffer.from(`${position.xid}:${position.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Position {
  if (cursor === undefined || cursor === '') return START;
  const match = SHAPE.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || BigInt(match[1]!) > MAX_XID || BigInt(match[2]!) > MAX_ID) {
    throw badRequest('cursor: not a cursor this hub issued; start again without one');
  }
  return { xid: match[1]!, id: match[2]! };
}
