// Pure checks the host runs on an order group before it leaves, beyond the
// shared order and group rules: what the account's broker can do, and that an
// exit closes a position that exists. Each answers the sentence a trader reads
// after "Order Error: ", or null.

import type { OrderGroup, OrderRequest } from '../../shared/model';
import { legsOf } from '../../shared/order-group';
import type { BrokerCapabilities } from './broker';

/** What the broker of `account` lacks for this group, in a sentence naming the broker (e.g. "Webull"). */
export function capabilityProblem(group: OrderGroup, capabilities: BrokerCapabilities | null, account: string, brokerLabel = 'its broker'): string | null {
  if (!capabilities) return `account "${account}" has no broker that can take orders`;
  const legs = legsOf(group);
  const whose = `account "${account}"'s broker (${brokerLabel})`;
  if (group.kind !== 'single' && !capabilities.bracket) {
    return `${whose} does not take ${group.kind === 'bracket' ? 'brackets' : 'OCA exits'}: send the orders one by one`;
  }
  if (legs.some((leg) => leg.type === 'trailing') && !capabilities.trailing) {
    return `${whose} does not take trailing stops`;
  }
  if (legs.some((leg) => leg.outsideRth === true) && !capabilities.outsideRth) {
    return `${whose} does not take orders outside regular hours (ext)`;
  }
  return null;
}

/**
 * An exit (OCA group) must close part or all of a held position: the other side, at
 * most the shares held. `held` is the signed position (0 = flat).
 */
export function exitProblem(group: OrderGroup, held: number): string | null {
  if (group.kind !== 'oco') return null;
  const [first] = group.legs;
  if (!first) return 'an OCA group needs at least one order';
  const where = `in account "${first.account}"`;
  if (!Number.isFinite(held) || held === 0) return `no ${first.symbol} position to exit ${where}`;
  const closing = held > 0 ? 'SELL' : 'BUY';
  if (first.side !== closing) {
    return `an exit of a ${held > 0 ? 'long' : 'short'} ${first.symbol} position must ${closing}, not ${first.side}`;
  }
  if (first.quantity > Math.abs(held)) {
    return `cannot exit ${String(first.quantity)} shares: ${String(Math.abs(held))} ${first.symbol} held ${where}`;
  }
  return null;
}

/** The market order that closes `held` shares (none when flat); `times` 2 reverses the position. */
export function closingOrder(account: string, symbol: string, held: number, times: 1 | 2): OrderRequest | null {
  if (!Number.isFinite(held) || held === 0) return null;
  return { account, symbol, side: held > 0 ? 'SELL' : 'BUY', quantity: Math.abs(held) * times, type: 'market', tif: 'DAY' };
}
