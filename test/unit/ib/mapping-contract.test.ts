import { describe, expect, it } from 'vitest';
import type { ContractDetails } from '@stoqey/ib';
import { SecType } from '@stoqey/ib';
import { contractDetailsToInstrument, instrumentToContract, lookupContract } from '../../../electron/ib/mapping/contract';
import type { Instrument } from '../../../shared/model';

const aapl: ContractDetails = {
  contract: { symbol: 'AAPL', conId: 265598, secType: SecType.STK, exchange: 'SMART', primaryExch: 'NASDAQ', currency: 'USD' },
  minTick: 0.01,
  longName: 'APPLE INC',
};

describe('contract mapping', () => {
  it('asks IB for a US stock on SMART by symbol', () => {
    expect(lookupContract('BRK B')).toEqual({ symbol: 'BRK B', secType: 'STK', exchange: 'SMART', currency: 'USD' });
  });

  it('turns contract details into an Instrument', () => {
    expect(contractDetailsToInstrument(aapl)).toEqual({
      symbol: 'AAPL',
      conId: 265598,
      secType: 'STK',
      exchange: 'SMART',
      primaryExchange: 'NASDAQ',
      currency: 'USD',
      minTick: 0.01,
      longName: 'APPLE INC',
    });
  });

  it('fills unknown min tick, primary exchange and long name with neutral values', () => {
    const i = contractDetailsToInstrument({ contract: { ...aapl.contract, primaryExch: undefined }, minTick: 1.7976931348623157e308 });
    expect(i).toMatchObject({ primaryExchange: '', minTick: 0, longName: '' });
  });

  it('drops non-USD listings, non-stocks and details without a conId', () => {
    expect(contractDetailsToInstrument({ contract: { ...aapl.contract, currency: 'EUR' } })).toBeNull();
    expect(contractDetailsToInstrument({ contract: { ...aapl.contract, secType: SecType.OPT } })).toBeNull();
    expect(contractDetailsToInstrument({ contract: { ...aapl.contract, conId: undefined } })).toBeNull();
    expect(contractDetailsToInstrument({ contract: { ...aapl.contract, conId: 0 } })).toBeNull();
  });

  it('routes orders and market data by conId on SMART in USD', () => {
    const instrument: Instrument = {
      symbol: 'MSFT', conId: 272093, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: 'MICROSOFT CORP',
    };
    expect(instrumentToContract(instrument)).toEqual({ conId: 272093, symbol: 'MSFT', secType: 'STK', exchange: 'SMART', currency: 'USD' });
  });
});
