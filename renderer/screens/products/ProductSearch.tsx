/** "Products" → "Search": finds products by SKU, title or barcode and opens one. */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { rowAfterKey } from '../../components/list-keys.js';
import type { BenchApi, Product } from '../../../shared/contract/api.js';
import { IDENTIFIER_MODE_LABELS } from '../../../shared/domain/modes.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useLatestRequest } from '../../components/use-latest-request.js';
import './products.css';

const PAGE_SIZE = 50;

export interface SearchState {
  query: string;
  /** The query the results belong to. */
  searched: string;
  items: Product[];
  total: number;
}

export const EMPTY_SEARCH: SearchState = { query: '', searched: '', items: [], total: -1 };

interface ProductSearchProps {
  api: BenchApi;
  state: SearchState;
  onState: (state: SearchState) => void;
  onOpen: (product: Product) => void;
  /** The product last opened, focused again on return. */
  returnedFrom: number | null;
}

export function ProductSearch({ api, state, onState, onOpen, returnedFrom }: ProductSearchProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const stateRef = useRef(state);
  stateRef.current = state;
  const resultsRef = useRef<HTMLUListElement>(null);

  // Only the newest search shows its answer (the first listing may arrive after a search).
  const beginRequest = useLatestRequest();

  async function run(query: string, offset: number) {
    const isNewest = beginRequest();
    setBusy(true);
    const result = await api.findProducts({ query, offset, limit: PAGE_SIZE });
    if (!isNewest()) return;
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(null);
    const latest = stateRef.current;
    const items = offset === 0 ? result.value.items : [...latest.items, ...result.value.items];
    // Keep what the packer has typed since (the first listing may answer after their first keys).
    onState({ query: latest.query, searched: query, items, total: result.value.total });
  }

  // The list is useful before any search: show the first products at once.
  useEffect(() => {
    if (state.total < 0) void run('', 0);
    if (returnedFrom !== null) {
      resultsRef.current?.querySelector<HTMLButtonElement>(`[data-product-id="${returnedFrom}"]`)?.focus();
    } else {
      inputRef.current?.focus();
    }
    // Only on mount; later searches are started by the form.
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- first listing and focus once, on mount

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(state.query.trim(), 0);
  }

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

  const found = state.total >= 0;
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
          onChange={(event) => onState({ ...state, query: event.target.value })}
          onKeyDown={(event) => {
            if (event.key !== 'ArrowDown') return;
            const first = resultsRef.current?.querySelector<HTMLButtonElement>('button.product-result');
            if (!first) return;
            event.preventDefault();
            first.focus();
          }}
        />
        <button type="submit" className="primary">
          Search
        </button>
      </form>
      {error && (
        <ErrorText>{error}</ErrorText>
      )}
      <p role="status" className="search-summary">
        {busy ? 'Searching…' : found ? describeTotal(state) : ''}
      </p>
      {state.items.length > 0 && (
        <ul className="product-results" aria-label="Products found" ref={resultsRef} onKeyDown={moveBetweenResults}>
          {state.items.map((product) => (
            <li key={product.id}>
              <button type="button" className="product-result" data-product-id={product.id} onClick={() => onOpen(product)}>
                <span className="product-result-sku">{product.sku}</span>
                <span className="product-result-title">{product.title}</span>
                <span className="product-result-meta">
                  {IDENTIFIER_MODE_LABELS[product.identifierMode]} · Stock {product.stockLevel}
                  {product.barcode ? ` · Barcode ${product.barcode}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {state.items.length < state.total && (
        <button type="button" className="secondary" onClick={() => void run(state.searched, state.items.length)}>
          Show more products
        </button>
      )}
    </section>
  );
}

function describeTotal(state: SearchState): string {
  const where = state.searched ? ` for "${state.searched}"` : '';
  if (state.total === 0) return `No products found${where}.`;
  const shown = state.items.length < state.total ? ` (showing ${state.items.length})` : '';
  return `${state.total} ${state.total === 1 ? 'product' : 'products'} found${where}${shown}.`;
}
