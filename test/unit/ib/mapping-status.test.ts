import { describe, expect, it } from 'vitest';
import { ibCancelReason, mapIbOrderStatus } from '../../../electron/ib/mapping/order-status';

describe('mapIbOrderStatus', () => {
  it.each([
    ['PendingSubmit', 0, 100, 'pending-submit'],
    ['ApiPending', 0, 100, 'pending-submit'],
    ['PreSubmitted', 0, 100, 'pre-submitted'],
    ['Submitted', 0, 100, 'submitted'],
    ['PendingCancel', 0, 100, 'pending-cancel'],
    ['ApiCancelled', 0, 100, 'cancelled'],
    ['Cancelled', 0, 100, 'cancelled'],
    ['Filled', 100, 0, 'filled'],
    ['Inactive', 0, 100, 'inactive'],
  ])('%s filled %d remaining %d -> %s', (status, filled, remaining, expected) => {
    expect(mapIbOrderStatus(status, filled, remaining)).toBe(expected);
  });

  it('reports partially-filled while a partly filled order is still working', () => {
    expect(mapIbOrderStatus('Submitted', 40, 60)).toBe('partially-filled');
    expect(mapIbOrderStatus('PreSubmitted', 40, 60)).toBe('partially-filled');
  });

  it('keeps terminal and cancelling states even with a partial fill', () => {
    expect(mapIbOrderStatus('Cancelled', 40, 60)).toBe('cancelled');
    expect(mapIbOrderStatus('PendingCancel', 40, 60)).toBe('pending-cancel');
    expect(mapIbOrderStatus('Filled', 100, 0)).toBe('filled');
  });

  it('answers null for Unknown and unrecognised strings', () => {
    expect(mapIbOrderStatus('Unknown', 0, 0)).toBeNull();
    expect(mapIbOrderStatus('Bogus', 0, 0)).toBeNull();
    expect(mapIbOrderStatus(undefined, 0, 0)).toBeNull();
  });
});

describe('ibCancelReason', () => {
  it('is null for the empty reason IB sends when the trader cancelled', () => {
    expect(ibCancelReason('Order Canceled - reason:')).toBeNull();
    expect(ibCancelReason('Order Canceled - reason:   ')).toBeNull();
  });

  it("keeps IB's own reason, without the prefix", () => {
    expect(ibCancelReason('Order Canceled - reason:Outside of the regular trading session')).toBe('Outside of the regular trading session');
    expect(ibCancelReason('Order Canceled - reason: The order was cancelled by the exchange')).toBe('The order was cancelled by the exchange');
  });

  it('keeps a text without the prefix as it is', () => {
    expect(ibCancelReason('Order cancelled by system')).toBe('Order cancelled by system');
  });
});
