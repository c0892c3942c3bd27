// The sealed form of one secret on disk.
//
// What is encrypted is one JSON unit: { v, purpose, owner, data, sum }.
// - `owner` is the profile identifier and `purpose` says which secret of it this is (the
//   Freshdesk connection, the Anthropic key, the draft of ticket 42). Both are checked on open,
//   so a ciphertext copied into another profile's record, or from one slot into another, fails
//   closed instead of lending one profile's key to another.
// - `sum` is a SHA-256 over the other fields. safeStorage on macOS and Linux is AES-CBC without
//   authentication, so a bit-flipped ciphertext can decrypt to plausible JSON; an attacker who
//   does not know the secret cannot make the sum match, so tampering is caught here as well.
// The outer record carries a format tag and version so the format can evolve.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SecretCipher } from '../types';

export const SEALED_FORMAT = 'triage-desk/secret';
export const SEALED_VERSION = 1;

export const SealedSecret = z.object({
  format: z.literal(SEALED_FORMAT),
  v: z.number().int(),
  /** base64 of what the cipher produced */
  ct: z.string().min(1),
  sealedAt: z.string(),
});
export type SealedSecret = z.infer<typeof SealedSecret>;

const Inner = z.object({
  v: z.literal(SEALED_VERSION),
  purpose: z.string(),
  owner: z.string(),
  data: z.unknown(),
  sum: z.string(),
});

export type OpenFailure =
  /** the sealed value is from a newer or unknown format */
  | 'unknown_format'
  /** the cipher refused: keychain reset, another machine, another OS user */
  | 'decrypt_failed'
  /** it decrypted, but is not a whole, untampered secret of ours */
  | 'tampered'
  /** a whole secret, but of another profile or another slot */
  | 'wrong_owner';

export type OpenResult<T> = { ok: true; data: T } | { ok: false; failure: OpenFailure };

function checksum(purpose: string, owner: string, data: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([SEALED_VERSION, purpose, owner, data]))
    .digest('hex');
}

/** Encrypts `data` bound to (owner, purpose). Throws whatever the cipher throws. */
export function seal(cipher: SecretCipher, owner: string, purpose: string, data: unknown, sealedAt: string): SealedSecret {
  const inner = { v: SEALED_VERSION, purpose, owner, data, sum: checksum(purpose, owner, data) };
  const ct = cipher.encrypt(JSON.stringify(inner));
  return { format: SEALED_FORMAT, v: SEALED_VERSION, ct: Buffer.from(ct).toString('base64'), sealedAt };
}

/** Opens a sealed secret for exactly (owner, purpose). Never throws; never returns partial data. */
export function open<T>(cipher: SecretCipher, owner: string, purpose: string, sealed: unknown, dataShape: z.ZodType<T>): OpenResult<T> {
  const outer = SealedSecret.safeParse(sealed);
  if (!outer.success) return { ok: false, failure: 'tampered' };
  if (outer.data.v !== SEALED_VERSION) return { ok: false, failure: 'unknown_format' };
  let text: string;
  try {
    text = cipher.decrypt(Buffer.from(outer.data.ct, 'base64'));
  } catch {
    return { ok: false, failure: 'decrypt_failed' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, failure: 'tampered' };
  }
  const inner = Inner.safeParse(parsed);
  if (!inner.success) return { ok: false, failure: 'tampered' };
  if (inner.data.sum !== checksum(inner.data.purpose, inner.data.owner, inner.data.data)) {
    return { ok: false, failure: 'tampered' };
  }
  if (inner.data.owner !== owner || inner.data.purpose !== purpose) return { ok: false, failure: 'wrong_owner' };
  const data = dataShape.safeParse(inner.data.data);
  if (!data.success) return { ok: false, failure: 'tampered' };
  return { ok: true, data: data.data };
}
