// The command line's stop warning: the order (or a bracket's entry) a line would send, and
// whether its stop triggers at once against the quote on screen. Pure.

import type { ParseResult } from '../../shared/command-line';
import type { Quote } from '../../shared/model';
import { stopTriggersAtOnce } from '../../shared/stop-warning';

export function lineStopWarning(parsed: ParseResult, quoteOf: (symbol: string) => Quote | undefined): string | null {
  const order = parsed.kind === 'order' ? parsed.order : parsed.kind === 'group' && parsed.group.kind === 'bracket' ? parsed.group.entry : null;
  if (!order) return null;
  return stopTriggersAtOnce(order, quoteOf(order.symbol));
}
