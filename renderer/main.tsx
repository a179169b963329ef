import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectBench } from './api/bench-api.js';
import { keepSecretFromFragment } from './api/bench-secret.js';
import { createBenchQueryClient } from './api/queries.js';
import { App } from './app/App.js';
import { afterFirstContent } from './app/after-first-content.js';
import { BenchDataProvider } from './app/use-change-stream.js';
import { primeRefusalSound } from './scanner/beep.js';
import { prefetchFirstOrderPage } from './screens/orders/list/first-page-prefetch.js';
import { ORDER_PAGE_SIZE } from './screens/orders/list/use-order-pages.js';
import './styles/app.css';

// Start-up marks (boot:…, first-page:…, first-content:…): the orders bench reports the cold load's phases from them.
performance.mark('boot:app-evaluated');
const { api, events } = connectBench();
const queryClient = createBenchQueryClient();
// The order list is the first screen: its first page, asked for by the start-up script, is usually
// back by now; the first render waits for it a little, so the list renders once, with its rows.
const firstPage = prefetchFirstOrderPage(api, ORDER_PAGE_SIZE, queryClient);
// A slow core shows the shell after this; rendering it sooner would only compete for the CPU the
// core needs to answer (measured: the page then waited behind the shell's render and paint).
const FIRST_PAGE_WAIT_MS = 300;
// The refusal beep's audio is made ready once the list has painted, and at the first key press, never
// during a scan.
afterFirstContent(() => primeRefusalSound());
// Until then a reload still finds the secret in the address bar's fragment.
afterFirstContent(keepSecretFromFragment);

function render(): void {
  performance.mark('boot:render-called');
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <BenchDataProvider client={queryClient} events={events}>
        <App api={api} />
      </BenchDataProvider>
    </StrictMode>,
  );
}
void Promise.race([firstPage, new Promise((resolve) => setTimeout(resolve, FIRST_PAGE_WAIT_MS))]).then(render);
