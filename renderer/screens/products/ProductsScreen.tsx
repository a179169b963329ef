/**
 * "Products": search → a product's variation screen → "Manually Update Serial Numbers" → the
 * serial entry grid. The search (query and results) is kept while a product is open.
 */
import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useState } from 'react';
import type { BenchApi, Product } from '../../../shared/contract/api.js';
import { ProductDetails } from './ProductDetails.js';
import { benchKeys } from '../../api/queries.js';
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
  const client = useQueryClient();

  /** The result lists show the product as its screen changed it at once (the change stream then reads them again). */
  function patchResults(product: Product) {
    client.setQueriesData<InfiniteData<{ items: Product[] }>>({ queryKey: benchKeys.products('search') }, (data) =>
      data && { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((p) => (p.id === product.id ? product : p)) })) },
    );
  }

  function productChanged(product: Product) {
    // Only the open product's screen takes the new figures; any other view stays where the packer is.
    setView((v) => (v.kind === 'product' && v.product.id === product.id ? { ...v, product } : v));
    patchResults(product);
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
          identifierKind={view.product.identifierKind}
          onBack={(updated) => {
            const product = updated ?? view.product;
            patchResults(product);
            setView({ kind: 'product', product, focus: 'grid-button' });
          }}
        />
      );
  }
}
