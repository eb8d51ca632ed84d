// Walking an order group's legs, for both processes: the host routes and checks
// every leg, the renderer resolves and watches every leg. Pure.

import type { OrderGroup, OrderRequest } from './model';

/** Every order of a group, in sending order (entry, take-profit, stop-loss; or the legs). */
export function legsOf<O>(group: OrderGroup<O>): O[] {
  switch (group.kind) {
    case 'single':
      return [group.order];
    case 'bracket':
      return [group.entry, group.takeProfit, group.stopLoss].filter((o): o is O => o !== undefined);
    case 'oco':
      return group.legs;
  }
}

/** The group with every leg passed through `fn` (e.g. routed with the registry's symbol); its shape kept. */
export function mapLegs(group: OrderGroup, fn: (order: OrderRequest) => OrderRequest): OrderGroup {
  switch (group.kind) {
    case 'single':
      return { kind: 'single', order: fn(group.order) };
    case 'bracket': {
      const out: OrderGroup = { kind: 'bracket', entry: fn(group.entry) };
      if (group.takeProfit) out.takeProfit = fn(group.takeProfit);
      if (group.stopLoss) out.stopLoss = fn(group.stopLoss);
      return out;
    }
    case 'oco':
      return { kind: 'oco', legs: group.legs.map(fn) };
  }
}
