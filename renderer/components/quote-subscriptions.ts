// The quote subscriptions the watchlist holds: exactly the symbols on screen.

import { useEffect, useLayoutEffect, useRef } from 'react';
import type { JanusBridge } from '../../shared/ipc';
import { useInstruments } from '../stores/broker-state';
import { useSession } from '../stores/wire';

/**
 * Keeps exactly the symbols on screen subscribed. After a UI-link reconnect
 * (new session generation) the host has released everything this page held,
 * so every symbol is subscribed again.
 */
export function useQuoteSubscriptions(
  bridge: JanusBridge,
  symbols: readonly string[],
  onError: (symbol: string, reason: string | null) => void,
): { adopt(symbol: string): void; release(symbol: string): void } {
  const generation = useSession((s) => s.generation);
  const held = useRef(new Set<string>());
  const heldGeneration = useRef(0);
  const onErrorRef = useRef(onError);
  useLayoutEffect(() => {
    onErrorRef.current = onError;
  });

  useEffect(() => {
    if (generation === 0) return;
    if (heldGeneration.current !== generation) {
      held.current.clear();
      heldGeneration.current = generation;
    }
    const want = new Set(symbols);
    for (const symbol of want) {
      if (held.current.has(symbol)) continue;
      held.current.add(symbol);
      void bridge.invoke('quotes.subscribe', { symbol }).then((r) => {
        if (r.ok) useInstruments.getState().add(r.value);
        onErrorRef.current(symbol, r.ok ? null : r.error.message);
      });
    }
    for (const symbol of [...held.current]) {
      if (want.has(symbol)) continue;
      held.current.delete(symbol);
      void bridge.invoke('quotes.unsubscribe', { symbol });
    }
  }, [bridge, symbols, generation]);

  useEffect(() => {
    const mine = held.current;
    return () => {
      for (const symbol of mine) void bridge.invoke('quotes.unsubscribe', { symbol });
      mine.clear();
    };
  }, [bridge]);

  // A symbol the add box already subscribed: hold it instead of subscribing twice.
  return {
    adopt: (symbol) => held.current.add(symbol),
    release: (symbol) => {
      if (held.current.delete(symbol)) void bridge.invoke('quotes.unsubscribe', { symbol });
    },
  };
}

