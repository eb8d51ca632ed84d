// What the command line's grammar may look up when a line is parsed: the
// settings' default TIF and quantity, quotes (anchors like `ask-0.02`, market
// brackets), positions (exit) and the instrument's tick (rounding). Read from
// the stores at the moment of parsing, so a hotkey resolves against the quote
// on screen when it is pressed.

import { parseCommandLine, type CommandLineDefaults, type ParseContext, type ParseResult } from '../../shared/command-line';
import { useInstruments, usePositions, useSettings } from '../stores/broker-state';
import { useQuotes } from '../stores/quotes';

export function commandLineDefaults(): CommandLineDefaults {
  const defaults = useSettings.getState().settings?.defaults;
  if (!defaults) return {};
  return { tif: defaults.tif, quantity: defaults.quantity };
}

/** `defaultAccount` is the account a line without `@ACCOUNT` goes to. */
export function commandLineContext(defaultAccount: string): ParseContext {
  return {
    quote: (symbol) => {
      const q = useQuotes.getState().bySymbol[symbol];
      return q ? { bid: q.bid, ask: q.ask, last: q.last } : undefined;
    },
    position: (account, symbol) => {
      const id = account ?? defaultAccount;
      const held = Object.values(usePositions.getState().byKey).find((p) => p.account === id && p.symbol === symbol);
      return held?.quantity ?? 0;
    },
    minTick: (symbol) => {
      const tick = useInstruments.getState().bySymbol[symbol]?.minTick;
      return tick !== undefined && tick > 0 ? tick : undefined;
    },
  };
}

/** One line as the command line reads it now: settings' defaults, quotes, positions, ticks. Hotkeys parse through this too. */
export function parseLine(text: string, defaultAccount: string): ParseResult {
  return parseCommandLine(text, commandLineDefaults(), commandLineContext(defaultAccount));
}
