import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectBench } from './api/bench-api.js';
import { createBenchQueryClient } from './api/queries.js';
import { App } from './app/App.js';
import { afterFirstContent } from './app/after-first-content.js';
import { BenchDataProvider } from './app/use-change-stream.js';
import { primeRefusalSound } from './scanner/beep.js';
import { prefetchFirstOrderPage } from './screens/orders/list/first-page-prefetch.js';
import { ORDER_PAGE_SIZE } from './screens/orders/list/use-order-pages.js';
import './styles/app.css';

const { api, events } = connectBench();
const queryClient = createBenchQueryClient();
// The order list is the first screen: its first page loads while React renders the shell.
prefetchFirstOrderPage(api, ORDER_PAGE_SIZE);
// The refusal beep's audio is made ready once the list has painted, and at the first key press, never
// during a scan.
afterFirstContent(() => primeRefusalSound());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BenchDataProvider client={queryClient} events={events}>
      <App api={api} />
    </BenchDataProvider>
  </StrictMode>,
);
