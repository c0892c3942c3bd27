// What the account service says about a profile: its public view (ConnectedAccount), the
// messages a REVOKED or unconnected profile carries, and the small checks on what a person typed.
import { createHash } from 'node:crypto';
import type { AgentIdentity, ConnectedAccount } from '../types';
import type { ProfileRecord } from '../vault';
import { AuthorizeError } from './key-check';

export const REVOKED_BY_FRESHDESK =
  'Freshdesk no longer accepts this API key (it was reset, or the agent was removed or made a contact). Enter the current key to reconnect.';
/** A decrypt that failed is not proof the key is bad (a keychain busy, locked or restarting):
 *  nothing is written, and the next use tries again. Only a 401 or a wrong owner revokes. */
export const KEY_UNREADABLE_NOW =
  'The saved key cannot be opened right now: the system keychain refused to decrypt it. Triage Desk tries again on your next action. If this keeps happening (the keychain was reset, or the profile came from another computer or user), enter your API key again.';
export const REVOKED_WRONG_OWNER = "The saved key belongs to another profile and was refused. Enter this profile's own API key again.";
export const REVOKED_TAMPERED =
  'The saved connection was changed outside Triage Desk or is damaged, so it was refused. Enter your API key again.';
export const NOT_CONNECTED = 'This profile is not connected to Freshdesk yet. Connect it with your helpdesk subdomain and API key.';

/** Light shape check before any request: no request (and no rate-limit credit) for obvious typos. */
export function checkApiKey(apiKey: unknown): string {
  const key = typeof apiKey === 'string' ? apiKey.trim() : '';
  if (key === '')
    throw new AuthorizeError(
      'invalid_key',
      'Paste your Freshdesk API key. In Freshdesk: profile picture → Profile settings → View API key.',
    );
  if (key.includes('@')) {
    throw new AuthorizeError(
      'invalid_key',
      'That looks like an e-mail address. Freshdesk needs your API key instead: profile picture → Profile settings → View API key.',
    );
  }
  if (/[\s:]/.test(key) || key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new AuthorizeError(
      'invalid_key',
      'That does not look like a Freshdesk API key (about 20 letters and digits, no spaces). Copy it again from Profile settings → View API key.',
    );
  }
  return key;
}

export function clampReason(reason: string): string {
  const r = String(reason ?? '').trim();
  return (r === '' ? REVOKED_BY_FRESHDESK : r).slice(0, 500);
}

/** A decrypted, checked key of one profile, valid only for the ciphertext `ct` it came from. */
export interface OpenedKey {
  ct: string;
  subdomain: string;
  apiKey: string;
  /** the sandbox address sealed with the key, if any */
  sandboxOrigin?: string;
  keyStamp?: string;
  /** the last configured address that passed isAllowedFreshdeskOrigin */
  checkedOrigin?: string;
}

export function toAccount(rec: ProfileRecord): ConnectedAccount {
  const account: ConnectedAccount = {
    identifier: rec.identifier,
    connection: 'freshdesk',
    status: rec.status,
    updatedAt: rec.updatedAt,
  };
  if (rec.statusReason !== undefined) account.statusReason = rec.statusReason;
  if (rec.subdomain !== undefined) account.subdomain = rec.subdomain;
  if (rec.agent !== undefined) {
    const a: AgentIdentity = {
      id: rec.agent.id,
      name: rec.agent.name,
      email: rec.agent.email,
      roleIds: [...rec.agent.roleIds],
      ticketScope: rec.agent.ticketScope,
    };
    if (rec.agent.roleNames) a.roleNames = [...rec.agent.roleNames];
    if (rec.agent.adminAccess !== undefined) a.adminAccess = rec.agent.adminAccess;
    account.agent = a;
  }
  if (rec.sandbox) account.sandbox = true;
  return account;
}

export function sameNumbers(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export function identityChanged(a: AgentIdentity | undefined, b: AgentIdentity): boolean {
  return (
    !a || a.id !== b.id || a.name !== b.name || a.email !== b.email || a.ticketScope !== b.ticketScope || !sameNumbers(a.roleIds, b.roleIds)
  );
}

/** A short, non-secret tag of one sealed key (a hash of its ciphertext). */
export function stampOf(ciphertext: string): string {
  return createHash('sha256').update(ciphertext).digest('base64url').slice(0, 16);
}
