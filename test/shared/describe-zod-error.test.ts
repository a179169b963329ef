/**
 * What describeZodError says, as the hub answers an integrator or a bench and the bench shows a person:
 * every problem names its field in words, what was expected and what came, never zod's own wording
 * ("Invalid option: expected one of ...", "Invalid input: expected array, received string").
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeZodError as describeForBench } from '../../shared/contract/result.js';
import { wholeNamed } from '../../shared/sync/issue-words.js';
import { syncOpSchema } from '../../shared/sync/ops.js';
import { describeZodError, orderInputSchema, productsRequestSchema, pushRequestSchema } from '../../shared/sync/protocol.js';

function described(schema: z.ZodType, value: unknown, whole?: string): string {
  const parsed = schema.safeParse(value, whole === undefined ? undefined : { error: wholeNamed(whole) });
  if (parsed.success) throw new Error(`expected ${JSON.stringify(value)} to be refused`);
  return describeZodError(parsed.error, whole === undefined ? '(body)' : '');
}

const product = { type: 'product.upsert', sku: 'P1', title: 'Cable', barcode: null, identifierMode: 'none' };

describe('describeZodError', () => {
  it('names a value outside a set of options, and what came', () => {
    expect(described(syncOpSchema, { ...product, identifierMode: 'serial' })).toBe('identifierMode: identifier mode must be one of none, single_use, multiple_use, not "serial"');
    expect(described(syncOpSchema, { ...product, identifierMode: 3 })).toBe('identifierMode: identifier mode must be one of none, single_use, multiple_use, not a number (3)');
    expect(described(syncOpSchema, { type: 'product.mode', sku: 'P1' })).toBe('identifierMode: identifier mode is missing; give one of none, single_use, multiple_use');
  });

  it('names an op of a type there is not, with the types there are', () => {
    expect(described(syncOpSchema, { type: 'stock.teleport', sku: 'P1' })).toMatch(/^type: type must be one of product\.upsert, product\.mode, .*, not "stock\.teleport"$/);
    expect(described(z.object({ op: syncOpSchema }), { op: { sku: 'P1' } })).toMatch(/^op\.type: op type is missing; give one of product\.upsert, /);
  });

  it('names a value of the wrong JSON type, and what it was', () => {
    expect(described(syncOpSchema, { type: 'identifier.add', sku: 'P1', values: 'SN-1' })).toBe('values: values must be a list, not text ("SN-1")');
    expect(described(syncOpSchema, { type: 'identifier.add', sku: 'P1', values: [null] })).toBe('values.0: identifier must be text, not null');
    expect(described(pushRequestSchema, 'push')).toBe('(body): the value must be an object, not text ("push")');
    expect(described(pushRequestSchema, { stationId: 'A', entries: [{ seq: 1.5, at: null, actor: null, op: null }] })).toBe('entries.0.seq: seq must be a whole number, not 1.5');
  });

  it('names an item by its place in the list, counting from 1', () => {
    expect(described(orderInputSchema, null, 'order 1')).toBe('order 1 must be an object, not null');
    expect(described(orderInputSchema, { orderNumber: 'SO-1', customer: 'C', lines: [{ lineNo: 1, sku: 'P1', quantity: 1 }, 'x'] }, 'order 1')).toBe(
      'lines.1: line 2 must be an object, not text ("x")',
    );
  });

  it('says a list is empty or too long in words', () => {
    expect(described(productsRequestSchema, { products: [] })).toBe('products: products is empty; send at least one product');
    expect(described(productsRequestSchema, { products: Array.from({ length: 1_001 }, () => ({})) })).toBe('products: products has 1001 items; send at most 1000');
  });

  it('says a number out of range once, though two checks refuse it', () => {
    expect(described(pushRequestSchema, { stationId: 'A', entries: [{ seq: 1e30, at: null, actor: null, op: null }] })).toBe('entries.0.seq: seq must be at most 9007199254740991, not 1e+30');
  });

  it('keeps the words a field schema gives itself', () => {
    expect(described(orderInputSchema, { orderNumber: 1001, customer: 'C', lines: [{ lineNo: 1, sku: 'P1', quantity: 1 }] }, 'order 1')).toBe('orderNumber: order number must be text, not a number (1001); send it in quotes');
  });

  it('refuses a push whose seqs repeat or step back, naming the seq', () => {
    const entry = (seq: number) => ({ seq, at: null, actor: null, op: null });
    expect(described(pushRequestSchema, { stationId: 'A', entries: [entry(1), entry(2), entry(2)] })).toBe('entries.2.seq: seq 2 is repeated (entries.1 has it too); send each seq once');
    expect(described(pushRequestSchema, { stationId: 'A', entries: [entry(3), entry(1)] })).toBe('entries.1.seq: seq 1 comes after seq 3; list entries in seq order');
    expect(pushRequestSchema.safeParse({ stationId: 'A', entries: [entry(1), entry(3)] }).success).toBe(true);
  });

  it('says the same on the bench, for the contract schemas', () => {
    const parsed = z.object({ shelfLifeDays: z.number().int() }).safeParse({ shelfLifeDays: '30' });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(describeForBench(parsed.error).message).toBe('Invalid arguments: shelfLifeDays: shelf life days must be a number, not text ("30")');
  });

  it('names a field the bench does not take (the error map says only "not a field of ...")', async () => {
    const { getSettingsArgs } = await import('../../shared/contract/settings-schemas.js');
    const parsed = getSettingsArgs.safeParse({ hubURL: 'x' });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(describeForBench(parsed.error).message).toBe('Invalid arguments: hubURL: not a field of the value');
  });

  it('says an empty text is empty, not "at least 1 characters long, not 0"', () => {
    const parsed = z.object({ sku: z.string().min(1) }).safeParse({ sku: '' });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(describeForBench(parsed.error).message).toBe('Invalid arguments: sku: sku is empty');
  });
});
