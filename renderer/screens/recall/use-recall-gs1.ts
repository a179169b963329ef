/**
 * GS1 codes scanned into the Recall form, read as Identifier Lookup reads them (one reader:
 * gs1-identifier-box.ts). The Identifier box searches what a code carries, in the product its GTIN
 * names; the SKU box finds the product by its GTIN (the product's barcode) and, when the code also
 * carries a serial, lot or use-by date, searches that as the Identifier box would. A GTIN several
 * products share (from before the import refused it, or from the hub) names none of them: the search is
 * refused naming each, until the SKU box holds the SKU of the one the packer has in hand. A product a code
 * names (or picked so) is searched by its exact SKU (skuMatch 'exact'): PHN-S's code finds neither
 * PHN-S2's units nor phn-s's, as the start of a SKU in any case (what a SKU typed by hand searches) would.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { BenchApi, Product } from '../../../shared/contract/api.js';
import { barcodeAsGtin14, type Gs1Scan } from '../../../shared/gs1/element-string.js';
import { pickBySku, sameSku, type RecallQuery, type RecallSkuMatch } from '../../../shared/trace/recall-query.js';
import { beepRefusal } from '../../scanner/beep.js';
import { quoteEntry, sharedGtinMessage } from '../../components/grid/box-entry.js';
import { gtinProductsQuery, malformedGs1Message, productName, unknownGtinMessage, useGs1IdentifierBox, type Gs1IdentifierBox } from '../../scanner/gs1-identifier-box.js';

export type MatchChoice = RecallQuery['match'] | 'lot' | 'use_by';

/** What the form asks for: its state, or what a GS1 code scanned into it turned it into. */
export interface RecallForm {
  match: MatchChoice;
  value: string;
  useByFrom: string;
  useByTo: string;
  sku: string;
  /** 'exact': the SKU box holds the SKU of the product a code named (or picked among a shared GTIN's); 'prefix': typed by hand. */
  skuMatch: RecallSkuMatch;
}

/** What the last GS1 code named as its product; `refusal`: it names none (said aloud and beeped). */
export interface Gs1Scope {
  text: string;
  refusal: boolean;
  /** Counts notes: each one mounts again, so a repeated refusal is announced again. */
  key: number;
}

export interface RecallGs1 {
  /** For both boxes' onKeyDown: Ctrl+] (or a GS key) puts GS where the caret is. */
  onKeyDown: Gs1IdentifierBox['onKeyDown'];
  scope: Gs1Scope | null;
  /**
   * A search is sent: a warning about the last scan goes (beside this search's refusal it would read as
   * this one's); the note of what the results shown cover stays with them until a search runs (showScope).
   */
  clearWarning: () => void;
  /** The form to search, a GS1 code in either box read; or why it is refused (the caller says it and beeps). */
  read: (form: RecallForm) => Promise<RecallForm | { refusal: string }>;
  /** Shows (and beeps, for a GTIN no product has) what the last read named, or nothing: call it when its search runs. */
  showScope: () => void;
}

/**
 * The search a GS1 code's identifier makes: its serial (21) exactly, else its lot (10), else its use-by
 * date (17) as that day. Scanned with "Lot" chosen, its lot first: a recall by lot of a pack carrying both.
 */
function searchOf(form: RecallForm, scan: Gs1Scan): RecallForm | null {
  const { serial, lot, useBy } = scan;
  if (form.match === 'lot' && lot !== null) return { ...form, value: lot };
  if (serial !== null) return { ...form, match: 'exact', value: serial };
  if (lot !== null) return { ...form, match: 'lot', value: lot };
  if (useBy !== null) return { ...form, match: 'use_by', value: '', useByFrom: useBy, useByTo: useBy };
  return null;
}

const scopeText = (product: Parameters<typeof productName>[0], what = 'The GS1 code') => `${what} is product ${productName(product)}: the search is for its units only.`;

/** The refusal of a GTIN several products share: the packer picks the product by its SKU. */
function sharedRefusal(gtin: string, products: readonly Product[]): { refusal: string } {
  return { refusal: `${sharedGtinMessage(gtin, products)} Type the SKU of the one you hold in the SKU box and search again.` };
}

/**
 * What a code read in one box did to what the packer typed in the other ('' for nothing typed, or the
 * same kept): the note says it, or the text typed was gone from the form without a word. `same`: how
 * the search compares that box's text (the SKU ignoring ASCII case: "phn-1" is PHN-1, nothing replaced;
 * an identifier exactly).
 */
function replacedText(typed: string, now: string, box: string, same: (a: string, b: string) => boolean = (a, b) => a === b): string {
  const was = typed.trim();
  if (was === '' || same(was, now.trim())) return '';
  return now.trim() === '' ? ` The code took ${quoteEntry(was)} out of the ${box} box.` : ` The code replaced ${quoteEntry(was)} in the ${box} box.`;
}

