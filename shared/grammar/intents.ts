// What one command line means: the intents parseCommandLine returns. Types only.

import type { DescribableOrder } from '../describe-order';
import type { OrderGroup } from '../model';
import type { OrderChanges } from '../order-commands';

/** An order from the command line; account is null when the line has no `@ACCOUNT`. */
export type ParsedOrder = DescribableOrder;
/** A bracket (`tp` / `sl` on an entry) or an OCA exit (`exit`). */
export type ParsedGroup = Exclude<OrderGroup<ParsedOrder>, { kind: 'single' }>;

/** `account` is present only when the line named one (`cancel 42 @paper`). */
export type ParseResult =
  | { kind: 'order'; order: ParsedOrder }
  | { kind: 'group'; group: ParsedGroup }
  | { kind: 'modify'; orderId: number; changes: OrderChanges; account?: string }
  | { kind: 'cancel'; orderId: number; account?: string }
  | { kind: 'cancel-all'; account?: string }
  | { kind: 'cancel-symbol'; symbol: string; account?: string }
  | { kind: 'flatten'; symbol: string; account?: string }
  | { kind: 'flatten-all'; account?: string }
  | { kind: 'reverse'; symbol: string; account?: string }
  | { kind: 'empty' }
  | { kind: 'error'; message: string };

export interface CommandLineDefaults {
  /** Time in force when the line names none; GTC when absent (DESIGN.md). */
  tif?: 'GTC' | 'DAY';
  /**
   * Shares when the line gives none (settings' default quantity). A quantity is a whole
   * number written without `.` or `$`: with a default, `b AAPL 187.50` is a limit for the
   * default quantity, while `b AAPL 187` still buys 187 shares at market.
   */
  quantity?: number;
}

export interface QuoteSnapshot {
  bid: number | null;
  ask: number | null;
  last: number | null;
}

/** What the line may look up at the moment it is parsed (hotkeys, brackets, exits). */
export interface ParseContext {
  /** The symbol's quote now, or undefined when none is open. */
  quote?: (symbol: string) => QuoteSnapshot | undefined;
  /** Signed shares held (negative = short) in an account (null = the default account). */
  position?: (account: string | null, symbol: string) => number;
  /** The instrument's minimum tick when known: resolved prices round to it. */
  minTick?: (symbol: string) => number | undefined;
}
