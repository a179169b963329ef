/**
 * "Products" → "Search": finds products by SKU, title or barcode and opens one. The results are one
 * query in the cache keyed by the search: a change by sync, the CLI or another screen shows at once.
 * Enter in the box searches its text; a scan ending in Tab (a scanner set to send Tab) counts as
 * Enter, as in "Search orders"; a person's Tab still just moves focus on. A scan stands alone: text
 * typed before it is not part of it. A product's GS1 code, or its barcode in another GTIN form (the
 * EAN-13 of a UPC-A), finds the product whose barcode its GTIN is, as the same scan outside a box opens it.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { rowAfterKey } from '../../components/list-keys.js';
import { useShowMoreFocus } from '../../components/use-show-more-focus.js';
import type { BenchApi, Product, ResultOf } from '../../../shared/contract/api.js';
import { IDENTIFIER_MODE_LABELS } from '../../../shared/domain/modes.js';
import { ErrorText } from '../../components/ErrorText.js';
import { searchTooLongWords } from '../../components/search-too-long.js';
import { useRefusal } from '../../components/use-refusal.js';
import { benchKeys, unwrap, type BenchCallError } from '../../api/queries.js';
import { useScanOptions } from '../../scanner/scanner-settings.js';
import { useScanInBox } from '../../scanner/use-scan-in-box.js';
import { counted, withThousands } from '../../../shared/domain/counted.js';
import { barcodeAsGtin14, readGs1, scannedSearchText } from '../../../shared/gs1/element-string.js';
import { findProductsByGtin, sharedGtinMessage } from '../../components/grid/box-entry.js';
import './products.css';

const PAGE_SIZE = 50;

export interface SearchState {
  query: string;
  /** The query the results belong to. */
  searched: string;
}

/** The list is useful before any search: the first products show at once. */
export const EMPTY_SEARCH: SearchState = { query: '', searched: '' };

/**
 * `gtin`: the results are the product whose barcode is that GTIN (the text was a GS1 code, or a barcode in another form).
 * `unreadGs1`: the text looked like a GS1 code but could not be read as one (why), and as text found nothing.
 */
type FoundPage = ResultOf<'findProducts'> & { gtin?: string; unreadGs1?: string };

/**
 * One page of a search. A GS1 code is searched by its GTIN (its text is no SKU, title or barcode);
 * a text that finds nothing but reads as a GTIN (a UPC-A scanned as its EAN-13) finds that GTIN's product.
 */
async function findPage(api: BenchApi, searched: string, offset: number, gsSubstitute: string): Promise<FoundPage> {
  const read = searched === '' ? null : readGs1(searched, { gsSubstitute });
  if (read?.kind === 'gs1' && read.scan.gtin !== null) return byGtin(api, read.scan.gtin, true);
  const page = await unwrap(api.findProducts({ query: searched, offset, limit: PAGE_SIZE }));
  if (offset === 0 && page.total === 0 && read?.kind === 'malformed') return { ...page, unreadGs1: read.reason };
  if (offset > 0 || read?.kind !== 'plain') return page;
  const gtin = barcodeAsGtin14(read.value);
  if (gtin === null) return page;
  if (page.total === 0) return byGtin(api, gtin, false);
  // A barcode found as text may be another product's too (written as another GTIN form): all are listed, said.
  const holders = await findProductsByGtin(api, gtin);
  return holders.length > 1 ? { total: holders.length, items: holders, gtin } : page;
}

// A GTIN several products share lists them all (a list lets the packer pick the one held), saying so.
async function byGtin(api: BenchApi, gtin: string, gs1: boolean): Promise<FoundPage> {
  const products = await findProductsByGtin(api, gtin);
  if (products.length > 0) return { total: products.length, items: products, gtin };
  return gs1 ? { total: 0, items: [], gtin } : { total: 0, items: [] };
}

/** A search's results; ProductsScreen patches a product changed on its screen into every search. */
const productSearchKey = (searched: string) => benchKeys.products('search', searched);

