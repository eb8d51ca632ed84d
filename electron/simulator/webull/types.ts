// The Webull simulator's view of orders, in Webull's field names (strings, as
// the OpenAPI carries them).

export type WebullOrderStatus = 'SUBMITTED' | 'PARTIAL_FILLED' | 'FILLED' | 'CANCELLED' | 'FAILED';
export type SimWebullOrderType = 'MARKET' | 'LIMIT' | 'STOP_LOSS' | 'STOP_LOSS_LIMIT' | 'TRAILING_STOP_LOSS';

/** A checked stock_order as place sends it. */
export interface SimStockOrder {
  client_order_id: string;
  side: 'BUY' | 'SELL';
  tif: 'DAY' | 'GTC';
  extended_hours_trading: boolean;
  instrument_id: string;
  order_type: SimWebullOrderType;
  qty: string;
  limit_price?: string;
  stop_price?: string;
  trailing_type?: 'AMOUNT' | 'PERCENTAGE';
  trailing_stop_step?: string;
}

export interface SimWebullOrder extends SimStockOrder {
  account_id: string;
  symbol: string;
  order_status: WebullOrderStatus;
  filled_qty: string;
  filled_price: string;
}

export interface OrderEvent {
  account_id: string;
  client_order_id: string;
  scene_type: 'FILLED' | 'FINAL_FILLED' | 'PLACE_FAILED' | 'MODIFY_SUCCESS' | 'MODIFY_FAILED' | 'CANCEL_SUCCESS' | 'CANCEL_FAILED';
  order_status: WebullOrderStatus;
  instrument_id: string;
  symbol: string;
  side: string;
  order_type: string;
  qty: string;
  filled_qty: string;
  filled_price: string;
  limit_price?: string;
  stop_price?: string;
  trailing_stop_step?: string;
  message?: string;
}

/** One app key of the simulator, and the accounts it may trade. */
export interface SimAppKey {
  appKey: string;
  appSecret: string;
  accounts: string[];
  /** false: this key's region refuses GTC (Webull's GTC is region-specific). */
  gtc: boolean;
  /** How GTC is refused: the place answer (default) or a PLACE_FAILED event after a 200. */
  gtcRefusal?: 'answer' | 'event';
}
