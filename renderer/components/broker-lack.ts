// What the broker of the ticket's account lacks, as the sentence shown beside
// the control it disables (shared/broker-features.ts holds the table). Pure.

import { lackSentence, outsideRthSentence } from '../../shared/broker-features';
import type { BrokerName, OrderType, Settings } from '../../shared/model';

/** The broker of a configured account; one settings do not list (the embedded demo) is IB. */
export function accountBroker(settings: Settings | null, account: string): BrokerName {
  return settings?.accounts.find((a) => a.id.toLowerCase() === account.toLowerCase())?.broker ?? 'ib';
}

/** Take-profit / stop-loss children: null when the account's broker takes brackets. */
export function bracketLack(settings: Settings | null, account: string): string | null {
  return lackSentence(accountBroker(settings, account), 'bracket');
}

/** Outside RTH for this type at the account's broker: null when it may be asked (Webull: limit only). */
export function outsideRthLack(settings: Settings | null, account: string, type: OrderType): string | null {
  const broker = accountBroker(settings, account);
  return lackSentence(broker, 'outsideRth') ?? outsideRthSentence(broker, type);
}
