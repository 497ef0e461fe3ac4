import { type Level, OrderBook } from './orderBook';

export interface SnapshotMessage {
  type: 'snapshot';
  seq: number;
  bids: Level[];
  asks: Level[];
  checksum: number;
}

export interface DeltaMessage {
  type: 'delta';
  prev_seq: number;
  seq: number;
  bids: Level[];
  asks: Level[];
  checksum: number;
}

/** `syncing`: waiting for a snapshot; `live`: every delta joined and checked; `resyncing`: a gap or bad checksum seen. */
export type SyncState = 'syncing' | 'live' | 'resyncing';

export type SyncProblem = 'gap' | 'checksum';

/**
 * Keeps a local book in step with the `orderbook:PAIR` stream: a snapshot loads it, each delta must
 * start where the book is (`prev_seq` = its `seq`) and leave it with the server's checksum. Anything
 * else means the local book can no longer be trusted: it asks for a resubscription (which brings a new
 * snapshot) and ignores deltas until that snapshot arrives.
 */
export class BookSync {
  readonly book = new OrderBook();
  state: SyncState = 'syncing';
  lastProblem: SyncProblem | null = null;
  resyncs = 0;

  constructor(private readonly resubscribe: (problem: SyncProblem) => void) {}

  /** A new subscription (after a reconnect or a pair change): wait for its snapshot. */
  reset(): void {
    this.state = 'syncing';
  }

  onMessage(message: SnapshotMessage | DeltaMessage): void {
    if (message.type === 'snapshot') {
      this.book.load(message.seq, message.bids, message.asks);
      if (this.book.checksum() !== message.checksum) {
        this.fail('checksum');
        return;
      }
      this.state = 'live';
      return;
    }
    if (this.state !== 'live') {
      return; // deltas of a subscription being replaced, before its snapshot
    }
    if (message.prev_seq !== this.book.seq) {
      this.fail('gap');
      return;
    }
    this.book.apply(message.seq, message.bids, message.asks);
    if (this.book.checksum() !== message.checksum) {
      this.fail('checksum');
    }
  }

  private fail(problem: SyncProblem): void {
    this.state = 'resyncing';
    this.lastProblem = problem;
    this.resyncs++;
    this.resubscribe(problem);
  }
}
