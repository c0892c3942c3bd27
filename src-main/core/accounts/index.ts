// Connected accounts: a profile's Freshdesk connection through PENDING → ACTIVE → REVOKED.
// The service decides *when* a key is trusted; the vault decides *how* it is kept.
import { createHash } from 'node:crypto';
import type {
  AccountService,
  AgentIdentity,
  ConnectedAccount,
  CoreEvent,
  CredentialsResult,
  FreshdeskClient,
  FreshdeskCredentials,
} from '../types';
import { CoreError } from '../types';
import { checkIdentifier, type ProfileRecord, type Vault } from '../vault';
import { AuthorizeError, checkKey } from './key-check';
import { isAllowedFreshdeskOrigin, isSandboxOrigin } from './origin';
import { helpdeskAddress, normalizeSubdomain } from '../../../src-shared/subdomain';

export { normalizeSubdomain, helpdeskAddress } from '../../../src-shared/subdomain';
export { AuthorizeError } from './key-check';

export interface AccountServiceDeps {
  vault: Vault;
  client: FreshdeskClient;
  freshdeskOrigin: (sub: string) => string;
  now: () => number;
  log: (line: string) => void;
  emit: (event: CoreEvent) => void;
}

/** A profile in use is re-checked with agents/me at most this often (unless forced). */
export const RECHECK_INTERVAL_MS = 10 * 60 * 1000;

const REVOKED_BY_FRESHDESK =
  'Freshdesk no longer accepts this API key (it was reset, or the agent was removed or made a contact). Enter the current key to reconnect.';
/** A decrypt that failed is not proof the key is bad (a keychain busy, locked or restarting):
 *  nothing is written, and the next use tries again. Only a 401 or a wrong owner revokes. */
const KEY_UNREADABLE_NOW =
  'The saved key cannot be opened right now: the system keychain refused to decrypt it. Triage Desk tries again on your next action. If this keeps happening (the keychain was reset, or the profile came from another computer or user), enter your API key again.';
const REVOKED_WRONG_OWNER = "The saved key belongs to another profile and was refused. Enter this profile's own API key again.";
const REVOKED_TAMPERED = 'The saved connection was changed outside Triage Desk or is damaged, so it was refused. Enter your API key again.';
const NOT_CONNECTED = 'This profile is not connected to Freshdesk yet. Connect it with your helpdesk subdomain and API key.';

/** Light shape check before any request: no request (and no rate-limit credit) for obvious typos. */
function checkApiKey(apiKey: unknown): string {
  const key = typeof apiKey === 'string' ? apiKey.trim() : '';
  if (key === '') throw new AuthorizeError('invalid_key', 'Paste your Freshdesk API key. In Freshdesk: profile picture → Profile settings → View API key.');
  if (key.includes('@')) {
    throw new AuthorizeError('invalid_key', 'That looks like an e-mail address. Freshdesk needs your API key instead: profile picture → Profile settings → View API key.');
  }
  if (/[\s:]/.test(key) || key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new AuthorizeError('invalid_key', 'That does not look like a Freshdesk API key (about 20 letters and digits, no spaces). Copy it again from Profile settings → View API key.');
  }
  return key;
}

function clampReason(reason: string): string {
  const r = String(reason ?? '').trim();
  return (r === '' ? REVOKED_BY_FRESHDESK : r).slice(0, 500);
}

/** A decrypted, checked key of one profile, valid only for the ciphertext `ct` it came from. */
interface OpenedKey {
  ct: string;
  subdomain: string;
  apiKey: string;
  /** the sandbox address sealed with the key, if any */
  sandboxOrigin?: string;
  keyStamp?: string;
  /** the last configured address that passed isAllowedFreshdeskOrigin */
  checkedOrigin?: string;
}

