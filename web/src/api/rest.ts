import { newNonce, Signer } from './signer';

/** An error answer of the API: its stable code, and the message shown to the user as the server wrote it. */
export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number, readonly field?: string,
              readonly serverTime?: number) {
    super(message);
  }
}

/** How an error is shown to the user: an API error in the server's own words with its stable code beside them. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    return `${error.message} (${error.code})`;
  }
  return error instanceof Error ? error.message : String(error);
}

export interface Credentials {
  key: string;
  secret: string;
}

interface Envelope<T> {
  data?: T;
  next_cursor?: string | null;
  error?: { code: string; message: string; field?: string; server_time?: number };
}

/**
 * The public REST API of API.md from the browser: public calls as they are, private calls signed exactly
 * as a bot signs them. The timestamp follows the server's clock (`GET /v1/time`), so a browser whose clock
 * is off still lands inside the key's window.
 */
export class RestClient {
  private signer: Signer | null = null;
  private key: string | null = null;
  private clockOffset = 0;

  constructor(private readonly base = '') {}

  async syncClock(): Promise<void> {
    const before = Date.now();
    const time = await this.get<{ epoch_ms: number }>('/v1/time');
    const after = Date.now();
    this.clockOffset = time.epoch_ms - Math.round((before + after) / 2);
  }

  now(): number {
    return Date.now() + this.clockOffset;
  }

  async signIn(credentials: Credentials | null): Promise<void> {
    this.signer = credentials ? await Signer.create(credentials.secret) : null;
    this.key = credentials ? credentials.key : null;
  }

  get signedIn(): boolean {
    return this.signer !== null;
  }

  get<T>(pathWithQuery: string): Promise<T> {
    return this.send<T>('GET', pathWithQuery, undefined, false);
  }

  post<T>(pathWithQuery: string, body?: unknown): Promise<T> {
    return this.send<T>('POST', pathWithQuery, body, false);
  }

  signed<T>(method: 'GET' | 'POST', pathWithQuery: string, body?: unknown): Promise<T> {
    return this.send<T>(method, pathWithQuery, body, true);
  }

  /** The WebSocket `auth` op's fields, signed over `ts\nnonce\nGET\n/v1/ws\n`. */
  async wsAuth(): Promise<{ key: string; timestamp: number; nonce: string; signature: string } | null> {
    if (!this.signer || !this.key) {
      return null;
    }
    const timestamp = this.now();
    const nonce = newNonce();
    return { key: this.key, timestamp, nonce, signature: await this.signer.sign(timestamp, nonce, 'GET', '/v1/ws', '') };
  }

  private async send<T>(method: 'GET' | 'POST', pathWithQuery: string, body: unknown, signed: boolean,
                        retried = false): Promise<T> {
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string> = {};
    if (text !== '') {
      headers['Content-Type'] = 'application/json';
    }
    if (signed) {
      if (!this.signer || !this.key) {
        throw new ApiError('missing_auth', 'sign in first', 401);
      }
      const timestamp = String(this.now());
      const nonce = newNonce();
      headers['X-Api-Key'] = this.key;
      headers['X-Api-Timestamp'] = timestamp;
      headers['X-Api-Nonce'] = nonce;
      headers['X-Api-Signature'] = await this.signer.sign(timestamp, nonce, method, pathWithQuery, text);
    }
    const response = await fetch(this.base + pathWithQuery, { method, headers, body: text === '' ? undefined : text });
    const envelope = (await response.json()) as Envelope<T>;
    if (envelope.error) {
      const e = envelope.error;
      if (e.code === 'timestamp_out_of_window' && e.server_time && !retried) {
        // the browser's clock drifted since the last sync: take the server's word and sign again
        this.clockOffset = e.server_time - Date.now();
        return this.send(method, pathWithQuery, body, signed, true);
      }
      throw new ApiError(e.code, e.message, response.status, e.field, e.server_time);
    }
    return envelope.data as T;
  }
}
