/**
 * The product screen's panels (mode, kind and format, stock level) each say what their last action did
 * ("Stock level changed from 5 to 7."). Only the latest of those words stays: the mode's "set to …"
 * beside a later stock change read as if both had just happened.
 */
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

type Panel = 'mode' | 'format' | 'stock';

const LatestPanel = createContext<{ latest: Panel | null; setLatest: (panel: Panel) => void }>({ latest: null, setLatest: () => {} });

export function PanelDoneScope({ children }: { children: ReactNode }) {
  const [latest, setLatest] = useState<Panel | null>(null);
  return <LatestPanel.Provider value={{ latest, setLatest }}>{children}</LatestPanel.Provider>;
}

/** As useState for a panel's done words: shown while no other panel has said something since. */
export function usePanelDone(panel: Panel): [string | null, (words: string | null) => void] {
  const { latest, setLatest } = useContext(LatestPanel);
  const [done, setDone] = useState<string | null>(null);
  const say = useCallback(
    (words: string | null) => {
      setDone(words);
      if (words !== null) setLatest(panel);
    },
    [panel, setLatest],
  );
  return [latest === null || latest === panel ? done : null, say];
}
