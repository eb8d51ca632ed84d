// The one send path of every order entry point (command line, ticket, Orders and
// Positions keys). Import from here.

export { cancelAllOrders, cancelOrder } from './cancel';
export { confirmReasons, referencePrice, stopConfirmation, STOP_CONFIRM_TITLE } from './confirm-policy';
export { stopConfirmed } from './stop-confirm';
export { submitGroup } from './group';
export { checkModify, submitModify } from './modify';
export { cancelSymbolOrders, flatten, flattenAll, reverse } from './positions';
export { checkOrder, previewProblem } from './rules';
export { commandLineContext, commandLineDefaults, parseLine } from './line-context';
export { resolveInstrument, submitOrder, type SubmitOutcome } from './submit';
