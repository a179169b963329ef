/**
 * "Products": search → a product's variation screen → "Manually Update Serial Numbers" → the
 * serial entry grid. The search (query and results) is kept while a product is open.
 */
import { useState } from 'react';
import type { BenchApi, Product } from '../../../shared/contract/api.js';
import { ProductDetails } from './ProductDetails.js';
import { EMPTY_SEARCH, ProductSearch, type SearchState } from './ProductSearch.js';
import { SerialGridScreen } from './SerialGridScreen.js';
import './products.css';

type View =
  | { kind: 'search'; returnedFrom: number | null }
  | { kind: 'product'; product: Product; focus: 'heading' | 'grid-button' }
  | { kind: 'grid'; product: Product };

/** `initialProduct`: open on that product's screen (a GS1 scan of its GTIN). */
export function ProductsScreen({ api, initialProduct = null }: { api: BenchApi; initialProduct?: Product | null }) {
  const [view, setView] = useState<View>(initialProduct ? { kind: 'product', product: initialProduct, focus: 'heading' } : { kind: 'search', returnedFrom: null });
  const [search, setSearch] = useState<SearchState>(EMPTY_SEARCH);

  function productChanged(product: Product) {
    // Only the open product's screen takes the new figures; any other view stays where the packer is.
    setView((v) => (v.kind === 'product' && v.product.id === product.id ? { ...v, product } : v));
    // Keep the result list in step with what the product screen changed.
    setSearch((s) => ({ ...s, items: s.items.map((p) => (p.id === product.id ? product : p)) }));
  }

  switch (view.kind) {
    case 'search':
      return (
        <ProductSearch
          api={api}
          state={search}
          onState={setSearch}
          onOpen={(product) => setView({ kind: 'product', product, focus: 'heading' })}
          returnedFrom={view.returnedFrom}
        />
      );
    case 'product':
      return (
        <ProductDetails
          key={view.product.id}
          api={api}
          product={view.product}
          initialFocus={view.focus}
          onProductChanged={productChanged}
          onOpenGrid={() => setView({ kind: 'grid', product: view.product })}
          onBack={() => setView({ kind: 'search', returnedFrom: view.product.id })}
        />
      );
    case 'grid':
      return (
        <SerialGridScreen
          api={api}
          productId={view.product.id}
          onBack={(updated) => {
            const product = updated ?? view.product;
            setSearch((s) => ({ ...s, items: s.items.map((p) => (p.id === product.id ? product : p)) }));
            setView({ kind: 'product', product, focus: 'grid-button' });
          }}
        />
      );
  }
}
