/**
 * Remembering the window's size and position: saved bounds are reused only when they still fit a
 * connected display's work area (a bench's second monitor may be gone), else centred defaults.
 * Plain TypeScript so it can be tested without Electron.
 */
import { DEFAULT_SETTINGS, type WindowState } from '../settings/settings-schema.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const MIN_WINDOW = { width: 800, height: 560 } as const;
export const DEFAULT_WINDOW = { width: DEFAULT_SETTINGS.window.width, height: DEFAULT_SETTINGS.window.height } as const;

/** The bounds to open the window with: saved ones when they overlap a work area enough, else defaults. */
export function restoreBounds(saved: WindowState | undefined, workAreas: readonly Rect[]): Partial<Rect> & { width: number; height: number } {
  const primary = workAreas[0];
  const fallback = {
    width: primary ? Math.min(DEFAULT_WINDOW.width, primary.width) : DEFAULT_WINDOW.width,
    height: primary ? Math.min(DEFAULT_WINDOW.height, primary.height) : DEFAULT_WINDOW.height,
  };
  if (!saved || saved.x === undefined || saved.y === undefined) {
    return saved ? { width: clampSize(saved.width, fallback.width, MIN_WINDOW.width), height: clampSize(saved.height, fallback.height, MIN_WINDOW.height) } : fallback;
  }
  const rect: Rect = { x: saved.x, y: saved.y, width: saved.width, height: saved.height };
  const area = workAreas.find((a) => visibleEnough(rect, a));
  if (!area) return fallback;
  return {
    x: rect.x,
    y: rect.y,
    width: clampSize(rect.width, area.width, MIN_WINDOW.width),
    height: clampSize(rect.height, area.height, MIN_WINDOW.height),
  };
}

function clampSize(value: number, max: number, min: number): number {
  return Math.max(Math.min(min, max), Math.min(Math.round(value), max));
}

/** At least a 200×100 piece of the window (its title bar area included) lies in the work area. */
function visibleEnough(r: Rect, a: Rect): boolean {
  const w = Math.min(r.x + r.width, a.x + a.width) - Math.max(r.x, a.x);
  const h = Math.min(r.y + r.height, a.y + a.height) - Math.max(r.y, a.y);
  const titleBarInside = r.y >= a.y && r.y < a.y + a.height;
  return w >= Math.min(200, r.width) && h >= Math.min(100, r.height) && titleBarInside;
}
