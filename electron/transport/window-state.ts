// The desktop window's remembered size and position (window-state.json in
// userData). Pure: a damaged file or a monitor that is gone gives a sane
// window, never a crash or a window off-screen.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent = let the OS centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const MIN_WINDOW = { width: 960, height: 600 } as const;
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1440, height: 900, maximized: false };
export const WINDOW_STATE_FILE = 'window-state.json';

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Reads the saved file's text; anything unreadable falls back to the default. */
export function parseWindowState(text: string | null): WindowState {
  if (text === null) return { ...DEFAULT_WINDOW_STATE };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  if (typeof value !== 'object' || value === null) return { ...DEFAULT_WINDOW_STATE };
  const v = value as Record<string, unknown>;
  if (!finite(v.width) || !finite(v.height)) return { ...DEFAULT_WINDOW_STATE };
  const state: WindowState = {
    width: Math.round(Math.max(MIN_WINDOW.width, v.width)),
    height: Math.round(Math.max(MIN_WINDOW.height, v.height)),
    maximized: v.maximized === true,
  };
  if (finite(v.x) && finite(v.y)) {
    state.x = Math.round(v.x);
    state.y = Math.round(v.y);
  }
  return state;
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Fits a saved state to today's displays (work areas): no larger than the
 * largest display, and positioned only if its title bar strip is on a display.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  if (workAreas.length === 0) return state;
  const maxWidth = Math.max(...workAreas.map((a) => a.width));
  const maxHeight = Math.max(...workAreas.map((a) => a.height));
  const fitted: WindowState = {
    width: Math.min(state.width, Math.max(maxWidth, MIN_WINDOW.width)),
    height: Math.min(state.height, Math.max(maxHeight, MIN_WINDOW.height)),
    maximized: state.maximized,
  };
  if (state.x !== undefined && state.y !== undefined) {
    // The top 40 px (where the user grabs the window) must be visible somewhere.
    const titleBar: Rect = { x: state.x, y: state.y, width: fitted.width, height: 40 };
    if (workAreas.some((area) => overlap(titleBar, area) >= Math.min(100 * 40, fitted.width * 40))) {
      fitted.x = state.x;
      fitted.y = state.y;
    }
  }
  return fitted;
}

/** What to save when the window closes: the normal (un-maximized) bounds plus the maximized flag. */
export function serializeWindowState(normalBounds: Rect, maximized: boolean): string {
  const state: WindowState = { ...normalBounds, maximized };
  return `${JSON.stringify(state, null, 2)}\n`;
}
