import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectBenchApi } from './api/bench-api.js';
import { App } from './app/App.js';
import './styles/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={connectBenchApi()} />
  </StrictMode>,
);
