import type { BenchApi, ImportSummary } from '../../../shared/contract/api.js';
import { ImportPanel } from './ImportPanel.js';

/** Import of CSV files (and demo data) at any time after the first run. */
export function ImportScreen({ api, onImported = () => {} }: { api: BenchApi; onImported?: (summary: ImportSummary) => void }) {
  return (
    <section className="import-screen" aria-labelledby="import-heading">
      <h2 id="import-heading">Import</h2>
      <ImportPanel api={api} onImported={onImported} />
    </section>
  );
}
