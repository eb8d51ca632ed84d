// Symbol -> Webull instrument_id (docs: "Get Instruments", /instrument/list),
// kept for the session's life. Orders need the id; the host's symbol
// registry needs Instrument rows.

import type { Instrument } from '../../shared/model';
import type { WebullApi, WebullInstrumentRow } from './api';

/** "brk.b", "BRK B" -> "BRK B": the workstation's normal form. */
export function normalSymbol(symbol: string): string {
  return symbol.trim().toUpperCase().replace(/[.\s/]+/g, ' ');
}

/** Webull writes class shares with a dot (BRK.B). */
export function webullSymbol(symbol: string): string {
  return normalSymbol(symbol).replace(/ /g, '.');
}

export function toInstrument(row: WebullInstrumentRow): Instrument | null {
  const conId = Number(row.instrument_id);
  if (!Number.isSafeInteger(conId) || conId <= 0) return null;
  return {
    symbol: normalSymbol(row.symbol),
    conId,
    secType: 'STK',
    exchange: 'SMART',
    primaryExchange: row.exchange_code ?? '',
    currency: 'USD',
    minTick: 0,
    longName: row.name ?? '',
  };
}

export class SymbolBook {
  private readonly ids = new Map<string, string>();

  constructor(private readonly api: () => WebullApi | null) {}

  async lookup(symbol: string): Promise<Instrument[]> {
    const api = this.api();
    if (!api) throw new Error('not connected to Webull');
    const wanted = normalSymbol(symbol);
    const rows = (await api.instruments(webullSymbol(symbol))).filter((r) => normalSymbol(r.symbol) === wanted);
    if (rows.length === 1 && rows[0]) this.ids.set(wanted, rows[0].instrument_id);
    return rows.map(toInstrument).filter((i): i is Instrument => i !== null);
  }

  async instrumentId(symbol: string): Promise<string> {
    const wanted = normalSymbol(symbol);
    const known = this.ids.get(wanted);
    if (known) return known;
    const found = await this.lookup(symbol);
    if (found.length === 0) throw new Error(`Webull does not know the symbol ${wanted}`);
    if (found.length > 1) throw new Error(`Webull lists ${found.length} instruments for ${wanted}`);
    const id = this.ids.get(wanted);
    if (!id) throw new Error(`Webull does not know the symbol ${wanted}`);
    return id;
  }
}
