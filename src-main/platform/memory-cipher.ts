// The in-memory cipher: real AES-256-GCM with a random key that lives only in this process,
// standing in for Electron safeStorage wherever there is no Electron: tests (through
// test/helpers/cipher.ts, which names it createTestCipher), the browser harness, benchmarks and
// the browser preview (where a key entered in the page is kept only until the preview ends).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { CipherStatus, SecretCipher } from '../core/types';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface MemoryCipher extends SecretCipher {
  /** the 32-byte key, so a test can build a second cipher that opens the same data */
  readonly key: Buffer;
  /** how often each operation ran (benchmarks count decrypts on start) */
  readonly calls: { encrypt: number; decrypt: number };
  /** change what status() reports (e.g. the keyring disappears mid-run) */
  setStatus(status: CipherStatus): void;
}

export function createMemoryCipher(opts: { key?: Buffer; status?: CipherStatus } = {}): MemoryCipher {
  const key = opts.key ?? randomBytes(32);
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  let status: CipherStatus = opts.status ?? { available: true, backend: 'aes-256-gcm (test)' };
  const calls = { encrypt: 0, decrypt: 0 };
  const requireAvailable = () => {
    if (!status.available) throw new Error(`in-memory cipher unavailable: ${status.reason}`);
  };
  return {
    key,
    calls,
    setStatus(next) {
      status = next;
    },
    status: () => status,
    encrypt(plaintext) {
      requireAvailable();
      calls.encrypt++;
      const iv = randomBytes(IV_BYTES);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, c.getAuthTag(), body]);
    },
    decrypt(ciphertext) {
      requireAvailable();
      calls.decrypt++;
      if (ciphertext.length < 1 + IV_BYTES + TAG_BYTES || ciphertext[0] !== VERSION) throw new Error('not an in-memory-cipher ciphertext');
      const iv = ciphertext.subarray(1, 1 + IV_BYTES);
      const tag = ciphertext.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const d = createDecipheriv('aes-256-gcm', key, iv);
      d.setAuthTag(tag);
      return Buffer.concat([d.update(ciphertext.subarray(1 + IV_BYTES + TAG_BYTES)), d.final()]).toString('utf8');
    },
  };
}
