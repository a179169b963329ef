/** A product's variation screen: details, identifier counts, mode, stock level, serial numbers. */
import { useEffect, useRef } from 'react';
import type { BenchApi, Product } from '../../../shared/contract/api.js';
import { IDENTIFIER_MODE_LABELS, isTracked } from '../../../shared/domain/modes.js';
import { describeIdentifierSpec } from '../../../shared/identifiers/describe.js';
import { identifierNouns } from '../../../shared/identifiers/kinds.js';
import { benchKeys, useBenchQuery } from '../../api/queries.js';
import { IdentifierFormatEditor } from './IdentifierFormatEditor.js';
import { IdentifierModeEditor } from './IdentifierModeEditor.js';
import { StockLevelEditor } from './StockLevelEditor.js';
import { counted, formatCount } from '../../components/format-count.js';
import { keepKeysForTheNextBox } from '../../scanner/keys-kept-for-box.js';
import { GRID_BOX_ID_PREFIX } from './SerialGridScreen.js';
import { serialGridShape } from '../../../shared/domain/serial-grid-shape.js';
import { boundedGridWords, gridNouns, identifiersPanelHeading, unitsWithoutSerialNumberWords } from './serial-grid-words.js';
import './products.css';
import { PanelDoneScope } from './use-panel-done.js';

interface ProductDetailsProps {
  api: BenchApi;
  product: Product;
  onProductChanged: (product: Product) => void;
  onOpenGrid: () => void;
  onBack: () => void;
  /** Where focus goes when the screen opens. */
  initialFocus: 'heading' | 'grid-button';
}

export function ProductDetails({ api, product, onProductChanged, onOpenGrid, onBack, initialFocus }: ProductDetailsProps) {
  // A scan made as the grid opens lands in its first empty box, whole (keys-kept-for-box.ts).
  const openGrid = () => {
    keepKeysForTheNextBox((box) => box.id.startsWith(`${GRID_BOX_ID_PREFIX}-`));
    onOpenGrid();
  };
  const headingRef = useRef<HTMLHeadingElement>(null);
  const gridButtonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (initialFocus === 'grid-button' && gridButtonRef.current) gridButtonRef.current.focus();
    else headingRef.current?.focus();
    // Only when the screen opens.
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- focus moves once, when the screen opens
  // The product as the bench has it now (counts move with allocations, dispatches, sync): read on
  // opening and again whenever the change stream names it. Ignored once the packer has moved on.
  const fresh = useBenchQuery(benchKeys.product(product.id), () => api.getProduct({ productId: product.id })).data;
  useEffect(() => {
    if (fresh) onProductChanged(fresh);
  }, [fresh]); // eslint-disable-line react-hooks/exhaustive-deps -- onProductChanged is the parent's setter; only a new answer matters

  const counts = product.identifierCounts;
  const tracked = isTracked(product.identifierMode);
  // Turning identifiers off keeps them (orders and the history refer to them); the packer still
  // reaches them here, e.g. to remove the extra ones single use refuses.
  const kept = tracked ? 0 : counts.available + counts.allocated + counts.consumed;
  const keptNoun = identifierNouns(product.identifierKind);
  // As the serial grid names the values (serial numbers for kinds Serial number and Other).
  const nouns = gridNouns(product.identifierKind);
  // The boxes of its serial grid, as the core counts them (single use: the serial numbers not dispatched).
  const filledBoxes = counts.available + counts.allocated + (product.identifierMode === 'single_use' ? 0 : counts.consumed);
  const gridShape = serialGridShape(product.identifierMode, product.stockLevel, filledBoxes);
  return (
    <section className="products-screen product-details" aria-labelledby="product-heading">
      <div className="title-row">
        <h2 id="product-heading" ref={headingRef} tabIndex={-1}>
          Product Variation: {product.sku}
        </h2>
        <button type="button" className="secondary" onClick={onBack}>
          Back to search
        </button>
      </div>
      <dl className="product-facts">
        <div>
          <dt>SKU</dt>
          <dd>{product.sku}</dd>
        </div>
        <div>
          <dt>Title</dt>
          <dd>{product.title}</dd>
        </div>
        <div>
          <dt>Barcode</dt>
          <dd>{product.barcode ?? '—'}</dd>
        </div>
        <div>
          <dt>Stock level</dt>
          <dd data-testid="stock-level">{formatCount(product.stockLevel)}</dd>
        </div>
        <div>
          <dt>Dispatch identifiers</dt>
          <dd>{IDENTIFIER_MODE_LABELS[product.identifierMode]}</dd>
        </div>
        <div>
          <dt>Identifier kind and format</dt>
          <dd>{describeIdentifierSpec(product)}</dd>
        </div>
        <div>
          <dt>{nouns.capitalMany}</dt>
          <dd>
            {formatCount(counts.available)} available, {formatCount(counts.allocated)} allocated, {formatCount(counts.consumed)} dispatched
          </dd>
        </div>
      </dl>
      <PanelDoneScope>
      <div className="product-panels">
        <IdentifierModeEditor api={api} product={product} onChanged={onProductChanged} />
        {tracked && <IdentifierFormatEditor api={api} product={product} onChanged={onProductChanged} />}
        <StockLevelEditor api={api} product={product} onChanged={onProductChanged} />
        <div className="panel serials-panel">
          <h3>{identifiersPanelHeading(product.identifierKind)}</h3>
          {tracked ? (
            <>
              {gridShape.bounded ? (
                <p className="grid-boxes-bounded">{boundedGridWords(filledBoxes, gridShape.totalBoxes - filledBoxes, product.stockLevel, nouns)}</p>
              ) : (
                <p>One box per unit of stock ({formatCount(gridShape.totalBoxes)}).</p>
              )}
              {product.identifierMode === 'single_use' && gridShape.unitsWithoutSerialNumber > 0 && (
                <p className="units-without-serial-number">{unitsWithoutSerialNumberWords(gridShape.unitsWithoutSerialNumber, product.stockLevel, nouns)}</p>
              )}
              <button type="button" ref={gridButtonRef} className="primary" onClick={openGrid}>
                Manually Update Serial Numbers
              </button>
            </>
          ) : kept > 0 ? (
            <>
              <p>
                This product still holds {counted(kept, keptNoun.one, keptNoun.many)} from an earlier mode: they are kept but not used while
                the mode is None. Remove any you no longer hold before choosing Single Use.
              </p>
              <button type="button" ref={gridButtonRef} className="primary" onClick={openGrid}>
                Manually Update Serial Numbers
              </button>
            </>
          ) : (
            <p>This product has no dispatch identifiers. Choose a mode above to enter {nouns.many}.</p>
          )}
        </div>
      </div>
      </PanelDoneScope>
    </section>
  );
}
