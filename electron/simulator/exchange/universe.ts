// The simulated instrument universe: US equities and ETFs on SMART routing in USD.
// The core rows are here; universe-extended.ts adds a couple of hundred more.
// conIds are fixed forever (tests, caches and saved layouts key on them). AAPL uses
// IB's real conId; the others are stable made-up numbers. Two rows deliberately
// share the symbol ZZAMB (different conIds and primary exchanges) so the app's
// "more than one match" path can be exercised, and ZZDLY has no live permission.

import type { UniverseEntry } from './types';
import { EXTENDED_ROWS } from './universe-extended';
import type { UniverseRow as Row } from './universe-row';

const ROWS: Row[] = [
  ['AAPL', 265598, 'NASDAQ', 'APPLE INC', 187.5],
  ['MSFT', 272093, 'NASDAQ', 'MICROSOFT CORP', 415.2],
  ['AMZN', 3691937, 'NASDAQ', 'AMAZON.COM INC', 178.35],
  ['NVDA', 4815747, 'NASDAQ', 'NVIDIA CORP', 121.4],
  ['GOOGL', 208813719, 'NASDAQ', 'ALPHABET INC-CL A', 168.9],
  ['GOOG', 208813720, 'NASDAQ', 'ALPHABET INC-CL C', 170.1],
  ['META', 107113386, 'NASDAQ', 'META PLATFORMS INC-CLASS A', 492.6],
  ['TSLA', 76792991, 'NASDAQ', 'TESLA INC', 242.8],
  ['NFLX', 15124833, 'NASDAQ', 'NETFLIX INC', 640.15],
  ['AMD', 4391, 'NASDAQ', 'ADVANCED MICRO DEVICES', 158.25],
  ['INTC', 270639, 'NASDAQ', 'INTEL CORP', 31.45],
  ['CSCO', 268084, 'NASDAQ', 'CISCO SYSTEMS INC', 48.7],
  ['ADBE', 265768, 'NASDAQ', 'ADOBE INC', 512.3],
  ['PEP', 11017, 'NASDAQ', 'PEPSICO INC', 171.8],
  ['COST', 272997, 'NASDAQ', 'COSTCO WHOLESALE CORP', 845.6],
  ['AVGO', 349122557, 'NASDAQ', 'BROADCOM INC', 168.4],
  ['QCOM', 273544, 'NASDAQ', 'QUALCOMM INC', 172.9],
  ['TXN', 13096, 'NASDAQ', 'TEXAS INSTRUMENTS INC', 195.35],
  ['SBUX', 274105, 'NASDAQ', 'STARBUCKS CORP', 78.2],
  ['PYPL', 199169591, 'NASDAQ', 'PAYPAL HOLDINGS INC', 63.75],
  ['QQQ', 320227571, 'NASDAQ', 'INVESCO QQQ TRUST SERIES 1', 448.1],
  ['TLT', 15547841, 'NASDAQ', 'ISHARES 20+ YEAR TREASURY BD', 93.4],
  ['SPY', 756733, 'ARCA', 'SPDR S&P 500 ETF TRUST', 545.3],
  ['IWM', 9579970, 'ARCA', 'ISHARES RUSSELL 2000 ETF', 205.6],
  ['DIA', 73128548, 'ARCA', 'SPDR DOW JONES INDUSTRIAL AVRG', 392.4],
  ['GLD', 51529211, 'ARCA', 'SPDR GOLD SHARES', 215.7],
  ['XLF', 4215235, 'ARCA', 'FINANCIAL SELECT SECTOR SPDR', 41.25],
  ['XLE', 4215217, 'ARCA', 'ENERGY SELECT SECTOR SPDR', 92.1],
  ['EEM', 2586156, 'ARCA', 'ISHARES MSCI EMERGING MARKETS', 42.8],
  ['JPM', 1520593, 'NYSE', 'JPMORGAN CHASE & CO', 198.6],
  ['BAC', 10098, 'NYSE', 'BANK OF AMERICA CORP', 39.85],
  ['WFC', 10375, 'NYSE', 'WELLS FARGO & CO', 58.3],
  ['GS', 4627828, 'NYSE', 'GOLDMAN SACHS GROUP INC', 462.1],
  ['MS', 4661, 'NYSE', 'MORGAN STANLEY', 97.4],
  ['C', 5961, 'NYSE', 'CITIGROUP INC', 62.15],
  ['V', 49462172, 'NYSE', 'VISA INC-CLASS A SHARES', 276.4],
  ['MA', 35949343, 'NYSE', 'MASTERCARD INC - A', 452.8],
  ['JNJ', 8719, 'NYSE', 'JOHNSON & JOHNSON', 148.9],
  ['PFE', 11054, 'NYSE', 'PFIZER INC', 28.45],
  ['MRK', 10282, 'NYSE', 'MERCK & CO. INC.', 129.7],
  ['UNH', 10195, 'NYSE', 'UNITEDHEALTH GROUP INC', 512.4],
  ['KO', 8894, 'NYSE', 'COCA-COLA CO/THE', 62.4],
  ['PG', 11091, 'NYSE', 'PROCTER & GAMBLE CO/THE', 165.3],
  ['WMT', 13824, 'NYSE', 'WALMART INC', 67.8],
  ['HD', 10190, 'NYSE', 'HOME DEPOT INC', 345.2],
  ['DIS', 6459, 'NYSE', 'WALT DISNEY CO/THE', 101.2],
  ['NKE', 10291, 'NYSE', 'NIKE INC -CL B', 94.6],
  ['MCD', 9408, 'NYSE', "MCDONALD'S CORP", 258.9],
  ['XOM', 13977, 'NYSE', 'EXXON MOBIL CORP', 113.4],
  ['CVX', 5620, 'NYSE', 'CHEVRON CORP', 156.7],
  ['BA', 4762, 'NYSE', 'BOEING CO/THE', 181.3],
  ['CAT', 5437, 'NYSE', 'CATERPILLAR INC', 338.5],
  ['GE', 498843743, 'NYSE', 'GE AEROSPACE', 164.2],
  ['IBM', 8314, 'NYSE', 'INTL BUSINESS MACHINES CORP', 172.6],
  ['ORCL', 272800, 'NYSE', 'ORACLE CORP', 125.8],
  ['CRM', 65750655, 'NYSE', 'SALESFORCE INC', 252.4],
  ['T', 37018770, 'NYSE', 'AT&T INC', 18.95],
  ['VZ', 13978, 'NYSE', 'VERIZON COMMUNICATIONS INC', 40.6],
  ['F', 9599491, 'NYSE', 'FORD MOTOR CO', 12.35],
  ['GM', 80286113, 'NYSE', 'GENERAL MOTORS CO', 46.8],
  ['UBER', 365207014, 'NYSE', 'UBER TECHNOLOGIES INC', 71.3],
  ['BRK B', 72063691, 'NYSE', 'BERKSHIRE HATHAWAY INC-CL B', 412.5],
  ['BF B', 9262, 'NYSE', 'BROWN-FORMAN CORP-CLASS B', 45.6],
  ['ZZAMB', 900000101, 'NASDAQ', 'AMBIGUOUS HOLDINGS (NASDAQ LISTING)', 24.5],
  ['ZZAMB', 900000102, 'NYSE', 'AMBIGUOUS HOLDINGS (NYSE LISTING)', 24.55],
];

