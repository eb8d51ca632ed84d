// IB's refusals, worded as TWS words them, so the app shows what a trader would
// see from a real gateway.

import type { SimOrderStatus, SimReject } from './types';

export const UNSUPPORTED_ORDER_TYPE: SimReject = {
  code: 387,
  message: 'Unsupported order type for this exchange and security type.',
};
export const PRICE_OFF_TICK: SimReject = {
  code: 110,
  message: 'The price does not conform to the minimum price variation for this contract.',
};
export const DUPLICATE_ORDER_ID: SimReject = { code: 103, message: 'Duplicate order id' };
export const NO_SECURITY_DEFINITION: SimReject = {
  code: 200,
  message: 'No security definition has been found for the request',
};
export const ZERO_SIZE: SimReject = { code: 434, message: 'The order size cannot be zero.' };

export function orderRejected(reason: string): SimReject {
  return { code: 201, message: `Order rejected - reason:${reason}` };
}

export function validationError(detail: string): SimReject {
  return { code: 321, message: `Error validating request:-'bW' : cause - ${detail}` };
}

export function insufficientBuyingPower(orderValue: number, availableFunds: number): SimReject {
  return orderRejected(
    `Insufficient buying power. Order value ${orderValue.toFixed(2)} USD exceeds available funds ${availableFunds.toFixed(2)} USD.`,
  );
}

export function cancelNotFound(orderId: number): SimReject {
  return { code: 10147, message: `OrderId ${orderId} that needs to be cancelled is not found.` };
}

export function cancelNotCancellable(orderId: number, status: SimOrderStatus): SimReject {
  return { code: 10148, message: `OrderId ${orderId} that needs to be cancelled cannot be cancelled, state: ${status}.` };
}

export const MODIFY_FILLED: SimReject = { code: 104, message: "Can't modify a filled order." };
export const MODIFY_MISMATCH: SimReject = { code: 105, message: 'Order being modified does not match original order.' };

export function cancelNotInCancellableState(permId: number): SimReject {
  return { code: 161, message: `Cancel attempted when order is not in a cancellable state. Order permId =${permId}` };
}

export function parentNotFound(parentId: number): SimReject {
  return { code: 135, message: `Can't find order with id =${parentId}` };
}
