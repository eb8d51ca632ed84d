// IB market rules: the price increment by price level. Contract details name a
// rule per valid exchange (marketRuleIds); reqMarketRule answers its levels.
// Rule 26 is what IB gives US stocks: 0.0001 below $1, 0.01 from $1 up.

export interface PriceIncrement {
  lowEdge: number;
  increment: number;
}

export const US_STOCK_RULE_ID = 26;

const RULES: ReadonlyMap<number, readonly PriceIncrement[]> = new Map([
  [US_STOCK_RULE_ID, [{ lowEdge: 0, increment: 0.0001 }, { lowEdge: 1, increment: 0.01 }]],
]);

export function marketRule(ruleId: number): readonly PriceIncrement[] | undefined {
  return RULES.get(ruleId);
}

/** One rule id per valid exchange ("SMART,<primary>"), as TWS lists them. */
export function marketRuleIdsFor(validExchangeCount: number): string {
  return Array.from({ length: validExchangeCount }, () => String(US_STOCK_RULE_ID)).join(',');
}
