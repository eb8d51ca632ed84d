// What each broker offers this workstation, declared once so both processes
// read the same table: the Webull adapter hands its row to the host as its
// capabilities (electron/host/broker.ts), and the renderer turns a missing
// feature into the sentence beside the control it disables. Pure.

import type { BrokerName, OrderType } from './model';
import type { StreamKind } from './market-view';

export type BrokerFeature =
  | 'modify'
  | 'bracket'
  | 'trailing'
  | 'outsideRth'
  | 'whatIf'
  | 'depth'
  | 'history'
  | 'tickByTick'
  | 'pnl'
  | 'quotes';

export type BrokerFeatures = Readonly<Record<BrokerFeature, boolean>>;

/** Webull's US stock OpenAPI as used here: trading only; market data is a separate paid API not used. */
export const WEBULL_FEATURES: BrokerFeatures = {
  modify: true,
  bracket: false,
  trailing: true,
  outsideRth: true,
  whatIf: false,
  depth: false,
  history: false,
  tickByTick: false,
  pnl: false,
  quotes: false,
};

/** IB through TWS / IB Gateway: every feature the workstation has is built on it. */
export const IB_FEATURES: BrokerFeatures = {
  modify: true,
  bracket: true,
  trailing: true,
  outsideRth: true,
  whatIf: true,
  depth: true,
  history: true,
  tickByTick: true,
  pnl: true,
  quotes: true,
};

export const BROKER_FEATURES: Readonly<Record<BrokerName, BrokerFeatures>> = { ib: IB_FEATURES, webull: WEBULL_FEATURES };

export const BROKER_LABEL: Readonly<Record<BrokerName, string>> = { ib: 'IB', webull: 'Webull' };

/** What the feature is called in a sentence ("Webull offers no <noun>"). */
const NOUN: Readonly<Record<BrokerFeature, string>> = {
  modify: 'order changes',
  bracket: 'brackets or OCA exits',
  trailing: 'trailing stops',
  outsideRth: 'trading outside regular hours',
  whatIf: 'margin check (what-if)',
  depth: 'depth',
  history: 'chart history',
  tickByTick: 'time & sales',
  pnl: 'daily P&L',
  quotes: 'quotes',
};

/** The panel a market-view stream kind fills, and the feature it needs. */
const STREAM: Readonly<Record<StreamKind, { panel: string; feature: BrokerFeature }>> = {
  depth: { panel: 'Depth', feature: 'depth' },
  bars: { panel: 'Chart', feature: 'history' },
  tape: { panel: 'Time & sales', feature: 'tickByTick' },
};

export function offers(broker: BrokerName, feature: BrokerFeature): boolean {
  return BROKER_FEATURES[broker][feature];
}

/** The sentence beside a control a broker's account cannot use; null when it can. */
export function lackSentence(broker: BrokerName, feature: BrokerFeature): string | null {
  if (offers(broker, feature)) return null;
  const label = BROKER_LABEL[broker];
  return `${label} offers no ${NOUN[feature]}; it is off for ${label} accounts`;
}

/** Which brokers offer a feature, as words ("IB", "IB or Webull"). */
function offeredBy(feature: BrokerFeature): string {
  const names = (Object.keys(BROKER_FEATURES) as BrokerName[]).filter((b) => offers(b, feature)).map((b) => BROKER_LABEL[b]);
  return names.join(' or ');
}

/**
 * Why a market-view panel cannot stream although accounts are connected: none of
 * their brokers offers it. Null when a connected broker offers it, or when no
 * account is connected at all (then the panel just waits for one).
 */
export function streamLackSentence(kind: StreamKind, connected: readonly BrokerName[]): string | null {
  const { panel, feature } = STREAM[kind];
  if (connected.length === 0 || connected.some((b) => offers(b, feature))) return null;
  const lacking = [...new Set(connected)].map((b) => BROKER_LABEL[b]).join(' and ');
  const from = offeredBy(feature);
  return `${panel} comes from ${from}; no ${from} account is connected — ${lacking} offers no ${NOUN[feature]} here`;
}

/** The order types each broker lets fill outside regular hours (Webull: extended_hours_trading only with LIMIT). */
export const OUTSIDE_RTH_TYPES: Readonly<Record<BrokerName, readonly OrderType[]>> = { ib: ['limit', 'stop-limit'], webull: ['limit'] };

/** Why this broker will not take `type` outside regular hours; null when it will (or the feature is off: lackSentence). */
export function outsideRthSentence(broker: BrokerName, type: OrderType): string | null {
  if (!offers(broker, 'outsideRth') || OUTSIDE_RTH_TYPES[broker].includes(type)) return null;
  return `${BROKER_LABEL[broker]} trades outside regular hours only with ${OUTSIDE_RTH_TYPES[broker].join(' and ')} orders`;
}
