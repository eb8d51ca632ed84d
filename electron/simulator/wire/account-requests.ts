// Client requests about the account beyond the basics: daily P&L, completed
// orders, market rules, the *Multi subscriptions and user info. Layouts from
// @stoqey/ib's encoder (no version field where the encoder sends none). Pure.

/** Client message ids of these requests (EClient's OUT ids). */
export const AccountClientMsg = {
  REQ_POSITIONS_MULTI: 74,
  CANCEL_POSITIONS_MULTI: 75,
  REQ_ACCOUNT_UPDATES_MULTI: 76,
  CANCEL_ACCOUNT_UPDATES_MULTI: 77,
  REQ_MARKET_RULE: 91,
  REQ_PNL: 92,
  CANCEL_PNL: 93,
  REQ_PNL_SINGLE: 94,
  CANCEL_PNL_SINGLE: 95,
  REQ_COMPLETED_ORDERS: 99,
  REQ_USER_INFO: 104,
} as const;

export type AccountRequest =
  | { kind: 'reqPnL'; reqId: number; account: string }
  | { kind: 'cancelPnL'; reqId: number }
  | { kind: 'reqPnLSingle'; reqId: number; account: string; conId: number }
  | { kind: 'cancelPnLSingle'; reqId: number }
  | { kind: 'reqCompletedOrders'; apiOnly: boolean }
  | { kind: 'reqMarketRule'; marketRuleId: number }
  | { kind: 'reqPositionsMulti'; reqId: number; account: string }
  | { kind: 'cancelPositionsMulti'; reqId: number }
  | { kind: 'reqAccountUpdatesMulti'; reqId: number; account: string; ledgerAndNlv: boolean }
  | { kind: 'cancelAccountUpdatesMulti'; reqId: number }
  | { kind: 'reqUserInfo'; reqId: number };

/** Field readers the caller supplies (requests.ts's strict Fields). */
export interface FieldReader {
  str(index: number): string;
  int(index: number, whenEmpty?: number): number;
  bool(index: number): boolean;
}

/** Where the id to answer an error on sits, by message id (null: not one of these). */
export const ACCOUNT_REQUEST_ID_INDEX: ReadonlyMap<number, number> = new Map([
  [AccountClientMsg.REQ_PNL, 1], [AccountClientMsg.CANCEL_PNL, 1], [AccountClientMsg.REQ_PNL_SINGLE, 1],
  [AccountClientMsg.CANCEL_PNL_SINGLE, 1], [AccountClientMsg.REQ_USER_INFO, 1],
  [AccountClientMsg.REQ_POSITIONS_MULTI, 2], [AccountClientMsg.CANCEL_POSITIONS_MULTI, 2],
  [AccountClientMsg.REQ_ACCOUNT_UPDATES_MULTI, 2], [AccountClientMsg.CANCEL_ACCOUNT_UPDATES_MULTI, 2],
]);

/** One of these requests, or null when msgId is none of them. Throws the reader's error on a bad field. */
export function parseAccountRequest(msgId: number, f: FieldReader): AccountRequest | null {
  switch (msgId) {
    case AccountClientMsg.REQ_PNL:
      return { kind: 'reqPnL', reqId: f.int(1), account: f.str(2) };
    case AccountClientMsg.CANCEL_PNL:
      return { kind: 'cancelPnL', reqId: f.int(1) };
    case AccountClientMsg.REQ_PNL_SINGLE:
      return { kind: 'reqPnLSingle', reqId: f.int(1), account: f.str(2), conId: f.int(4) };
    case AccountClientMsg.CANCEL_PNL_SINGLE:
      return { kind: 'cancelPnLSingle', reqId: f.int(1) };
    case AccountClientMsg.REQ_COMPLETED_ORDERS:
      return { kind: 'reqCompletedOrders', apiOnly: f.bool(1) };
    case AccountClientMsg.REQ_MARKET_RULE:
      return { kind: 'reqMarketRule', marketRuleId: f.int(1) };
    case AccountClientMsg.REQ_POSITIONS_MULTI:
      return { kind: 'reqPositionsMulti', reqId: f.int(2), account: f.str(3) };
    case AccountClientMsg.CANCEL_POSITIONS_MULTI:
      return { kind: 'cancelPositionsMulti', reqId: f.int(2) };
    case AccountClientMsg.REQ_ACCOUNT_UPDATES_MULTI:
      return { kind: 'reqAccountUpdatesMulti', reqId: f.int(2), account: f.str(3), ledgerAndNlv: f.bool(5) };
    case AccountClientMsg.CANCEL_ACCOUNT_UPDATES_MULTI:
      return { kind: 'cancelAccountUpdatesMulti', reqId: f.int(2) };
    case AccountClientMsg.REQ_USER_INFO:
      return { kind: 'reqUserInfo', reqId: f.int(1) };
    default:
      return null;
  }
}