export function useRecallGs1(api: Pick<BenchApi, 'findProducts'>): RecallGs1 {
  const box = useGs1IdentifierBox();
  const queryClient = useQueryClient();
  const [scope, setScope] = useState<Gs1Scope | null>(null);
  const notes = useRef(0);
  // Held until the search runs: a search refused after the read (a dispatch range that ends before it
  // starts) searched nothing, and "The search is for every product" beside its refusal would be false.
  const pending = useRef<Omit<Gs1Scope, 'key'> | null>(null);
  const note = (text: string, refusal: boolean) => void (pending.current = { text, refusal });
  const productsOf = (gtin: string) => queryClient.fetchQuery(gtinProductsQuery(api, gtin));

  /**
   * A GS1 code in the SKU box names its product by GTIN; a serial, lot or use-by date it carries is
   * searched as in the Identifier box (`searched`). A GTIN no product has is refused: nothing is left to search by.
   * So is one several products share: which one is meant is not known (the SKU box is where the packer names it).
   * A product's plain barcode names it too.
   */
  async function readSkuBox(form: RecallForm): Promise<{ form: RecallForm; searched: boolean } | { refusal: string }> {
    const read = box.read(form.sku);
    if (read.kind === 'malformed') return { refusal: malformedGs1Message(form.sku, read.reason) };
    if (read.kind === 'plain') {
      // The product's own barcode as printed on its box (EAN-8/13, UPC-A): that product. Digits no
      // product has as its barcode stay a SKU search (a SKU may be digits).
      const barcode = barcodeAsGtin14(form.sku);
      const products = barcode === null ? [] : await productsOf(barcode);
      if (barcode !== null && products.length > 1) return sharedRefusal(barcode, products);
      const product = products[0];
      if (!product) return { form, searched: false };
      note(scopeText(product, 'The barcode'), false);
      return { form: { ...form, sku: product.sku, skuMatch: 'exact' }, searched: false };
    }
    const { gtin } = read.scan;
    if (gtin === null) return { refusal: 'The GS1 code carries no GTIN (01) to find its product by: scan it into the Identifier box to search what it carries.' };
    const products = await productsOf(gtin);
    if (products.length > 1) return sharedRefusal(gtin, products);
    const product = products[0];
    if (!product) return { refusal: unknownGtinMessage(gtin) };
    const named: RecallForm = { ...form, sku: product.sku, skuMatch: 'exact' };
    const searched = searchOf(named, read.scan);
    // The Identifier (or Lot) box's text goes for what the code carries (a use-by date empties it).
    const replaced = searched && form.match !== 'use_by' ? replacedText(form.value, searched.match === 'use_by' ? '' : searched.value, form.match === 'lot' ? 'Lot number' : 'Identifier') : '';
    note(`${scopeText(product)}${replaced}`, false);
    return searched ? { form: searched, searched: true } : { form: named, searched: false };
  }

  /**
   * A GS1 code in the Identifier (or Lot) box searches what it carries: its serial (21) exactly, else its lot
   * (10) as a lot search, else its use-by date (17) as that day; the product its GTIN (01) is the
   * barcode of fills the SKU filter, exactly. A GTIN no product has searches every product, said and beeped. A
   * GTIN several products share searches the one whose SKU the SKU box holds (exactly, else in another
   * ASCII case when only one is so), and is refused, naming each, while it holds none of them. Plain text
   * is searched as typed.
   */
  async function readIdentifierBox(form: RecallForm): Promise<RecallForm | { refusal: string }> {
    // The Lot box too: a pack's code scanned there was searched as a lot of that whole text, and a
    // recall read "No dispatched unit matched" for a lot that was dispatched.
    if (form.match === 'use_by') return form;
    const read = box.read(form.value);
    if (read.kind === 'malformed') return { refusal: malformedGs1Message(form.value, read.reason) };
    if (read.kind === 'plain') return form;
    const next = searchOf(form, read.scan);
    if (!next) return { refusal: 'The GS1 code carries no serial number, lot or use-by date to search for.' };
    const { gtin } = read.scan;
    if (gtin === null) return next;
    const products = await productsOf(gtin);
    if (products.length > 1) {
      const picked = pickBySku(products, form.sku.trim());
      if (!picked) return sharedRefusal(gtin, products);
      note(`${sharedGtinMessage(gtin, products)} The search is for the units of ${productName(picked)}, the SKU typed.`, false);
      return { ...next, sku: picked.sku, skuMatch: 'exact' };
    }
    const product = products[0];
    const sku = product?.sku ?? '';
    const replaced = replacedText(form.sku, sku, 'SKU', sameSku);
    if (product) note(`${scopeText(product)}${replaced}`, false);
    else note(`${unknownGtinMessage(gtin)} The search is for every product.${replaced}`, true);
    return { ...next, sku, skuMatch: product ? 'exact' : 'prefix' };
  }

  return {
    onKeyDown: box.onKeyDown,
    scope,
    clearWarning: () => setScope((shown) => (shown?.refusal ? null : shown)),
    showScope: () => {
      const shown = pending.current;
      pending.current = null;
      setScope(shown === null ? null : { ...shown, key: ++notes.current });
      if (shown?.refusal) beepRefusal();
    },
    read: async (form) => {
      pending.current = null;
      const fromSku = await readSkuBox(form);
      if ('refusal' in fromSku) return fromSku;
      return fromSku.searched ? fromSku.form : readIdentifierBox(fromSku.form);
    },
  };
}
