/**
 * Request signing exactly as API.md defines it for bots: lowercase hex HMAC-SHA256 with the key's secret
 * over `timestamp \n nonce \n METHOD \n path_with_query \n body`, computed with WebCrypto.
 */
export function canonical(timestamp: number | string, nonce: string, method: string, pathWithQuery: string,
                          body: string): string {
  return `${timestamp}\n${nonce}\n${method}\n${pathWithQuery}\n${body}`;
}

const encoder = new TextEncoder();

export class Signer {
  private constructor(private readonly key: CryptoKey) {}

  static async create(secret: string): Promise<Signer> {
    if (!globalThis.crypto?.subtle) {
      throw new Error('this page is not in a secure context (open it on 127.0.0.1/localhost or over https): '
        + 'the browser offers no WebCrypto to sign requests');
    }
    const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' },
      false, ['sign']);
    return new Signer(key);
  }

  async sign(timestamp: number | string, nonce: string, method: string, pathWithQuery: string,
             body: string): Promise<string> {
    const mac = await crypto.subtle.sign('HMAC', this.key,
      encoder.encode(canonical(timestamp, nonce, method, pathWithQuery, body)));
    return toHex(new Uint8Array(mac));
  }
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    out += b.toString(16).padStart(2, '0');
  }
  return out;
}

/** 32 hex characters of randomness: inside the contract's `[A-Za-z0-9_-]{1,64}`. */
export function newNonce(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}
