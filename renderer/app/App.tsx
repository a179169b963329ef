import { useEffect, useState } from 'react';
import type { BenchApi } from '../../shared/contract/api.js';
import { ImportScreen } from '../screens/setup/ImportScreen.js';
import { LookupScreen } from '../screens/lookup/LookupScreen.js';
import { OrdersScreen } from '../screens/orders/OrdersScreen.js';
import { ProductsScreen } from '../screens/products/ProductsScreen.js';

type Screen = 'orders' | 'products' | 'lookup' | 'import';
const SCREENS: Array<{ id: Screen; label: string }> = [
  { id: 'orders', label: 'Order Dispatch' },
  { id: 'products', label: 'Products' },
  { id: 'lookup', label: 'Identifier Lookup' },
  { id: 'import', label: 'Import' },
];

export function App({ api }: { api: BenchApi }) {
  const [screen, setScreen] = useState<Screen>('orders');
  const [status, setStatus] = useState('Connecting…');
  useEffect(() => {
    void api.getBenchInfo({}).then((r) =>
      setStatus(r.ok ? `${r.value.productCount} products, ${r.value.awaitingOrderCount} orders awaiting dispatch` : r.error.message),
    );
  }, [api, screen]);
  return (
    <div className="app">
      <header>
        <nav aria-label="Screens">
          {SCREENS.map((s) => (
            <button key={s.id} type="button" aria-current={screen === s.id ? 'page' : undefined} onClick={() => setScreen(s.id)}>
              {s.label}
            </button>
          ))}
        </nav>
        <p role="status">{status}</p>
      </header>
      <main>
        {screen === 'orders' && <OrdersScreen api={api} />}
        {screen === 'products' && <ProductsScreen api={api} />}
        {screen === 'lookup' && <LookupScreen api={api} />}
        {screen === 'import' && <ImportScreen api={api} />}
      </main>
    </div>
  );
}
