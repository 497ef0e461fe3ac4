import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';
import { BookSync, type DeltaMessage, type SnapshotMessage } from './bookSync';
import type { Level } from './orderBook';

// real messages of a sandbox's orderbook:BTC-USD stream (top levels), with their checksums
const SNAPSHOT: SnapshotMessage = {
  type: 'snapshot', seq: 171,
  bids: [['63016.75', '0.0355'], ['63012.20', '0.0527']],
  asks: [['63018.90', '0.0848']],
  checksum: crc32('63016.75:0.0355:63018.90:0.0848:63012.20:0.0527'),
};

function delta(prevSeq: number, seq: number, bids: Level[], asks: Level[], checksum: number): DeltaMessage {
  return { type: 'delta', prev_seq: prevSeq, seq, bids, asks, checksum };
}

describe('BookSync', () => {
  it('goes live on a snapshot whose checksum matches', () => {
    const sync = new BookSync(() => { throw new Error('no resync expected'); });
    sync.onMessage(SNAPSHOT);
    expect(sync.state).toBe('live');
    expect(sync.book.seq).toBe(171);
    expect(sync.book.bids.top(5)).toEqual([['63016.75', '0.0355'], ['63012.20', '0.0527']]);
  });

  it('applies a joining delta: a zero size (as the server writes it, "0.0000") removes the level', () => {
    const sync = new BookSync(() => { throw new Error('no resync expected'); });
    sync.onMessage(SNAPSHOT);
    sync.onMessage(delta(171, 172, [['63012.20', '0.0000'], ['63000.30', '0.0672']], [],
      crc32('63016.75:0.0355:63018.90:0.0848:63000.30:0.0672')));
    expect(sync.state).toBe('live');
    expect(sync.book.seq).toBe(172);
    expect(sync.book.bids.top(5)).toEqual([['63016.75', '0.0355'], ['63000.30', '0.0672']]);
  });

  it('keeps both sides sorted best first as levels arrive in any order', () => {
    const sync = new BookSync(() => {});
    sync.onMessage({ type: 'snapshot', seq: 1, bids: [], asks: [], checksum: 0 });
    const bids: Level[] = [['99.5', '1'], ['100.25', '2'], ['9.75', '3']];
    const asks: Level[] = [['102', '1'], ['100.5', '2'], ['1000', '3']];
    sync.book.apply(2, bids, asks);
    expect(sync.book.bids.top(3).map(l => l[0])).toEqual(['100.25', '99.5', '9.75']);
    expect(sync.book.asks.top(3).map(l => l[0])).toEqual(['100.5', '102', '1000']);
  });

  it('asks for a resubscription on a gap and ignores deltas until the next snapshot', () => {
    const problems: string[] = [];
    const sync = new BookSync(p => problems.push(p));
    sync.onMessage(SNAPSHOT);
    sync.onMessage(delta(172, 173, [['63016.75', '1.0000']], [], 0));
    expect(problems).toEqual(['gap']);
    expect(sync.state).toBe('resyncing');
    sync.onMessage(delta(173, 174, [['1.00', '1.0000']], [], 0));
    expect(sync.book.seq).toBe(171);
    expect(problems).toEqual(['gap']);
    sync.onMessage({ ...SNAPSHOT, seq: 180 });
    expect(sync.state).toBe('live');
    expect(sync.book.seq).toBe(180);
  });

  it('asks for a resubscription when a delta leaves the book with another checksum', () => {
    const problems: string[] = [];
    const sync = new BookSync(p => problems.push(p));
    sync.onMessage(SNAPSHOT);
    sync.onMessage(delta(171, 172, [['63012.20', '0.0528']], [], 12345));
    expect(problems).toEqual(['checksum']);
    expect(sync.state).toBe('resyncing');
    expect(sync.resyncs).toBe(1);
  });

  it('does not trust a snapshot whose checksum does not match', () => {
    const problems: string[] = [];
    const sync = new BookSync(p => problems.push(p));
    sync.onMessage({ ...SNAPSHOT, checksum: SNAPSHOT.checksum + 1 });
    expect(problems).toEqual(['checksum']);
    expect(sync.state).toBe('resyncing');
  });
});