function toAccount(rec: ProfileRecord): ConnectedAccount {
  const account: ConnectedAccount = {
    identifier: rec.identifier,
    connection: 'freshdesk',
    status: rec.status,
    updatedAt: rec.updatedAt,
  };
  if (rec.statusReason !== undefined) account.statusReason = rec.statusReason;
  if (rec.subdomain !== undefined) account.subdomain = rec.subdomain;
  if (rec.agent !== undefined) {
    const a: AgentIdentity = { id: rec.agent.id, name: rec.agent.name, email: rec.agent.email, roleIds: [...rec.agent.roleIds], ticketScope: rec.agent.ticketScope };
    if (rec.agent.roleNames) a.roleNames = [...rec.agent.roleNames];
    if (rec.agent.adminAccess !== undefined) a.adminAccess = rec.agent.adminAccess;
    account.agent = a;
  }
  if (rec.sandbox) account.sandbox = true;
  return account;
}

export function createAccountService(deps: AccountServiceDeps): AccountService {
  const { vault, client, now, log, emit } = deps;
  const iso = () => new Date(now()).toISOString();
  /** last time agents/me gave a definite answer for a profile (memory only: app start re-checks) */
  const lastChecked = new Map<string, number>();
  const rechecks = new Map<string, Promise<ConnectedAccount | undefined>>();
  /**
   * Opened keys, in memory only (never written, never logged): decrypting on every tool call
   * cost more than the call itself. An entry is used only while the profile is ACTIVE and its
   * sealed key is exactly the ciphertext that was opened, so a re-authorized, swapped or damaged
   * key is always opened (and checked) afresh. Dropped on revoke, disconnect and re-authorize.
   */
  const opened = new Map<string, OpenedKey>();

  const publish = (rec: ProfileRecord): ConnectedAccount => {
    const account = toAccount(rec);
    emit({ type: 'account_status', account });
    return account;
  };

  function resolveOrigin(subdomain: string): string {
    const origin = deps.freshdeskOrigin(subdomain);
    if (!isAllowedFreshdeskOrigin(origin, subdomain)) {
      log(`accounts: refused origin for subdomain ${subdomain}`);
      throw new AuthorizeError('invalid_subdomain', `Triage Desk only sends keys to ${helpdeskAddress(subdomain)}; the configured address was refused.`);
    }
    return origin;
  }

  function requireCipher(): void {
    const status = vault.cipherStatus();
    if (!status.available) {
      throw new AuthorizeError('encryption_unavailable', `Your key was not saved: this computer offers no safe place for it. ${status.reason}`);
    }
  }

  /** Fail closed: exactly this profile becomes REVOKED; its sealed data stays on disk untouched. */
  function revoke(identifier: string, reason: string, expectCiphertext?: string): ConnectedAccount | undefined {
    lastChecked.delete(identifier);
    opened.delete(identifier);
    const cur = vault.profiles.get(identifier);
    if (!cur) return undefined;
    // Only an ACTIVE profile is revoked, and a check that started with an older key must not
    // revoke a key entered since.
    if (cur.status !== 'ACTIVE' || (expectCiphertext !== undefined && cur.freshdesk?.ct !== expectCiphertext)) return toAccount(cur);
    // get + update run in one synchronous stretch, so nothing can change the record in between.
    const rec = vault.profiles.update(identifier, () => ({
      ...cur,
      status: 'REVOKED',
      statusReason: clampReason(reason),
      revokedAt: iso(),
      updatedAt: iso(),
    }));
    log(`accounts: profile "${identifier}" is REVOKED`);
    return publish(rec);
  }

  /** Runs the key check and stores the connection only if the key worked. */
  async function connect(
    identifier: string,
    secret: { subdomain: string; apiKey: string; origin?: string },
    origin: string,
  ): Promise<ConnectedAccount> {
    requireCipher();
    opened.delete(identifier);
    const creds: FreshdeskCredentials = { identifier, subdomain: secret.subdomain, apiKey: secret.apiKey, origin };
    const address = secret.origin ?? helpdeskAddress(secret.subdomain);
    const check = await checkKey(client, creds, { address, withRoleNames: true, priority: 'ui' });
    if (!check.ok) {
      log(`accounts: connecting profile "${identifier}" to ${secret.subdomain} failed (${check.error.code}${check.error.status ? ` ${check.error.status}` : ''})`);
      throw check.error;
    }
    const sealed = vault.freshdesk.seal(identifier, secret);
    opened.delete(identifier);
    const rec = vault.profiles.update(identifier, (cur) => {
      const base: ProfileRecord = cur ?? { identifier, status: 'PENDING', updatedAt: iso() };
      // Drafts are ticket numbers of one helpdesk: they must not reappear on another one.
      const sameHelpdesk = base.subdomain === secret.subdomain && Boolean(base.sandbox) === Boolean(secret.origin);
      const { statusReason: _r, revokedAt: _t, sandbox: _s, drafts, ...rest } = base;
      const next: ProfileRecord = { ...rest, status: 'ACTIVE', subdomain: secret.subdomain, agent: check.agent, updatedAt: iso(), freshdesk: sealed };
      if (sameHelpdesk && drafts) next.drafts = drafts;
      if (secret.origin) next.sandbox = true;
      return next;
    });
    lastChecked.set(identifier, now());
    log(`accounts: profile "${identifier}" connected to ${secret.subdomain}${secret.origin ? ' (sandbox)' : ''} as agent ${check.agent.id}`);
    return publish(rec);
  }

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
            return { ok: false, kind: 'not_connected', message: `Saved keys cannot be read right now. ${status.available ? '' : status.reason}`.trim() };
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
      key = { ct: ct ?? '', subdomain: secret.subdomain, apiKey: secret.apiKey, sandboxOrigin: secret.origin, keyStamp: ct ? stampOf(ct) : undefined };
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
          return { ok: false, kind: 'not_connected', message: `Triage Desk only sends this key to ${helpdeskAddress(key.subdomain)}; the configured address was refused.` };
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

  function revokedResult(identifier: string, reason: string): CredentialsResult {
    const account = revoke(identifier, reason);
    return { ok: false, kind: 'revoked', message: account?.statusReason ?? reason };
  }

  async function runRecheck(identifier: string): Promise<ConnectedAccount | undefined> {
    const before = vault.profiles.get(identifier);
    const c = await credentials(identifier);
    if (!c.ok) return service.get(identifier);
    const check = await checkKey(client, c.creds, {
      address: before?.sandbox ? c.creds.origin : helpdeskAddress(c.creds.subdomain),
      withRoleNames: false,
      priority: 'background',
    });
    if (check.ok) {
      lastChecked.set(identifier, now());
      const rec = vault.profiles.get(identifier);
      if (rec?.status === 'ACTIVE' && rec.freshdesk?.ct === before?.freshdesk?.ct && identityChanged(rec.agent, check.agent)) {
        const sameRoles = rec.agent && sameNumbers(rec.agent.roleIds, check.agent.roleIds);
        const agent = {
          ...check.agent,
          ...(sameRoles && rec.agent?.roleNames ? { roleNames: rec.agent.roleNames } : {}),
          ...(sameRoles && rec.agent?.adminAccess !== undefined ? { adminAccess: rec.agent.adminAccess } : {}),
        };
        return publish(vault.profiles.update(identifier, (cur) => ({ ...(cur ?? rec), agent, updatedAt: iso() })));
      }
      return rec ? toAccount(rec) : undefined;
    }
    if (check.revoked) return revoke(identifier, REVOKED_BY_FRESHDESK, before?.freshdesk?.ct);
    // Network trouble, 5xx, 429, 403: never a reason to change the status.
    log(`accounts: re-check of profile "${identifier}" inconclusive (${check.error.code}${check.error.status ? ` ${check.error.status}` : ''})`);
    return service.get(identifier);
  }

  const service: AccountService = {
    async getOrCreate(identifier) {
      checkIdentifier(identifier);
      const existing = vault.profiles.get(identifier);
      if (existing) return toAccount(existing);
      let created = false;
      const rec = vault.profiles.update(identifier, (cur) => {
        if (cur) return cur;
        created = true;
        return { identifier, status: 'PENDING', updatedAt: iso() };
      });
      return created ? publish(rec) : toAccount(rec);
    },

    async create(identifier) {
      checkIdentifier(identifier);
      // One profile per name: a second "Ana" would share (and overwrite) the first one's keys.
      let exists = false;
      const rec = vault.profiles.update(identifier, (cur) => {
        if (cur) {
          exists = true;
          return cur;
        }
        return { identifier, status: 'PENDING', updatedAt: iso() };
      });
      if (exists) {
        throw new CoreError(
          'profile_exists',
          `A profile named "${identifier}" already exists. Pick it from the list, or choose another name.`,
        );
      }
      return publish(rec);
    },

    async authorize(identifier, c) {
      checkIdentifier(identifier);
      const sub = normalizeSubdomain(c?.subdomain ?? '');
      if (!sub.ok) throw new AuthorizeError('invalid_subdomain', sub.message);
      const apiKey = checkApiKey(c?.apiKey);
      requireCipher();
      const origin = resolveOrigin(sub.subdomain);
      return connect(identifier, { subdomain: sub.subdomain, apiKey }, origin);
    },

    async get(identifier) {
      const rec = vault.profiles.get(identifier);
      return rec ? toAccount(rec) : undefined;
    },

    async list() {
      return vault.profiles.list().map(toAccount);
    },

    async disconnect(identifier) {
      const rec = vault.profiles.get(identifier);
      lastChecked.delete(identifier);
      opened.delete(identifier);
      if (!rec) return;
      vault.profiles.remove(identifier);
      log(`accounts: profile "${identifier}" disconnected; its keys and drafts were removed`);
      emit({ type: 'account_status', account: { identifier, connection: 'freshdesk', status: 'PENDING', updatedAt: iso() } });
    },

    credentials,

    async markRevoked(identifier, reason, keyStamp) {
      const cur = vault.profiles.get(identifier);
      if (!cur) return;
      // a 401 for a key that has since been replaced says nothing about the new key
      if (keyStamp !== undefined && cur.freshdesk?.ct !== undefined && stampOf(cur.freshdesk.ct) !== keyStamp) return;
      revoke(identifier, reason);
    },

    async recheck(identifier, opts) {
      const rec = vault.profiles.get(identifier);
      if (!rec) return undefined;
      if (rec.status !== 'ACTIVE') return toAccount(rec);
      const last = lastChecked.get(identifier);
      if (!opts?.force && last !== undefined && now() - last < RECHECK_INTERVAL_MS) return toAccount(rec);
      const running = rechecks.get(identifier);
      if (running) return running;
      const p = runRecheck(identifier).finally(() => rechecks.delete(identifier));
      rechecks.set(identifier, p);
      return p;
    },

    async connectSandbox(identifier, c) {
      checkIdentifier(identifier);
      const sub = normalizeSubdomain(c?.subdomain ?? '');
      if (!sub.ok || sub.subdomain !== c.subdomain) {
        throw new AuthorizeError('invalid_subdomain', 'The sandbox helpdesk name must be a plain subdomain like "acme".');
      }
      if (!isSandboxOrigin(c.origin)) {
        throw new AuthorizeError('invalid_subdomain', 'The sandbox helpdesk must run on this computer (http://<name>.localhost:<port> or http://127.0.0.1:<port>).');
      }
      const apiKey = checkApiKey(c.apiKey);
      // Only a profile that is the sandbox by its *sealed* origin (or none at all) may be
      // (re)connected to it: the plaintext `sandbox` flag can be edited, a real connection must
      // never be replaced by the demo.
      const existing = vault.profiles.get(identifier);
      if (existing) {
        const opened = existing.freshdesk ? vault.freshdesk.open(identifier, existing.freshdesk) : undefined;
        const sealedSandbox = opened?.ok === true && opened.data.origin !== undefined && isSandboxOrigin(opened.data.origin);
        if (!sealedSandbox) {
          throw new CoreError('not_sandbox', `The profile "${identifier}" is not the sandbox demo; the sandbox never replaces it.`);
        }
      }
      return connect(identifier, { subdomain: sub.subdomain, apiKey, origin: c.origin }, c.origin);
    },
  };
  return service;
}

function sameNumbers(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function identityChanged(a: AgentIdentity | undefined, b: AgentIdentity): boolean {
  return !a || a.id !== b.id || a.name !== b.name || a.email !== b.email || a.ticketScope !== b.ticketScope || !sameNumbers(a.roleIds, b.roleIds);
}

/** A short, non-secret tag of one sealed key (a hash of its ciphertext). */
function stampOf(ciphertext: string): string {
  return createHash('sha256').update(ciphertext).digest('base64url').slice(0, 16);
}
