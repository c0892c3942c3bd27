// Connected accounts: a profile's Freshdesk connection through PENDING → ACTIVE → REVOKED.
// The service decides *when* a key is trusted; the vault decides *how* it is kept.
import type { AccountService, ConnectedAccount, CoreEvent, CredentialsResult, FreshdeskClient, FreshdeskCredentials } from '../types';
import { CoreError } from '../types';
import { checkIdentifier, type ProfileRecord, type Vault } from '../vault';
import { createCredentials } from './credentials';
import { AuthorizeError, checkKey } from './key-check';
import { isAllowedFreshdeskOrigin, isSandboxOrigin } from './origin';
import { checkApiKey, clampReason, identityChanged, REVOKED_BY_FRESHDESK, sameNumbers, stampOf, toAccount } from './profile-view';
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

export function createAccountService(deps: AccountServiceDeps): AccountService {
  const { vault, client, now, log, emit } = deps;
  const iso = () => new Date(now()).toISOString();
  /** last time agents/me gave a definite answer for a profile (memory only: app start re-checks) */
  const lastChecked = new Map<string, number>();
  const rechecks = new Map<string, Promise<ConnectedAccount | undefined>>();
  const keys = createCredentials({
    vault,
    freshdeskOrigin: deps.freshdeskOrigin,
    log,
    revokedResult: (id: string, reason: string) => revokedResult(id, reason),
  });

  const publish = (rec: ProfileRecord): ConnectedAccount => {
    const account = toAccount(rec);
    emit({ type: 'account_status', account });
    return account;
  };

  function resolveOrigin(subdomain: string): string {
    const origin = deps.freshdeskOrigin(subdomain);
    if (!isAllowedFreshdeskOrigin(origin, subdomain)) {
      log(`accounts: refused origin for subdomain ${subdomain}`);
      throw new AuthorizeError(
        'invalid_subdomain',
        `Triage Desk only sends keys to ${helpdeskAddress(subdomain)}; the configured address was refused.`,
      );
    }
    return origin;
  }

  function requireCipher(): void {
    const status = vault.cipherStatus();
    if (!status.available) {
      throw new AuthorizeError(
        'encryption_unavailable',
        `Your key was not saved: this computer offers no safe place for it. ${status.reason}`,
      );
    }
  }

  /** Fail closed: exactly this profile becomes REVOKED; its sealed data stays on disk untouched. */
  function revoke(identifier: string, reason: string, expectCiphertext?: string): ConnectedAccount | undefined {
    lastChecked.delete(identifier);
    keys.forget(identifier);
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
    keys.forget(identifier);
    const creds: FreshdeskCredentials = { identifier, subdomain: secret.subdomain, apiKey: secret.apiKey, origin };
    const address = secret.origin ?? helpdeskAddress(secret.subdomain);
    const check = await checkKey(client, creds, { address, withRoleNames: true, priority: 'ui' });
    if (!check.ok) {
      log(
        `accounts: connecting profile "${identifier}" to ${secret.subdomain} failed (${check.error.code}${check.error.status ? ` ${check.error.status}` : ''})`,
      );
      throw check.error;
    }
    const sealed = vault.freshdesk.seal(identifier, secret);
    keys.forget(identifier);
    const rec = vault.profiles.update(identifier, (cur) => {
      const base: ProfileRecord = cur ?? { identifier, status: 'PENDING', updatedAt: iso() };
      // Drafts are ticket numbers of one helpdesk: they must not reappear on another one.
      const sameHelpdesk = base.subdomain === secret.subdomain && Boolean(base.sandbox) === Boolean(secret.origin);
      const { statusReason: _r, revokedAt: _t, sandbox: _s, drafts, ...rest } = base;
      const next: ProfileRecord = {
        ...rest,
        status: 'ACTIVE',
        subdomain: secret.subdomain,
        agent: check.agent,
        updatedAt: iso(),
        freshdesk: sealed,
      };
      if (sameHelpdesk && drafts) next.drafts = drafts;
      if (secret.origin) next.sandbox = true;
      return next;
    });
    lastChecked.set(identifier, now());
    log(
      `accounts: profile "${identifier}" connected to ${secret.subdomain}${secret.origin ? ' (sandbox)' : ''} as agent ${check.agent.id}`,
    );
    return publish(rec);
  }

  function revokedResult(identifier: string, reason: string): CredentialsResult {
    const account = revoke(identifier, reason);
    return { ok: false, kind: 'revoked', message: account?.statusReason ?? reason };
  }

  async function runRecheck(identifier: string): Promise<ConnectedAccount | undefined> {
    const before = vault.profiles.get(identifier);
    const c = await keys.credentials(identifier);
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
    log(
      `accounts: re-check of profile "${identifier}" inconclusive (${check.error.code}${check.error.status ? ` ${check.error.status}` : ''})`,
    );
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
      keys.forget(identifier);
      if (!rec) return;
      vault.profiles.remove(identifier);
      log(`accounts: profile "${identifier}" disconnected; its keys and drafts were removed`);
      emit({ type: 'account_status', account: { identifier, connection: 'freshdesk', status: 'PENDING', updatedAt: iso() } });
    },

    credentials: (identifier) => keys.credentials(identifier),

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
        throw new AuthorizeError(
          'invalid_subdomain',
          'The sandbox helpdesk must run on this computer (http://<name>.localhost:<port> or http://127.0.0.1:<port>).',
        );
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
