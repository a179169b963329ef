import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectBenchApi } from './api/bench-api.js';
import { App } from './app/App.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={connectBenchApi()} />
  </StrictMode>,
);
