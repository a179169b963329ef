/**
 * Large CSV files for the streaming import's test and benchmark, written in chunks (never held whole):
 * `products` multiple-use products and an identifiers file of `rows` rows spread over them, with
 * non-ASCII text so multi-byte characters fall across read chunks.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export const largeSku = (p: number) => `SKU-${String(p).padStart(6, '0')}`;
export const largeIdentifier = (i: number) => `LOT-${String(i).padStart(8, '0')}-é€𝄞`;

async function writeLines(path: string, header: string, count: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  let chunk = '';
  for (let i = 0; i < count; i++) {
    chunk += `${line(i)}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/** `padTo`: identifiers padded to about that many characters (a large file without more rows). */
export async function writeLargeCatalogue(dir: string, rows: number, products = 1_000, padTo = 0): Promise<{ products: string; identifiers: string }> {
  const files = { products: `${dir}/products.csv`, identifiers: `${dir}/identifiers.csv` };
  await writeLines(files.products, 'sku,title,barcode,identifier_mode,stock_level', products, (p) => `${largeSku(p)},"Crème brûlée, lot ${p}",,multiple_use,0`);
  const pad = (value: string) => (value.length < padTo ? `${value}-${'x'.repeat(padTo - value.length - 1)}` : value);
  await writeLines(files.identifiers, 'sku,identifier', rows, (i) => `${largeSku(i % products)},${pad(largeIdentifier(i))}`);
  return files;
}
