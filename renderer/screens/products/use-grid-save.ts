/**
 * "Save Changes" on the serial grid as long work: each save is named (a saveId) so the core tells its
 * progress on the change stream (written into the query cache) and "Cancel save" can stop it while the
 * core writes. The bar shows only for a save still running after SHOW_AFTER_MS; a quick one shows none.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { BenchApi, GridEdit, ResultOf } from '../../../shared/contract/api.js';
import type { GridSaveProgress } from '../../../shared/contract/change-events.js';
import type { Result } from '../../../shared/contract/result.js';
import { benchKeys } from '../../api/queries.js';
import { useCancelPress } from '../../components/use-cancel-press.js';
import { useShownAfter } from '../../components/use-shown-after.js';
import type { GridNouns } from './serial-grid-words.js';

const SHOW_AFTER_MS = 300;

interface RunningSave {
  saveId: string;
  boxes: number;
}

interface GridSaveEnd {
  result: Result<ResultOf<'saveSerialGrid'>>;
  /** "Cancel save" was pressed, but the core had saved everything before it heard it. */
  cancelCameTooLate: boolean;
}

export function useGridSave(api: BenchApi) {
  const client = useQueryClient();
  const { press: pressCancel, wasPressedFor: cancelWasPressedFor, cancellingId } = useCancelPress();
  const [running, setRunning] = useState<RunningSave | null>(null);
  const saveId = running?.saveId ?? null;
  const showBar = useShownAfter(saveId !== null, SHOW_AFTER_MS);
  // Cache only: the change stream writes it; never fetched.
  const progress = useQuery<GridSaveProgress | null>({
    queryKey: benchKeys.gridSaveProgress(saveId ?? ''),
    queryFn: () => null,
    enabled: false,
  });

  const save = useCallback(
    async (productId: number, edits: GridEdit[]): Promise<GridSaveEnd> => {
      const id = crypto.randomUUID();
      setRunning({ saveId: id, boxes: edits.length });
      try {
        const result = await api.saveSerialGrid({ productId, edits, saveId: id });
        return { result, cancelCameTooLate: result.ok && cancelWasPressedFor(id) };
      } finally {
        setRunning(null);
        client.removeQueries({ queryKey: benchKeys.gridSaveProgress(id) });
      }
    },
    [api, client, cancelWasPressedFor],
  );

  const cancelling = saveId !== null && cancellingId === saveId;
  const cancel = useCallback(() => {
    if (saveId === null || cancelling) return;
    pressCancel(saveId);
    void api.cancelSerialGridSave({ saveId });
  }, [api, saveId, cancelling, pressCancel]);

  return { save, cancel, saving: saveId !== null, cancelling, running: showBar ? running : null, progress: progress.data ?? null };
}

/** The bar's words: sending (nothing counted yet), checking the boxes, then writing the serial numbers (or the lots or dates). */
export function gridSaveProgressWords(boxes: number, progress: GridSaveProgress | null, nouns: GridNouns) {
  const n = (count: number) => count.toLocaleString('en');
  if (!progress) return { label: `Saving the ${nouns.many}`, text: `Sending ${n(boxes)} changed ${boxes === 1 ? 'box' : 'boxes'}…` };
  if (progress.phase === 'checking') {
    return { label: `Checking the ${nouns.many}`, text: `Checked ${n(progress.done)} of ${n(progress.total)} boxes…`, value: progress.done, max: progress.total };
  }
  return { label: `Saving the ${nouns.many}`, text: `Saved ${n(progress.done)} of ${n(progress.total)} ${nouns.many}…`, value: progress.done, max: progress.total };
}
