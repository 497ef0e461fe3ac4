import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, Stream, type StreamMessage, type StreamStatus } from './stream';

/** A WebSocket the test opens, feeds and drops by hand; it records what the stream sends. */
class FakeSocket {
  static readonly OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }

  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }

  receive(message: object): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }

  close(): void {
    this.readyState = 3;
    this.onclose?.();
  }

  static last(): FakeSocket {
    return FakeSocket.all[FakeSocket.all.length - 1];
  }
}

const AUTH = { key: 'tmk_k', timestamp: 1, nonce: 'n', signature: 's' };

describe('reconnect backoff', () => {
  it('doubles from half a second and stops growing at ten', () => {
    const top = () => 1; // no jitter: the upper end
    expect([0, 1, 2, 3, 4, 5, 6].map(a => backoffDelay(a, top))).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('jitters each delay down to half of it', () => {
    expect(backoffDelay(3, () => 0)).toBe(2000);
  });
});

describe('Stream', () => {
  let messages: StreamMessage[];
  let statuses: StreamStatus[];

  beforeEach(() => {
    FakeSocket.all = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.useFakeTimers();
    messages = [];
    statuses = [];
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  function stream(): Stream {
    return new Stream('ws://test/v1/ws', m => messages.push(m), s => statuses.push(s));
  }

  it('subscribes to the channels it holds once the connection opens', () => {
    const s = stream();
    s.subscribe(['orderbook:BTC-USD', 'trades:BTC-USD']);
    s.connect();
    FakeSocket.last().open();
    expect(FakeSocket.last().sent).toEqual([{ op: 'subscribe', channels: ['orderbook:BTC-USD', 'trades:BTC-USD'], id: expect.any(Number) }]);
    expect(statuses).toEqual(['connecting', 'open']);
  });

  it('reconnects after a drop with backoff and subscribes to the same channels again', () => {
    const s = stream();
    s.connect();
    FakeSocket.last().open();
    s.subscribe(['orderbook:BTC-USD']);
    FakeSocket.last().close();
    expect(statuses.at(-1)).toBe('reconnecting');
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.last().open();
    expect(FakeSocket.last().sent[0]).toMatchObject({ op: 'subscribe', channels: ['orderbook:BTC-USD'] });
  });

  it('waits longer after each failed attempt', () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const s = stream();
    s.connect();
    FakeSocket.last().close(); // never opened: attempt 0 failed
    vi.advanceTimersByTime(499);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.last().close();
    vi.advanceTimersByTime(999);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);
  });

  it('authenticates, then subscribes to the private channels; after a reconnect with since_seq of the last private message', async () => {
    const s = stream();
    s.setAuthenticator(async () => AUTH);
    s.connect();
    FakeSocket.last().open();
    await vi.waitFor(() => expect(FakeSocket.last().sent.some(m => m.op === 'auth')).toBe(true));
    const auth = FakeSocket.last().sent.find(m => m.op === 'auth')!;
    expect(auth).toMatchObject(AUTH);
    FakeSocket.last().receive({ type: 'ack', id: auth.id });
    expect(FakeSocket.last().sent.at(-1)).toMatchObject({ op: 'subscribe', channels: ['orders', 'fills', 'balances'] });
    expect(FakeSocket.last().sent.at(-1)).not.toHaveProperty('since_seq');
    FakeSocket.last().receive({ channel: 'fills', type: 'fill', seq: 41, data: {} });
    FakeSocket.last().receive({ channel: 'balances', type: 'balance', seq: 42, data: {} });

    FakeSocket.last().close();
    vi.advanceTimersByTime(500);
    FakeSocket.last().open();
    await vi.waitFor(() => expect(FakeSocket.last().sent.some(m => m.op === 'auth')).toBe(true));
    const again = FakeSocket.last().sent.find(m => m.op === 'auth')!;
    FakeSocket.last().receive({ type: 'ack', id: again.id });
    expect(FakeSocket.last().sent.at(-1)).toMatchObject({ op: 'subscribe', channels: ['orders', 'fills', 'balances'], since_seq: 42 });
    expect(messages.filter(m => m.channel === 'balances')).toHaveLength(1);
  });

  it('falls back to a plain private subscription when the server can no longer replay since_seq', async () => {
    const s = stream();
    s.setAuthenticator(async () => AUTH);
    s.connect();
    FakeSocket.last().open();
    await vi.waitFor(() => expect(FakeSocket.last().sent.some(m => m.op === 'auth')).toBe(true));
    FakeSocket.last().receive({ type: 'error', id: 9, error: { code: 'since_seq_unavailable', message: 'gone' } });
    expect(FakeSocket.last().sent.at(-1)).toEqual({ op: 'subscribe', channels: ['orders', 'fills', 'balances'], id: expect.any(Number) });
    expect(messages.at(-1)?.error?.code).toBe('since_seq_unavailable');
  });

  it('resubscribes a channel (for a fresh snapshot) by unsubscribing and subscribing again', () => {
    const s = stream();
    s.subscribe(['orderbook:ETH-USD']);
    s.connect();
    FakeSocket.last().open();
    s.resubscribe('orderbook:ETH-USD');
    expect(FakeSocket.last().sent.slice(1).map(m => [m.op, m.channels])).toEqual([
      ['unsubscribe', ['orderbook:ETH-USD']], ['subscribe', ['orderbook:ETH-USD']]]);
  });

  it('does not reconnect once closed on purpose', () => {
    const s = stream();
    s.connect();
    FakeSocket.last().open();
    s.close();
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });
});
