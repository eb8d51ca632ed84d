// The server versions the simulator negotiates, and IB's MIN_SERVER_VER_*
// constants for every field it gates, named as IB names them (EClient.java,
// @stoqey/ib's MIN_SERVER_VER). A unit test checks each value against
// @stoqey/ib's exported enum so the two cannot drift.

/** The oldest client version TWS serves over the v100+ protocol. */
export const MIN_CLIENT_VER = 100;
/** The newest version the simulator speaks: what a current TWS negotiates with @stoqey/ib 1.6.10. */
export const MAX_SERVER_VER = 193;

export const MIN_SERVER_VER = {
  PEGGED_TO_BENCHMARK: 102,
  MODELS_SUPPORT: 103,
  SOFT_DOLLAR_TIER: 106,
  MD_SIZE_MULTIPLIER: 110,
  CASH_QTY: 111,
  AGG_GROUP: 121,
  UNDERLYING_INFO: 122,
  MARKET_RULES: 126,
  PNL: 127,
  UNREALIZED_PNL: 129,
  MARKET_CAP_PRICE: 131,
  REAL_EXPIRATION_DATE: 134,
  REALIZED_PNL: 135,
  LAST_LIQUIDITY: 136,
  AUTO_PRICE_FOR_HEDGE: 141,
  WHAT_IF_EXT_FIELDS: 142,
  ORDER_CONTAINER: 145,
  D_PEG_ORDERS: 148,
  REQ_COMPLETED_ORDERS: 150,
  PRICE_MGMT_ALGO: 151,
  STOCK_TYPE: 152,
  ENCODE_MSG_ASCII7: 153,
  DURATION: 158,
  POST_TO_ATS: 160,
  AUTO_CANCEL_PARENT: 162,
  FRACTIONAL_SIZE_SUPPORT: 163,
  SIZE_RULES: 164,
  ADVANCED_ORDER_REJECT: 166,
  USER_INFO: 167,
  MANUAL_ORDER_TIME: 169,
  PEGBEST_PEGMID_OFFSETS: 170,
  FA_PROFILE_DESUPPORT: 177,
  PENDING_PRICE_REVISION: 178,
  LAST_TRADE_DATE: 182,
  CUSTOMER_ACCOUNT: 183,
  PROFESSIONAL_CUSTOMER: 184,
  BOND_ACCRUED_INTEREST: 185,
  INELIGIBILITY_REASONS: 186,
  INCLUDE_OVERNIGHT: 189,
  CME_TAGGING_FIELDS: 192,
  CME_TAGGING_FIELDS_IN_OPEN_ORDER: 193,
} as const;

export type Negotiation = { ok: true; version: number } | { ok: false; reason: string };

/**
 * TWS's answer to a client's "vMIN..MAX": the highest version both sides speak.
 * A range wholly below what the server serves is refused (TWS closes the socket
 * without answering; see README). A range wholly above is answered with the
 * server's maximum, and the client decides (@stoqey/ib reports 506 and hangs up).
 */
export function negotiateVersion(min: number, max: number): Negotiation {
  if (max < MIN_CLIENT_VER) return { ok: false, reason: `client versions ${min}..${max} are all below ${MIN_CLIENT_VER}` };
  return { ok: true, version: Math.min(max, MAX_SERVER_VER) };
}
