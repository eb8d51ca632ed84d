// One row of the universe tables: [symbol, conId, primaryExchange, longName, basePrice].

export type UniverseRow = readonly [symbol: string, conId: number, primaryExchange: string, longName: string, basePrice: number];
