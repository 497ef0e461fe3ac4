/** Connection states shown in the header. */
export type StreamStatus = 'connecting' | 'open' | 'reconnecting';

export interface StreamMessage {
  type: string;
  channel?: string;
  id?: number;
  seq?: number;
  error?: { code: string; message: string };
  [field: string]: unknown;
}

export interface AuthFields {
  key: string;
  timestamp: number;
  nonce: string;
  signature: string;
}

/** Reconnect delays: 0.5 s doubling to 10 s, each with jitter so many screens do not return in step. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** Math.min(attempt, 10));
  return Math.round(base * (0.5 + random() / 2));
}

export const PRIVATE_CHANNELS = ['orders', 'fills', 'balances'];

/**
 * The `/v1/ws` connection of the screen: keeps the set of public channels it should have, and on every
 * (re)connect authenticates (when signed in) and subscribes again — the private channels with `since_seq`
 * of the last private message seen, so nothing that happened while it was away is missed. Reconnects with
 * backoff when the connection drops.
 */
export class Stream {
  private socket: WebSocket | null = null;
  private readonly channels = new Set<string>();
  private nextId = 1;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private authenticator: (() => Promise<AuthFields | null>) | null = null;
  private privateSeq: number | null = null;
  private privateLive = false;
  private closed = false;
  /** The id of the `auth` op in flight; its ack starts the private subscription. */
  private pendingAuth = -1;

  constructor(private readonly url: string,
              private readonly onMessage: (message: StreamMessage) => void,
              private readonly onStatus: (status: StreamStatus, detail?: string) => void) {}

  connect(): void {
    this.closed = false;
    this.onStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.onStatus('open');
      if (this.channels.size > 0) {
        this.send({ op: 'subscribe', channels: [...this.channels] });
      }
      void this.authenticate();
    };
    socket.onmessage = event => this.receive(String(event.data));
    socket.onclose = () => {
      if (this.socket !== socket) {
        return;
      }
      this.socket = null;
      this.privateLive = false;
      if (!this.closed) {
        const delay = backoffDelay(this.attempt++);
        this.onStatus('reconnecting', `in ${(delay / 1000).toFixed(1)} s`);
        this.timer = setTimeout(() => this.connect(), delay);
      }
    };
  }

  close(): void {
    this.closed = true;
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.socket?.close();
  }

  /** Drops the connection as a network failure would (the reconnect path; used when the tab wakes up). */
  drop(): void {
    this.socket?.close();
  }

  subscribe(channels: string[]): void {
    const fresh = channels.filter(c => !this.channels.has(c));
    fresh.forEach(c => this.channels.add(c));
    if (fresh.length > 0) {
      this.send({ op: 'subscribe', channels: fresh });
    }
  }

  unsubscribe(channels: string[]): void {
    const held = channels.filter(c => this.channels.delete(c));
    if (held.length > 0) {
      this.send({ op: 'unsubscribe', channels: held });
    }
  }

  /** Unsubscribes and subscribes again: the server answers with a fresh snapshot. */
  resubscribe(channel: string): void {
    this.send({ op: 'unsubscribe', channels: [channel] });
    this.send({ op: 'subscribe', channels: [channel] });
  }

  /** Signs in on this and every later connection; null signs out. */
  setAuthenticator(authenticator: (() => Promise<AuthFields | null>) | null): void {
    this.authenticator = authenticator;
    this.privateSeq = null;
    if (this.socket) {
      // a connection cannot drop its authentication: start a new one
      this.attempt = 0;
      this.socket.close();
    }
  }

  private async authenticate(): Promise<void> {
    const auth = this.authenticator ? await this.authenticator() : null;
    if (!auth) {
      return;
    }
    this.pendingAuth = this.send({ op: 'auth', ...auth });
  }

  private receive(text: string): void {
    let message: StreamMessage;
    try {
      message = JSON.parse(text) as StreamMessage;
    } catch {
      return;
    }
    if (message.type === 'ack' && message.id === this.pendingAuth) {
      this.pendingAuth = -1;
      const subscribe: Record<string, unknown> = { op: 'subscribe', channels: PRIVATE_CHANNELS };
      if (this.privateSeq !== null) {
        subscribe.since_seq = this.privateSeq;
      }
      this.send(subscribe);
      this.privateLive = true;
    }
    if (message.type === 'error' && message.error?.code === 'since_seq_unavailable') {
      // too far behind to replay: start over from REST (the handler reloads) and a plain subscription
      this.privateSeq = null;
      this.send({ op: 'subscribe', channels: PRIVATE_CHANNELS });
    }
    if (message.channel && PRIVATE_CHANNELS.includes(message.channel) && typeof message.seq === 'number') {
      this.privateSeq = Math.max(this.privateSeq ?? 0, message.seq);
    }
    this.onMessage(message);
  }

  get authenticated(): boolean {
    return this.privateLive;
  }

  private send(op: Record<string, unknown>): number {
    const id = this.nextId++;
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ ...op, id }));
    }
    return id;
  }
}
