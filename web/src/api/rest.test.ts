import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, describeError, RestClient } from './rest';
import { Signer } from './signer';

const CREDENTIALS = { key: 'tmk_test', secret: 'tms_secret' };

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** fetch answering each call with the next of `answers`; records what was sent. */
function stubFetch(...answers: [number, object][]): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => {
    sent.push({ url, method: init.method, headers: init.headers, body: init.body });
    const [status, body] = answers[Math.min(sent.length - 1, answers.length - 1)];
    return { status, json: async () => body };
  });
  return sent;
}

/** The signature of what was sent, by the signer the contract's test vector pins (signer.test.ts). */
async function expectedSignature(sent: Sent, path: string): Promise<string> {
  const h = sent.headers;
  return (await Signer.create(CREDENTIALS.secret)).sign(h['X-Api-Timestamp'], h['X-Api-Nonce'], sent.method, path, sent.body ?? '');
}

afterEach(() => vi.unstubAllGlobals());

describe('RestClient', () => {
  it('signs a private POST over the exact path and body it sends', async () => {
    const sent = stubFetch([200, { data: { id: '7' } }]);
    const client = new RestClient();
    await client.signIn(CREDENTIALS);
    const order = await client.signed<{ id: string }>('POST', '/v1/orders', { pair: 'BTC-USD', side: 'buy' });
    expect(order.id).toBe('7');
    expect(sent[0].body).toBe('{"pair":"BTC-USD","side":"buy"}');
    expect(sent[0].headers['X-Api-Key']).toBe('tmk_test');
    expect(sent[0].headers['Content-Type']).toBe('application/json');
    expect(sent[0].headers['X-Api-Signature']).toBe(await expectedSignature(sent[0], '/v1/orders'));
  });

  it('signs a GET with its query and an empty body', async () => {
    const sent = stubFetch([200, { data: [] }]);
    const client = new RestClient();
    await client.signIn(CREDENTIALS);
    await client.signed('GET', '/v1/orders?status=open&limit=200');
    expect(sent[0].body).toBeUndefined();
    expect(sent[0].headers['X-Api-Signature']).toBe(await expectedSignature(sent[0], '/v1/orders?status=open&limit=200'));
  });

  it('signs again once on the server\'s clock when the timestamp is out of its window', async () => {
    const serverTime = Date.now() + 60_000;
    const sent = stubFetch(
      [401, { error: { code: 'timestamp_out_of_window', message: 'timestamp is 60000 ms from server time', server_time: serverTime } }],
      [200, { data: [] }]);
    const client = new RestClient();
    await client.signIn(CREDENTIALS);
    await client.signed('GET', '/v1/fills');
    expect(sent).toHaveLength(2);
    expect(Number(sent[1].headers['X-Api-Timestamp'])).toBeGreaterThanOrEqual(serverTime);
    expect(sent[1].headers['X-Api-Nonce']).not.toBe(sent[0].headers['X-Api-Nonce']);
  });

  it('turns an error answer into an ApiError with the API\'s code, message and field', async () => {
    stubFetch([400, { error: { code: 'invalid_price', message: 'price 1.001 is not a multiple of the tick 0.01', field: 'price' } }]);
    const client = new RestClient();
    await client.signIn(CREDENTIALS);
    const error = await client.signed('POST', '/v1/orders', {}).catch((e: unknown) => e) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect([error.code, error.status, error.field]).toEqual(['invalid_price', 400, 'price']);
    expect(describeError(error)).toBe('price 1.001 is not a multiple of the tick 0.01 (invalid_price)');
  });

  it('refuses a private call before sign-in without sending it', async () => {
    const sent = stubFetch([200, { data: [] }]);
    const error = await new RestClient().signed('GET', '/v1/fills').catch((e: unknown) => e) as ApiError;
    expect(error.code).toBe('missing_auth');
    expect(sent).toHaveLength(0);
  });
});
