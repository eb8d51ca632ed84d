// Feeds the stores from the bridge: every event to its store, and a fresh
// app.snapshot after every (re)connect of the UI link, because events missed
// while the link was down are gone for good.

import type { JanusBridge } from '../../shared/ipc';
import type { Order, Snapshot } from '../../shared/model';
import type { Link } from '../bridge/link';
import {
  useAccounts,
  useConnections,
  useFills,
  useInstruments,
  useLog,
  useOrders,
  usePositions,
  useSettings,
} from './broker-state';
import { isConfiguredSession, sessionsStillConfigured } from './configured-sessions';
import { usePnl } from './pnl';
import type { QuoteBatcher } from './quotes';
import { orderError, useFeedback, useLinkStatus } from './ui';
import { create } from 'zustand';

export interface SessionState {
  /** Increments after every snapshot applied: panels re-subscribe their quotes on change. */
  generation: number;
  snapshotError: string | null;
}

export const useSession = create<SessionState>(() => ({ generation: 0, snapshotError: null }));

export function applySnapshot(snapshot: Snapshot, quotes: QuoteBatcher): void {
  useConnections.getState().replaceAll(snapshot.connections);
  quotes.reset(snapshot.quotes);
  useOrders.getState().replaceAll(snapshot.orders);
  useFills.getState().replaceAll(snapshot.fills);
  usePositions.getState().replaceAll(snapshot.positions);
  useAccounts.getState().replaceAll(snapshot.accounts);
  useLog.getState().replaceAll(snapshot.log);
  useSettings.getState().set(snapshot.settings);
  useInstruments.getState().replaceAll(snapshot.instruments);
  usePnl.getState().replaceAll(snapshot.pnl ?? []);
  for (const order of snapshot.orders) settleWatchedOrder(order);
}

/** An order we sent came back: a rejection is shown where the trader typed it. */
export function settleWatchedOrder(order: Order): void {
  const feedback = useFeedback.getState();
  const origin = feedback.watched[order.key];
  if (!origin) return;
  const refused = order.status === 'rejected' || (order.status === 'inactive' && order.reason !== null);
  if (refused) {
    feedback.show(origin, orderError(order.reason ?? `order ${order.orderId} rejected by the broker`));
    feedback.unwatch(order.key);
  } else if (order.status === 'filled' || order.status === 'cancelled') {
    feedback.unwatch(order.key);
  }
}

export function wireEvents(bridge: JanusBridge, quotes: QuoteBatcher): () => void {
  const offs = [
    bridge.on('quotes', (batch) => quotes.push(batch)),
    bridge.on('order', (order) => {
      useOrders.getState().upsert(order);
      settleWatchedOrder(order);
    }),
    bridge.on('fill', (fill) => useFills.getState().upsert(fill)),
    bridge.on('position', (p) => usePositions.getState().upsert(p)),
    bridge.on('account', (a) => useAccounts.getState().upsert(a)),
    bridge.on('pnl', (p) => usePnl.getState().upsert(p)),
    // A retired session's last word (disconnected) must not bring its chip back.
    bridge.on('connection', (c) => {
      if (isConfiguredSession(c, useSettings.getState().settings)) useConnections.getState().upsert(c);
    }),
    bridge.on('log', (entry) => useLog.getState().add(entry)),
    bridge.on('settings', (s) => {
      useSettings.getState().set(s);
      const connections = useConnections.getState();
      const kept = sessionsStillConfigured(Object.values(connections.byAccount), s);
      if (kept.length !== Object.keys(connections.byAccount).length) connections.replaceAll(kept);
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}

export interface WireOptions {
  /** Retry a failed snapshot after this long. */
  retryMs?: number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}

export function wireLink(link: Link, quotes: QuoteBatcher, options: WireOptions = {}): () => void {
  const retryMs = options.retryMs ?? 2000;
  const later = options.setTimeout ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  let attempt = 0;
  const offEvents = wireEvents(link.bridge, quotes);
  const offStatus = link.onStatus((s) => useLinkStatus.getState().set(s));
  useLinkStatus.getState().set(link.status());

  const fetchSnapshot = async (): Promise<void> => {
    const mine = ++attempt;
    const result = await link.bridge.invoke('app.snapshot', {});
    if (mine !== attempt) return;
    if (result.ok) {
      applySnapshot(result.value, quotes);
      useSession.setState((s) => ({ generation: s.generation + 1, snapshotError: null }));
    } else {
      useSession.setState({ snapshotError: result.error.message });
      later(() => {
        if (mine === attempt && link.status().state === 'open') void fetchSnapshot();
      }, retryMs);
    }
  };
  const offReady = link.onReady(() => void fetchSnapshot());
  return () => {
    offEvents();
    offStatus();
    offReady();
  };
}
