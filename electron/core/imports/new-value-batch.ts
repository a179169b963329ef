/**
 * New identifier values waiting for one INSERT … SELECT FROM json_each: a JSON array of
 * [product id, value, use-by date] written as UTF-8 into ONE buffer reused for every statement, and
 * the staging seq of each entry's line. Nothing per value stays on V8's heap until the statement:
 * a JSON string built per statement (hundreds of KB) lands in the large-object space, and objects
 * per value (with the staged rows they point to) outlive the young generation; either piled up to
 * ~100 MB of heap between full collections on a 1,000,000-row file (more on a loaded machine), the
 * largest part of the importer's peak RSS and what kept statements small.
 */
const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]
/** UTF-8 takes at most 3 bytes per UTF-16 code unit. */
const MAX_BYTES_PER_UNIT = 3;
/**
 * Entries are joined in a string of up to this many characters before it is written to the buffer: a
 * write per entry cost about 0.3 s of CPU per 1,000,000 values. Kept well under V8's large-object size.
 */
const PENDING_CHARS = 16 * 1024;

export class NewValueBatch {
  private readonly bytes: Buffer;
  private readonly seqs: Float64Array;
  private used = 1;
  private entries = 0;
  /** Entries added but not yet written to the buffer. */
  private pending = '';

  constructor(maxEntries: number, capacityBytes: number) {
    this.bytes = Buffer.allocUnsafe(capacityBytes);
    this.bytes[0] = OPEN;
    this.seqs = new Float64Array(maxEntries);
  }

  get size(): number {
    return this.entries;
  }

  /** True when no further entry may be added: write the batch first. */
  get full(): boolean {
    return this.entries === this.seqs.length;
  }

  /** Adds one entry; false (nothing added) when it might not fit: write the batch and add it again. */
  add(seq: number, productId: number, value: string, useBy: string | null): boolean {
    if (this.full) return false;
    const entry = `${this.entries ? ',' : ''}[${productId},${JSON.stringify(value)},${useBy === null ? 'null' : JSON.stringify(useBy)}]`;
    // The closing bracket always fits; an empty batch takes any entry (values are at most 200 characters).
    if (this.entries && this.used + (this.pending.length + entry.length) * MAX_BYTES_PER_UNIT + 1 > this.bytes.length) return false;
    this.pending += entry;
    if (this.pending.length >= PENDING_CHARS) this.writePending();
    this.seqs[this.entries++] = seq;
    return true;
  }

  private writePending(): void {
    this.used += this.bytes.write(this.pending, this.used, 'utf8');
    this.pending = '';
  }

  /** The staging seq of the i-th entry. */
  seqAt(i: number): number {
    return this.seqs[i]!;
  }

  /** The entries as [product id, value, use-by date] (the rare path: some were not inserted). */
  parse(): Array<[number, string, string | null]> {
    return JSON.parse(this.json().toString('utf8')) as Array<[number, string, string | null]>;
  }

  /** The JSON text of the entries added since the last clear (a view of the buffer: use it before the next add). */
  json(): Buffer {
    this.writePending();
    this.bytes[this.used] = CLOSE;
    return this.bytes.subarray(0, this.used + 1);
  }

  clear(): void {
    this.pending = '';
    this.used = 1;
    this.entries = 0;
  }
}
