// Picks the bridge: window.janus when the Electron preload provided it,
// otherwise the WebSocket bridge to browser mode's host. Either way the app
// gets one JanusBridge, a "ready" signal that fires after every (re)connect
// (so it re-fetches app.snapshot), and the link status for the banner.

import { WS_PATH, type JanusBridge } from '../../shared/ipc';
import { takePageToken, wsProtocols } from './page-token';
import { createWsBridge, wsUrlFromLocation, type LinkStatus, type SocketLike } from './ws-bridge';

export interface Link {
  bridge: JanusBridge;
  /** Fires after every (re)connect; for Electron once, right away. */
  onReady(listener: () => void): () => void;
  onStatus(listener: (status: LinkStatus) => void): () => void;
  status(): LinkStatus;
  start(): void;
}

const OPEN_STATUS: LinkStatus = { state: 'open', retryAt: null, failures: 0, reason: null };

/** Wraps a bridge that is always there (Electron's preload). */
export function staticLink(bridge: JanusBridge): Link {
  const ready = new Set<() => void>();
  let started = false;
  return {
    bridge,
    onReady(l) {
      ready.add(l);
      if (started) l();
      return () => {
        ready.delete(l);
      };
    },
    onStatus: () => () => {},
    status: () => OPEN_STATUS,
    start() {
      if (started) return;
      started = true;
      for (const l of [...ready]) l();
    },
  };
}

function isBridge(value: unknown): value is JanusBridge {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.invoke === 'function' && typeof v.on === 'function';
}

export function linkForWindow(win: Window): Link {
  const preload = (win as unknown as { janus?: unknown }).janus;
  if (isBridge(preload)) return staticLink(preload);
  // Before anything renders: the token leaves the address bar at once.
  const protocols = wsProtocols(takePageToken(win));
  const ws = createWsBridge({
    url: wsUrlFromLocation(win.location, WS_PATH),
    createSocket: (url) => new WebSocket(url, protocols) as unknown as SocketLike,
    timers: {
      now: () => Date.now(),
      setTimeout: (fn, ms) => win.setTimeout(fn, ms),
      clearTimeout: (h) => win.clearTimeout(h),
    },
  });
  return {
    bridge: ws,
    onReady: (l) => ws.onOpen(l),
    onStatus: (l) => ws.onLinkStatus(l),
    status: () => ws.linkStatus(),
    start: () => ws.start(),
  };
}
