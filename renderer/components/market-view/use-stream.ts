// Holds one market-view stream while a panel shows it: stream.subscribe on
// mount and on every change of what is asked, stream.unsubscribe when it goes,
// and again after every snapshot (a reconnected UI link starts from nothing).
// A change is asked for only once it has held still for SETTLE_MS: a symbol
// typed into the ticket selects "A", "AA", "AAP" on its way to "AAPL", and
// each would otherwise open (and pace) history, depth and tick-by-tick at IB.

import { useEffect, useRef, useState } from 'react';
import type { StreamRequest } from '../../../shared/market-view';
import type { Instrument } from '../../../shared/model';
import { useBridge } from '../../bridge/context';
import { useSession } from '../../stores/wire';

export interface HeldStream {
  key: string | null;
  instrument: Instrument | null;
  /** Why the stream could not be held (unknown symbol, not connected...). */
  error: string | null;
}

const NONE: HeldStream = { key: null, instrument: null, error: null };

export const SETTLE_MS = 250;

export function useStream(request: StreamRequest | null): HeldStream {
  const bridge = useBridge();
  const generation = useSession((s) => s.generation);
  // Tagged with what it answers, so a stale answer for the previous symbol never shows.
  const [held, setHeld] = useState<{ wanted: string; held: HeldStream } | null>(null);
  const wanted = request ? JSON.stringify(request) : null;
  const settled = useRef<string | null>(null);

  useEffect(() => {
    if (wanted === null) return;
    const stream = JSON.parse(wanted) as StreamRequest;
    let live = true;
    let subscribed = false;
    const subscribe = (): void => void bridge.invoke('stream.subscribe', { stream }).then((result) => {
      if (!live) {
        if (result.ok) void bridge.invoke('stream.unsubscribe', { stream });
        return;
      }
      subscribed = result.ok;
      setHeld({
        wanted,
        held: result.ok ? { key: result.value.key, instrument: result.value.instrument, error: null } : { key: null, instrument: null, error: result.error.message },
      });
    });
    // The first ask after a snapshot goes at once; a changed ask waits to settle.
    const timer = window.setTimeout(subscribe, settled.current === null ? 0 : SETTLE_MS);
    settled.current = wanted;
    return () => {
      live = false;
      window.clearTimeout(timer);
      if (subscribed) void bridge.invoke('stream.unsubscribe', { stream });
    };
  }, [bridge, wanted, generation]);

  return held !== null && held.wanted === wanted ? held.held : NONE;
}
