import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { open, seal, SEALED_FORMAT } from '../../../src-main/core/vault/envelope';
import { createTestCipher } from '../../helpers/cipher';

const Secret = z.object({ apiKey: z.string(), subdomain: z.string() });
const at = '2026-01-01T00:00:00.000Z';

describe('sealed secrets', () => {
  const cipher = createTestCipher();
  const data = { apiKey: 'CANARY-envelope-1234', subdomain: 'acme' };

  it('round-trips for the same profile and purpose, and the ciphertext does not contain the secret', () => {
    const sealed = seal(cipher, 'alice', 'freshdesk-connection', data, at);
    expect(sealed.format).toBe(SEALED_FORMAT);
    expect(sealed.v).toBe(1);
    expect(JSON.stringify(sealed)).not.toContain('CANARY');
    expect(Buffer.from(sealed.ct, 'base64').toString('latin1')).not.toContain('CANARY');
    expect(open(cipher, 'alice', 'freshdesk-connection', sealed, Secret)).toEqual({ ok: true, data });
  });

  it("refuses another profile's ciphertext (copied record) and another slot's", () => {
    const sealed = seal(cipher, 'alice', 'freshdesk-connection', data, at);
    expect(open(cipher, 'bob', 'freshdesk-connection', sealed, Secret)).toEqual({ ok: false, failure: 'wrong_owner' });
    expect(open(cipher, 'alice', 'anthropic-key', sealed, Secret)).toEqual({ ok: false, failure: 'wrong_owner' });
  });

  it('reports a key it cannot decrypt (keychain reset / another machine) as decrypt_failed', () => {
    const sealed = seal(cipher, 'alice', 'freshdesk-connection', data, at);
    expect(open(createTestCipher(), 'alice', 'freshdesk-connection', sealed, Secret)).toEqual({ ok: false, failure: 'decrypt_failed' });
  });

  it('detects decrypted content that was altered (unauthenticated ciphers) through the checksum', () => {
    // A cipher that decrypts to whatever we like models AES-CBC malleability: the JSON is valid,
    // but the owner was rewritten without the key.
    const sealed = seal(cipher, 'alice', 'freshdesk-connection', data, at);
    const plain = JSON.parse(cipher.decrypt(Buffer.from(sealed.ct, 'base64')));
    const malleable = {
      status: () => ({ available: true as const }),
      encrypt: (s: string) => Buffer.from(s),
      decrypt: () => JSON.stringify({ ...plain, owner: 'bob' }),
    };
    expect(open(malleable, 'bob', 'freshdesk-connection', sealed, Secret)).toEqual({ ok: false, failure: 'tampered' });
    const garbled = { ...malleable, decrypt: () => JSON.stringify({ ...plain, data: { ...data, subdomain: 'evil' } }) };
    expect(open(garbled, 'alice', 'freshdesk-connection', sealed, Secret)).toEqual({ ok: false, failure: 'tampered' });
    const notJson = { ...malleable, decrypt: () => '\u0000garbage' };
    expect(open(notJson, 'alice', 'freshdesk-connection', sealed, Secret)).toEqual({ ok: false, failure: 'tampered' });
  });

  it('refuses unknown formats and versions without throwing', () => {
    const sealed = seal(cipher, 'alice', 'freshdesk-connection', data, at);
    expect(open(cipher, 'alice', 'freshdesk-connection', { ...sealed, v: 2 }, Secret)).toEqual({ ok: false, failure: 'unknown_format' });
    expect(open(cipher, 'alice', 'freshdesk-connection', { ...sealed, format: 'other' }, Secret)).toEqual({
      ok: false,
      failure: 'tampered',
    });
    expect(open(cipher, 'alice', 'freshdesk-connection', 'plain text key', Secret)).toEqual({ ok: false, failure: 'tampered' });
    expect(open(cipher, 'alice', 'freshdesk-connection', { ...sealed, ct: 'AAAA' }, Secret)).toEqual({
      ok: false,
      failure: 'decrypt_failed',
    });
  });
});
