// The demo account's starting portfolio: a paper account is rarely flat, and a
// new user should see P&L at first sight. Bought before today at these costs;
// daily P&L counts from the previous close (the universe's base price).

import type { SimStartingPosition } from './exchange/types';

export const DEMO_STARTING_POSITIONS: readonly SimStartingPosition[] = [
  { symbol: 'AAPL', quantity: 100, avgCost: 172.35 },
  { symbol: 'MSFT', quantity: 40, avgCost: 398.1 },
  { symbol: 'NVDA', quantity: 150, avgCost: 108.2 },
];
