import { describe, expect, it } from 'vitest';
import { canonical, newNonce, Signer } from './signer';

// API.md, "Authentication": the contract's test vector
const VECTOR = {
  secret: 'tm_test_secret_0123456789abcdef',
  timestamp: 1714521600000,
  nonce: '7f3a1b8e',
  method: 'POST',
  path: '/v1/orders',
  body: '{"pair":"BTC-USD","side":"buy","type":"limit","price":"63000","size":"0.01"}',
  signature: '7f1eae6fda5025790191e1850ec17697b5966f611d50445a43f50084bbd6a575',
};

describe('Signer', () => {
  it('signs the contract test vector to the published signature', async () => {
    const signer = await Signer.create(VECTOR.secret);
    expect(await signer.sign(VECTOR.timestamp, VECTOR.nonce, VECTOR.method, VECTOR.path, VECTOR.body))
      .toBe(VECTOR.signature);
  });

  it('gives a different signature for a different body', async () => {
    const signer = await Signer.create(VECTOR.secret);
    expect(await signer.sign(VECTOR.timestamp, VECTOR.nonce, VECTOR.method, VECTOR.path, VECTOR.body + ' '))
      .not.toBe(VECTOR.signature);
  });

  it('joins the canonical string with newlines, an empty body last for a GET', () => {
    expect(canonical(1, 'n', 'GET', '/v1/ws', '')).toBe('1\nn\nGET\n/v1/ws\n');
  });

  it('makes nonces the server accepts, never the same twice', () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(newNonce()).not.toBe(a);
  });
});
