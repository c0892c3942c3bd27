// A profile's credentials for one call: its sealed Freshdesk connection, opened once and kept in
// memory while the profile is ACTIVE and its sealed copy unchanged, and the origin it may be sent
// to. Anything wrong with the sealed data revokes exactly this profile (fail closed).
import type { CredentialsResult } from '../types';
import type { Vault } from '../vault';
import { helpdeskAddress, normalizeSubdomain } from '../../../src-shared/subdomain';
import { isAllowedFreshdeskOrigin, isSandboxOrigin } from './origin';
import {
  NOT_CONNECTED,
  REVOKED_BY_FRESHDESK,
  REVOKED_TAMPERED,
  KEY_UNREADABLE_NOW,
  REVOKED_WRONG_OWNER,
  stampOf,
  toAccount,
  type OpenedKey,
} from './profile-view';

export interface CredentialsDeps {
  vault: Vault;
  freshdeskOrigin: (sub: string) => string;
  log: (line: string) => void;
  /** revokes the profile and answers the call with why */
  revokedResult(identifier: string, reason: string): CredentialsResult;
}

export interface Credentials {
  credentials(identifier: string): Promise<CredentialsResult>;
  /** forgets the profile's opened key (revoke, disconnect, re-authorize) */
  forget(identifier: string): void;
}

export function createCredentials(deps: CredentialsDeps): Credentials {
  const { vault, log, revokedResult } = deps;
  /**
   * Opened keys, in memory only (never written, never logged): decrypting on every tool call
   * cost more than the call itself. An entry is used only while the profile is ACTIVE and its
   * sealed key is exactly the ciphertext that was opened, so a re-authorized, swapped or damaged
   * key is always opened (and checked) afresh. Dropped on revoke, disconnect and re-authorize.
   */
  const opened = new Map<string, OpenedKey>();

  async function credentials(identifier: string): Promise<CredentialsResult> {
    const rec = vault.profiles.get(identifier);
    if (!rec || rec.status === 'PENDING') {
      opened.delete(identifier);
      return { ok: false, kind: 'not_connected', message: NOT_CONNECTED };
    }
    if (rec.status === 'REVOKED') {
      opened.delete(identifier);
      return { ok: false, kind: 'revoked', message: rec.statusReason ?? REVOKED_BY_FRESHDESK };
    }

    const ct = rec.freshdesk?.ct;
    let key = opened.get(identifier);
    // A keychain that stopped working is still reported, exactly as the uncached path does.
    if (key !== undefined && (key.ct !== ct || !vault.cipherStatus().available)) {
      opened.delete(identifier);
      key = undefined;
    }
    if (key === undefined) {
      const result = vault.freshdesk.open(identifier, rec.freshdesk);
      if (!result.ok) {
        switch (result.failure) {
          case 'unavailable': {
            // The keychain is not there right now (locked, not started): nothing is wrong with the key.
            const status = vault.cipherStatus();
            return {
              ok: false,
              kind: 'not_connected',
              message: `Saved keys cannot be read right now. ${status.available ? '' : status.reason}`.trim(),
            };
          }
          case 'decrypt_failed':
            log(`accounts: the key of profile "${identifier}" could not be decrypted now; it is kept and tried again on next use`);
            return { ok: false, kind: 'not_connected', message: KEY_UNREADABLE_NOW };
          case 'wrong_owner':
            return revokedResult(identifier, REVOKED_WRONG_OWNER);
          default:
            return revokedResult(identifier, REVOKED_TAMPERED);
        }
      }
      const secret = result.data;
      const sub = normalizeSubdomain(secret.subdomain);
      if (!sub.ok || sub.subdomain !== secret.subdomain) return revokedResult(identifier, REVOKED_TAMPERED);
      if (secret.origin !== undefined && !isSandboxOrigin(secret.origin)) return revokedResult(identifier, REVOKED_TAMPERED);
      key = {
        ct: ct ?? '',
        subdomain: secret.subdomain,
        apiKey: secret.apiKey,
        sandboxOrigin: secret.origin,
        keyStamp: ct ? stampOf(ct) : undefined,
      };
      if (ct) opened.set(identifier, key);
    }

    let origin: string;
    if (key.sandboxOrigin !== undefined) {
      origin = key.sandboxOrigin;
    } else {
      // Resolved on every call (the configured address may change); checked again whenever it does.
      origin = deps.freshdeskOrigin(key.subdomain);
      if (origin !== key.checkedOrigin) {
        if (!isAllowedFreshdeskOrigin(origin, key.subdomain)) {
          log(`accounts: refused origin for profile "${identifier}"`);
          return {
            ok: false,
            kind: 'not_connected',
            message: `Triage Desk only sends this key to ${helpdeskAddress(key.subdomain)}; the configured address was refused.`,
          };
        }
        key.checkedOrigin = origin;
      }
    }
    return {
      ok: true,
      creds: { identifier, subdomain: key.subdomain, apiKey: key.apiKey, origin, keyStamp: key.keyStamp },
      account: toAccount(rec),
    };
  }

  return { credentials, forget: (identifier) => opened.delete(identifier) };
}
