// IB Contract / ContractDetails <-> our Instrument. US equities only: every
// request is STK/SMART/USD and orders/market data are routed by conId, so a
// symbol rename or a second listing never sends an order to the wrong line.

import type { Contract, ContractDetails } from '@stoqey/ib';
import { SecType } from '@stoqey/ib';
import type { Instrument } from '../../../shared/model';

/** The contract a symbol lookup (reqContractDetails) asks for. */
export function lookupContract(symbol: string): Contract {
  return { symbol, secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
}

/** The contract orders and market data are sent with: conId decides, the rest documents. */
export function instrumentToContract(instrument: Instrument): Contract {
  return {
    conId: instrument.conId,
    symbol: instrument.symbol,
    secType: SecType.STK,
    exchange: 'SMART',
    currency: 'USD',
  };
}

/**
 * One contract-details answer as an Instrument, or null when it is not a US
 * stock we can trade through SMART (another currency or security type).
 */
export function contractDetailsToInstrument(details: ContractDetails): Instrument | null {
  const c = details.contract;
  if (c.secType !== SecType.STK || c.currency !== 'USD') return null;
  if (!c.symbol || c.conId === undefined || !Number.isInteger(c.conId) || c.conId <= 0) return null;
  const minTick = details.minTick;
  return {
    symbol: c.symbol,
    conId: c.conId,
    secType: 'STK',
    exchange: 'SMART',
    primaryExchange: c.primaryExch ?? '',
    currency: 'USD',
    minTick: minTick !== undefined && Number.isFinite(minTick) && minTick > 0 && minTick < 1e300 ? minTick : 0,
    longName: details.longName ?? '',
  };
}

/**
 * The market rule id of the SMART route: IB lists one rule id per valid exchange, in the
 * order of validExchanges. null when the details carry none.
 */
export function smartMarketRuleId(details: ContractDetails): number | null {
  const ids = (details.marketRuleIds ?? '').split(',').map((s) => s.trim());
  const exchanges = (details.validExchanges ?? '').split(',').map((s) => s.trim());
  const at = exchanges.indexOf('SMART');
  const text = ids[at >= 0 && at < ids.length ? at : 0] ?? '';
  const id = Number(text);
  return text !== '' && Number.isInteger(id) && id >= 0 ? id : null;
}
