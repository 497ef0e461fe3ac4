import { crc32 } from './crc32';
import { compareDecimal, isZero } from './decimal';

export type Level = [price: string, size: string];

/** Levels per side covered by the stream's checksum (API.md). */
export const CHECKSUM_DEPTH = 25;

/**
 * One side of an L2 book: levels by price, kept sorted best first. Prices and sizes stay the decimal
 * strings the server sent, since the checksum is computed over exactly those.
 */
class Side {
  private levels: Level[] = [];

  constructor(private readonly descending: boolean) {}

  replace(levels: Level[]): void {
    this.levels = levels.filter(([, size]) => !isZero(size)).map(([p, s]) => [p, s] as Level);
    this.levels.sort((a, b) => this.order(a[0], b[0]));
  }

  /** Sets a level's size; a size of zero removes it. */
  set(price: string, size: string): void {
    let lo = 0;
    let hi = this.levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.order(this.levels[mid][0], price) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    const found = lo < this.levels.length && compareDecimal(this.levels[lo][0], price) === 0;
    if (isZero(size)) {
      if (found) {
        this.levels.splice(lo, 1);
      }
    } else if (found) {
      this.levels[lo] = [price, size];
    } else {
      this.levels.splice(lo, 0, [price, size]);
    }
  }

  top(count: number): Level[] {
    return this.levels.slice(0, count);
  }

  get depth(): number {
    return this.levels.length;
  }

  level(rank: number): Level | undefined {
    return this.levels[rank];
  }

  private order(a: string, b: string): number {
    return this.descending ? compareDecimal(b, a) : compareDecimal(a, b);
  }
}

/** An L2 order book at a version `seq`, as the `orderbook:PAIR` channel and `GET /v1/orderbook` give it. */
export class OrderBook {
  readonly bids = new Side(true);
  readonly asks = new Side(false);
  seq = -1;

  load(seq: number, bids: Level[], asks: Level[]): void {
    this.seq = seq;
    this.bids.replace(bids);
    this.asks.replace(asks);
  }

  apply(seq: number, bids: Level[], asks: Level[]): void {
    for (const [price, size] of bids) {
      this.bids.set(price, size);
    }
    for (const [price, size] of asks) {
      this.asks.set(price, size);
    }
    this.seq = seq;
  }

  /** CRC32 of the top 25 levels: per rank `bid_price:bid_size:ask_price:ask_size`, missing sides skipped. */
  checksum(): number {
    const parts: string[] = [];
    for (let rank = 0; rank < CHECKSUM_DEPTH; rank++) {
      const bid = this.bids.level(rank);
      const ask = this.asks.level(rank);
      if (!bid && !ask) {
        break;
      }
      if (bid) {
        parts.push(bid[0], bid[1]);
      }
      if (ask) {
        parts.push(ask[0], ask[1]);
      }
    }
    return crc32(parts.join(':'));
  }
}