/** Sub-dollar names quote in 0.0001 like IB's sub-penny US stocks. */
const SUB_PENNY_ROWS: Row[] = [['ZZPNY', 900000201, 'NASDAQ', 'PENNY MINING CORP', 0.4275]];

/** No live market-data permission: the server answers 10089 and serves delayed data. */
const DELAYED_ROWS: Row[] = [['ZZDLY', 900000301, 'NYSE', 'DELAYED DATA CORP', 57.25]];

function entry(row: Row, minTick: number, livePermission: boolean): UniverseEntry {
  const [symbol, conId, primaryExchange, longName, basePrice] = row;
  return Object.freeze({ symbol, conId, primaryExchange, minTick, longName, basePrice, livePermission });
}

export const UNIVERSE: readonly UniverseEntry[] = Object.freeze([
  ...ROWS.map((r) => entry(r, 0.01, true)),
  ...EXTENDED_ROWS.map((r) => entry(r, 0.01, true)),
  ...SUB_PENNY_ROWS.map((r) => entry(r, 0.0001, true)),
  ...DELAYED_ROWS.map((r) => entry(r, 0.01, false)),
]);

/**
 * IB's form of a US share-class symbol: upper case, class separated by one space
 * ("brk.b", "BRK/B", "brk-b" and "BRK  B" all become "BRK B").
 */
export function normaliseSymbol(input: string): string {
  return input.trim().toUpperCase().replace(/[./-]+/g, ' ').replace(/\s+/g, ' ');
}
