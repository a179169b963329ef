/** Electron's "Export CSV": the save dialog suggests the same file name as browser mode's download. */
import { describe, expect, it, vi } from 'vitest';
import { recallQuerySchema } from '../../shared/trace/recall-query.js';
import { createExportLinks } from '../../electron/core/trace/export-links.js';
import type { RecallSearch } from '../../electron/core/trace/recall-search.js';

const showSaveDialog = vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: undefined }));
vi.mock('electron', () => ({ dialog: { showSaveDialog } }));

const { saveRecallExport } = await import('../../electron/shell/save-export.js');

describe('recall export save dialog', () => {
  it('names the file by the lot or use-by dates searched, as the browser download does, not "all"', async () => {
    const links = createExportLinks({} as RecallSearch);
    const core = { writeRecallExport: vi.fn(async () => {}) };
    for (const raw of [{ lot: 'L-77', sku: 'PH' }, { useByFrom: '2027-01-01' }, { useByTo: '2027-02-01' }, { value: 'SN-B' }, { sku: 'ph' }]) {
      const query = recallQuerySchema.parse(raw);
      showSaveDialog.mockClear();
      expect(await saveRecallExport(null, core, query)).toEqual({ outcome: 'cancelled' });
      const options = showSaveDialog.mock.calls[0]![0] as { defaultPath: string };
      expect(options.defaultPath).toBe(links.fileName(query));
    }
    expect(core.writeRecallExport).not.toHaveBeenCalled();
  });

  it('"Export for Excel" suggests the .xlsx name, offers the workbook type and has the core write a workbook', async () => {
    const links = createExportLinks({} as RecallSearch);
    const query = recallQuerySchema.parse({ value: '356938035643809' });
    const core = { writeRecallExport: vi.fn(async () => {}) };
    showSaveDialog.mockClear();
    showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/tmp/chosen.xlsx' } as never);
    expect(await saveRecallExport(null, core, query, 'xlsx')).toEqual({ outcome: 'saved', file: '/tmp/chosen.xlsx' });
    const options = showSaveDialog.mock.calls[0]![0] as { defaultPath: string; filters: Array<{ extensions: string[] }> };
    expect(options.defaultPath).toBe(links.fileName(query, 'xlsx'));
    expect(options.defaultPath).toMatch(/^recall-356938035643809-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(options.filters.map((f) => f.extensions)).toEqual([['xlsx']]);
    expect(core.writeRecallExport).toHaveBeenCalledWith(query, '/tmp/chosen.xlsx', 'xlsx');
  });
});
