import { describe, expect, it } from 'vitest';
import { stopConfirmation } from '../../../renderer/orders/confirm-policy';

describe('stopConfirmation', () => {
  it('asks with the order in words and the warning sentence, and says what was not sent', () => {
    expect(stopConfirmation('SELL 100 AAPL STP 190.00 DAY @demo', 'sell stop 190.00 is at or above the bid 187.49: it triggers at once')).toEqual({
      title: 'Stop triggers at once',
      lines: ['SELL 100 AAPL STP 190.00 DAY @demo', 'Warning: sell stop 190.00 is at or above the bid 187.49: it triggers at once'],
      confirmLabel: 'Send anyway',
      declined: 'Not sent: SELL 100 AAPL STP 190.00 DAY @demo',
    });
  });

  it('asks nothing without a warning', () => {
    expect(stopConfirmation('SELL 100 AAPL STP 185.00 DAY @demo', null)).toBeNull();
  });
});
