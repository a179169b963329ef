/**
 * A box an identifier is typed or scanned into, read as Identifier Lookup and Recall read it: a GS1
 * code (GS as the GS key, Ctrl+] or the substitute set in scanner settings) or a plain value; and the
 * products a GS1 code's GTIN names, by their barcode, in the words both screens show.
 */
import type { KeyboardEvent } from 'react';
import type { BenchApi, Product } from '../../shared/contract/api.js';
import { readGs1, type Gs1Read } from '../../shared/gs1/element-string.js';
import { findProductsByGtin, quoteEntry } from '../components/grid/box-entry.js';
import { benchKeys, useBenchQuery } from '../api/queries.js';
import { insertGs, isGsKey } from './gs-key.js';
import { useScanOptions } from './scanner-settings.js';

export interface Gs1IdentifierBox {
  /** The text typed or scanned, read with this bench's GS substitute. */
  read: (raw: string) => Gs1Read;
  /** For the box's onKeyDown: Ctrl+] (or a GS key) puts GS where the caret is. */
  onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
}

export function useGs1IdentifierBox(): Gs1IdentifierBox {
  const { gsSubstitute = '' } = useScanOptions();
  return {
    read: (raw) => readGs1(raw, { gsSubstitute }),
    onKeyDown: (event) => {
      if (!isGsKey(event)) return;
      event.preventDefault();
      insertGs(event.currentTarget);
    },
  };
}

/** The refusal of a code that looks like GS1 but cannot be read, quoting what was scanned as the boxes do (GS visible, shortened with "…"). */
export function malformedGs1Message(raw: string, reason: string): string {
  return `${quoteEntry(raw)} was refused: ${reason}.`;
}

/** A product as a GS1 code's scope names it: "MED-1 (Med One)", or the SKU alone when it has no title. */
export function productName(product: Pick<Product, 'sku' | 'title'>): string {
  return product.title ? `${product.sku} (${product.title})` : product.sku;
}

/** Said when a GS1 code's GTIN is no product's barcode. */
export function unknownGtinMessage(gtin: string): string {
  return `The scanned GTIN ${gtin} is no product's barcode on this bench.`;
}

/**
 * The query key and call of "which products have this GTIN as their barcode" (none: an empty list;
 * several: a barcode shared, from before the import refused it or from the hub), shared by the screens.
 */
export function gtinProductsQuery(api: Pick<BenchApi, 'findProducts'>, gtin: string) {
  return {
    queryKey: benchKeys.trace('gtin', gtin),
    queryFn: () => findProductsByGtin(api, gtin),
  };
}

/** The products whose barcode is `gtin`, by SKU (empty: none; undefined: not known yet, or no GTIN asked). */
export function useGtinProducts(api: Pick<BenchApi, 'findProducts'>, gtin: string | null): Product[] | undefined {
  const { queryFn } = gtinProductsQuery(api, gtin ?? '');
  const found = useBenchQuery(benchKeys.trace('gtin', gtin), async () => ({ ok: true as const, value: await queryFn() }), { enabled: gtin !== null });
  return gtin === null ? undefined : found.data;
}