interface ProductSearchProps {
  api: BenchApi;
  state: SearchState;
  onState: (state: SearchState) => void;
  onOpen: (product: Product) => void;
  /** The product last opened, focused again on return. */
  returnedFrom: number | null;
}

export function ProductSearch({ api, state, onState, onOpen, returnedFrom }: ProductSearchProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const resultsRef = useRef<HTMLUListElement>(null);
  const scanOptions = useScanOptions();
  // The core refuses a longer search in code words: said here, at the box, and nothing is searched.
  const tooLong = tooLongWords(state.query);
  const refusal = useRefusal();
  const results = useInfiniteQuery<FoundPage, BenchCallError, { pages: FoundPage[] }, readonly unknown[], number>({
    queryKey: productSearchKey(state.searched),
    queryFn: ({ pageParam }) => findPage(api, state.searched, pageParam, scanOptions.gsSubstitute ?? ''),
    initialPageParam: 0,
    getNextPageParam: (last, all) => {
      const shown = all.reduce((n, page) => n + page.items.length, 0);
      return shown < last.total ? shown : undefined;
    },
  });
  const pages = results.data?.pages ?? [];
  // Rows may move between pages while they are read again (a product added): each shows once.
  const items = [...new Map(pages.flatMap((page) => page.items).map((p) => [p.id, p])).values()];
  const total = pages.length ? pages[pages.length - 1]!.total : -1;
  const gtin = pages[0]?.gtin;
  const unreadGs1 = pages[0]?.unreadGs1;
  const busy = results.isLoading || results.isFetchingNextPage;
  const error = results.error?.message ?? null;
  const found = total >= 0;
  const { moreRef, showMore } = useShowMoreFocus(items.length, results.isFetchingNextPage, (index) =>
    resultsRef.current?.querySelectorAll<HTMLButtonElement>('button.product-result')[index],
  );

  // Focus once, when the screen opens: back on the product last opened, else in the search box. The
  // list may not be read yet (a product a GS1 scan opened, or results dropped from the cache while the
  // product was open): the product then gets the focus in the commit that shows it, unless the packer
  // has already moved on; one the list does not show leaves the focus in the search box.
  const focusPending = useRef<'mount' | 'waiting' | null>('mount');
  const returnedButton = returnedFrom === null ? null : items.find((p) => p.id === returnedFrom);
  const listRead = found && !busy;
  useEffect(() => {
    const pending = focusPending.current;
    if (pending === null) return;
    const movedOn = pending === 'waiting' && document.activeElement !== null && document.activeElement !== document.body;
    focusPending.current = null;
    if (movedOn) return;
    if (returnedFrom === null || (listRead && !returnedButton)) inputRef.current?.focus();
    else if (returnedButton) resultsRef.current?.querySelector<HTMLButtonElement>(`[data-product-id="${returnedFrom}"]`)?.focus();
    else focusPending.current = 'waiting';
  }, [returnedFrom, returnedButton, listRead]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    search(state.query);
  }

  /** Enter: search the box's text; a scan (`scanned`): search what was scanned, which replaces the box's text. */
  function search(text: string, scanned = false) {
    const searched = text.trim();
    const query = scanned ? text : state.query;
    const refused = tooLongWords(text);
    if (refused) {
      if (query !== state.query) onState({ ...state, query });
      return refusal.refuse(refused);
    }
    // The same search again: its results are current already (the change stream keeps them so).
    if (searched === state.searched) {
      if (query !== state.query) onState({ ...state, query });
      void results.refetch();
    } else onState({ query, searched });
  }

  /** Down from the box: into the products found; typed but not searched yet, searches first. */
  function downFromBox(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'ArrowDown') return;
    // Typed but not searched yet: the list below is for the last search, so search first (the
    // focus stays here; Down again goes into the new results).
    if (state.query.trim() !== state.searched) {
      event.preventDefault();
      search(state.query);
      return;
    }
    const first = resultsRef.current?.querySelector<HTMLButtonElement>('button.product-result');
    if (!first) return;
    event.preventDefault();
    first.focus();
  }

  /**
   * Tab ending a scan is the scanner's Enter (as in "Search orders"): search as Enter does and keep the
   * focus here. A scan stands alone: text typed before it (the caret after it) is not part of the
   * barcode, so what was scanned replaces it. A scanner set to send AIM prefixes puts "]C0" before a
   * plain code: not part of the SKU or barcode (as in "Search orders"). A GS1 code is left whole, for
   * the search to read its GTIN.
   */
  const scanInBox = useScanInBox((scanned) => search(scannedSearchText(scanned, { gsSubstitute: scanOptions.gsSubstitute ?? '' }), true), downFromBox);

  /** Up/Down, Page Up/Down, Home/End between the products found; Up from the first goes back to the search box. */
  function moveBetweenResults(event: KeyboardEvent<HTMLUListElement>) {
    const buttons = [...(resultsRef.current?.querySelectorAll<HTMLButtonElement>('button.product-result') ?? [])];
    const index = buttons.indexOf(event.target as HTMLButtonElement);
    if (index < 0) return;
    if (event.key === 'ArrowUp' && index === 0) {
      event.preventDefault();
      inputRef.current?.focus();
      return;
    }
    const to = rowAfterKey(event.key, index, buttons.length, 10);
    if (to === null) return;
    event.preventDefault();
    buttons[to]?.focus();
  }

  return (
    <section className="products-screen" aria-labelledby="products-heading">
      <h2 id="products-heading">Products</h2>
      <form role="search" className="product-search" onSubmit={submit}>
        <label htmlFor="product-search-query">SKU, title or barcode</label>
        <input
          id="product-search-query"
          ref={inputRef}
          type="search"
          value={state.query}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={tooLong ? true : undefined}
          aria-describedby={tooLong ? 'product-search-too-long' : undefined}
          onChange={(event) => onState({ ...state, query: event.target.value })}
          {...scanInBox}
        />
        <button type="submit" className="primary">
          Search
        </button>
      </form>
      {tooLong && (
        <ErrorText id="product-search-too-long" again={refusal.key}>
          {tooLong}
        </ErrorText>
      )}
      {error && (
        <ErrorText>{error}</ErrorText>
      )}
      <p role="status" className="search-summary">
        {busy ? 'Searching…' : found ? describeTotal(state.searched, items, total, gtin, unreadGs1) : ''}
      </p>
      {items.length > 0 && (
        <ul className="product-results" aria-label="Products found" ref={resultsRef} onKeyDown={moveBetweenResults}>
          {items.map((product) => (
            <li key={product.id}>
              <button type="button" className="product-result" data-product-id={product.id} onClick={() => onOpen(product)}>
                <span className="product-result-sku">{product.sku}</span>
                <span className="product-result-title">{product.title}</span>
                <span className="product-result-meta">
                  {IDENTIFIER_MODE_LABELS[product.identifierMode]} · Stock {withThousands(product.stockLevel)}
                  {product.barcode ? ` · Barcode ${product.barcode}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {results.hasNextPage && (
        <button type="button" ref={moreRef} className="secondary" onClick={() => showMore(() => results.fetchNextPage())}>
          Show more products
        </button>
      )}
    </section>
  );
}

function describeTotal(searched: string, items: Product[], total: number, gtin: string | undefined, unreadGs1: string | undefined): string {
  const where = searched ? ` for "${searched}"${gtin ? ` (GTIN ${gtin})` : ''}` : '';
  // A scanned GS1 code with a misread character would otherwise be only "not found", with no hint why.
  if (total === 0 && unreadGs1) return `No products found${where}: it was not read as a GS1 code because ${unreadGs1.replace(/^the GS1 code could not be read: /, '')}.`;
  if (total === 0) return `No products found${where}.`;
  // Only a GTIN search lists every holder of one barcode: a text search of it finds them as any text.
  if (gtin && total > 1) return `${sharedGtinMessage(gtin, items)} Open the one you hold.`;
  const shown = items.length < total ? ` (showing ${withThousands(items.length)})` : '';
  return `${counted(total, 'product', 'products')} found${where}${shown}.`;
}

/** Why the text cannot be searched, or null. */
function tooLongWords(text: string): string | null {
  return searchTooLongWords(text, 'no product is searched for it');
}
