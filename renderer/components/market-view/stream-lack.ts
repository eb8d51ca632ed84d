// Which brokers' accounts are connected now, so a market-view panel can say
// in a sentence that none of them offers its stream (only Webull accounts up:
// Depth, Chart and Time & sales come from IB). Pure.

import { streamLackSentence } from '../../../shared/broker-features';
import type { StreamKind } from '../../../shared/market-view';
import type { BrokerName, ConnectionState, Settings } from '../../../shared/model';

/** The broker of every connected account; an account settings do not list (the embedded demo) is IB. */
export function connectedBrokers(connections: Readonly<Record<string, ConnectionState>>, settings: Settings | null): BrokerName[] {
  const brokerOf = new Map((settings?.accounts ?? []).map((a) => [a.id, a.broker] as const));
  return Object.values(connections)
    .filter((c) => c.socket === 'connected')
    .map((c) => brokerOf.get(c.account) ?? 'ib');
}

export function panelLackSentence(kind: StreamKind, connections: Readonly<Record<string, ConnectionState>>, settings: Settings | null): string | null {
  return streamLackSentence(kind, connectedBrokers(connections, settings));
}
