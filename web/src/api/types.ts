/** The API's shapes the screen reads (API.md); decimals stay strings. */
export interface Market {
  pair: string;
  base: string;
  quote: string;
  status: 'trading' | 'halted';
  tick_size: string;
  lot_size: string;
  min_size: string;
  min_notional: string;
  maker_fee_bps: number;
  taker_fee_bps: number;
}

export interface Ticker {
  pair: string;
  last_price: string | null;
  best_bid: string | null;
  best_ask: string | null;
  open_24h: string | null;
  high_24h: string | null;
  low_24h: string | null;
  change_24h: string | null;
  change_pct_24h: string | null;
  volume_24h: string | null;
  quote_volume_24h: string | null;
}

export interface Trade {
  trade_id: string;
  price: string;
  size: string;
  taker_side: 'buy' | 'sell';
  time: string;
}

export interface Candle {
  start: string;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
}

export interface Order {
  id: string;
  client_order_id: string | null;
  pair: string;
  side: 'buy' | 'sell';
  type: 'limit' | 'market' | 'stop' | 'stop_limit';
  status: 'pending_trigger' | 'open' | 'partially_filled' | 'filled' | 'cancelled' | 'rejected';
  price: string | null;
  stop_price: string | null;
  size: string | null;
  filled_size: string;
  remaining_size: string | null;
  avg_fill_price: string | null;
  cancel_reason?: string | null;
  created_at?: string;
  updated_at?: string;
}

export interface Fill {
  trade_id: string;
  order_id: string;
  pair: string;
  side: 'buy' | 'sell';
  price: string;
  size: string;
  fee: string;
  fee_asset: string;
  liquidity: 'maker' | 'taker';
  time: string;
}

export interface Wallet {
  available: string;
  hold: string;
}

export interface Balance {
  asset: string;
  spot: Wallet;
  margin: Wallet;
  earn: Wallet;
}

export interface Info {
  mode: 'sandbox' | 'server' | 'cluster';
  version: string;
  /** Sandbox features (sign-up, faucet) are on: in mode sandbox, and in a cluster run with --sandbox. */
  sandbox: boolean;
}

export interface SandboxAccount {
  account_id: string;
  key: string;
  secret: string;
}

export const OPEN_STATUSES: ReadonlySet<string> = new Set(['open', 'partially_filled', 'pending_trigger']);
