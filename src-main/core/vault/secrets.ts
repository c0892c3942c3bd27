// The sealed slots of a profile: its Freshdesk connection, its Anthropic key, its drafts, its
// chat threads and its triage plans. Each is sealed with the platform cipher and bound to its profile and purpose
// (see ./envelope), so it cannot be moved to another profile or slot.
import type { z } from 'zod';
import { CoreError, type CipherStatus, type SecretCipher } from '../types';
import { open, seal, type SealedSecret } from './envelope';
import { DraftShape } from '../../../src-shared/contract/drafts';
import { AnthropicSecret, ChatPayload, FreshdeskSecret, PURPOSE, TriagePayload, type ProfileRecord } from './records';
import { checkIdentifier, type StoreAccess } from './store';
import type { SealedSlot, SecretOpenResult, Vault } from './types';

export interface SecretsDeps {
  io: StoreAccess;
  cipher: SecretCipher;
  profiles: Vault['profiles'];
  settings: Vault['settings'];
}

export type VaultSecrets = Pick<Vault, 'cipherStatus' | 'freshdesk' | 'anthropicKey' | 'drafts' | 'chats' | 'triagePlans'>;

export function createSecrets(deps: SecretsDeps): VaultSecrets {
  const { io, cipher, profiles, settings } = deps;
  const { log, iso } = io;

  // ---- cipher --------------------------------------------------------------------------------

  function rawCipherStatus(): CipherStatus {
    try {
      return cipher.status();
    } catch {
      return { available: false, reason: 'Secure storage could not be checked. Restart Triage Desk and try again.' };
    }
  }

  function cipherStatus(): CipherStatus {
    const status = rawCipherStatus();
    if (status.available && status.weak && !settings.get().allowWeakStorage) {
      const backend = status.backend ?? 'unknown';
      return {
        available: false,
        backend,
        reason:
          `The only key storage available here ("${backend}") hides keys instead of encrypting them, so any program running as you could read them. ` +
          'Install and unlock a keyring (GNOME Keyring or KWallet) and restart Triage Desk, or accept weak storage in Settings.',
      };
    }
    return status;
  }

  function sealFor(identifier: string, purpose: string, data: unknown): SealedSecret {
    const status = cipherStatus();
    if (!status.available) {
      throw new CoreError('encryption_unavailable', `Nothing was saved: this computer offers no safe place for keys. ${status.reason}`);
    }
    try {
      return seal(cipher, identifier, purpose, data, iso());
    } catch {
      throw new CoreError(
        'encryption_unavailable',
        'Nothing was saved: the system keychain refused to encrypt the key. Unlock your keychain (or keyring) and try again.',
      );
    }
  }

  function openFor<T>(identifier: string, purpose: string, sealed: SealedSecret | undefined, shape: z.ZodType<T>): SecretOpenResult<T> {
    if (sealed === undefined) return { ok: false, failure: 'missing' };
    // Weak storage the person turned off still decrypts what is already on disk: refusing to read
    // it protects nothing. Only a cipher that cannot run at all stops here.
    if (!rawCipherStatus().available) return { ok: false, failure: 'unavailable' };
    const result = open(cipher, identifier, purpose, sealed, shape);
    if (!result.ok) log(`vault: ${purpose} of profile "${identifier}" did not open (${result.failure})`);
    return result;
  }

  // ---- anthropic key -------------------------------------------------------------------------

  const ensureRecord = (current: ProfileRecord | undefined, identifier: string): ProfileRecord =>
    current ?? { identifier, status: 'PENDING', updatedAt: iso() };

  /** Secrets are added only to a profile that exists: a window whose profile was just forgotten
   *  must not bring its record back (as chats.save, which saves nothing then). */
  const existingRecord = (current: ProfileRecord | undefined, identifier: string): ProfileRecord => {
    if (current) return current;
    throw new CoreError('not_found', `The profile "${identifier}" no longer exists on this computer, so nothing was saved.`);
  };

  const anthropicKey: Vault['anthropicKey'] = {
    set(identifier, key) {
      checkIdentifier(identifier);
      if (key === null) {
        if (profiles.get(identifier)?.anthropic === undefined) return;
        profiles.update(identifier, (cur) => {
          const rec = ensureRecord(cur, identifier);
          const { anthropic: _dropped, ...rest } = rec;
          return rest;
        });
        return;
      }
      const trimmed = key.trim();
      if (trimmed.length < 8 || trimmed.length > 500 || /\s/.test(trimmed)) {
        throw new CoreError(
          'invalid_key',
          'That does not look like an Anthropic API key. Copy it again from console.anthropic.com (it starts with "sk-ant-").',
        );
      }
      const sealed = sealFor(identifier, PURPOSE.anthropic, { apiKey: trimmed });
      profiles.update(identifier, (cur) => ({ ...existingRecord(cur, identifier), anthropic: sealed }));
    },
    get(identifier) {
      const r = openFor(identifier, PURPOSE.anthropic, profiles.get(identifier)?.anthropic, AnthropicSecret);
      return r.ok ? r.data.apiKey : undefined;
    },
    status(identifier) {
      return { configured: profiles.get(identifier)?.anthropic !== undefined };
    },
  };

  // ---- drafts --------------------------------------------------------------------------------

  function checkTicketId(ticketId: number): void {
    if (!Number.isSafeInteger(ticketId) || ticketId <= 0) {
      throw new CoreError('invalid_input', 'A draft belongs to a ticket: the ticket number must be a positive whole number.');
    }
  }

  const drafts: Vault['drafts'] = {
    async get(identifier, ticketId) {
      checkTicketId(ticketId);
      const slot = profiles.get(identifier)?.drafts?.find((d) => d.ticketId === ticketId);
      const r = openFor(identifier, PURPOSE.draft(ticketId), slot?.sealed, DraftShape);
      // An unreadable draft stays on disk untouched; the composer starts empty.
      return r.ok ? r.data : undefined;
    },
    async save(identifier, ticketId, draft) {
      checkIdentifier(identifier);
      checkTicketId(ticketId);
      const record = DraftShape.safeParse({ body: draft.body, cc: draft.cc, bcc: draft.bcc, updatedAt: iso() });
      if (!record.success) throw new CoreError('invalid_input', 'A draft needs a text body and lists of Cc/Bcc addresses.');
      const sealed = sealFor(identifier, PURPOSE.draft(ticketId), record.data);
      profiles.update(identifier, (cur) => {
        const rec = existingRecord(cur, identifier);
        const others = (rec.drafts ?? []).filter((d) => d.ticketId !== ticketId);
        return { ...rec, drafts: [...others, { ticketId, sealed }] };
      });
      return record.data;
    },
    async delete(identifier, ticketId) {
      checkTicketId(ticketId);
      const rec = profiles.get(identifier);
      if (!rec?.drafts?.some((d) => d.ticketId === ticketId)) return;
      profiles.update(identifier, (cur) => {
        const base = ensureRecord(cur, identifier);
        return { ...base, drafts: (base.drafts ?? []).filter((d) => d.ticketId !== ticketId) };
      });
    },
  };

  // ---- chat threads and triage plans: one sealed slot each ------------------------------------

  /** A sealed slot in the profile record under `field`, checked with `shape` both ways. Saving
   *  for a profile without a record (it was disconnected) does nothing. */
  function sealedSlot<T>(field: 'chat' | 'triage', purpose: string, shape: z.ZodType<T>, what: string): SealedSlot<T> {
    return {
      get: (identifier) => openFor(identifier, purpose, profiles.get(identifier)?.[field], shape),
      save(identifier, payload) {
        checkIdentifier(identifier);
        if (profiles.get(identifier) === undefined) return;
        const checked = shape.safeParse(payload);
        if (!checked.success) throw new CoreError('invalid_input', `The ${what} are not in a form that can be saved.`);
        const sealed = sealFor(identifier, purpose, checked.data);
        profiles.update(identifier, (cur) => ({ ...ensureRecord(cur, identifier), [field]: sealed }));
      },
      delete(identifier) {
        if (profiles.get(identifier)?.[field] === undefined) return;
        profiles.update(identifier, (cur) => {
          const rec: Record<string, unknown> = { ...ensureRecord(cur, identifier) };
          delete rec[field];
          return rec as ProfileRecord;
        });
      },
    };
  }

  return {
    cipherStatus,
    freshdesk: {
      seal(identifier, secret) {
        // safeParse, not parse: a thrown ZodError could carry the values it looked at.
        const checked = FreshdeskSecret.safeParse(secret);
        if (!checked.success) throw new CoreError('invalid_input', 'A Freshdesk connection needs a subdomain and an API key.');
        return sealFor(checkIdentifier(identifier), PURPOSE.freshdesk, checked.data);
      },
      open: (identifier, sealed) => openFor(identifier, PURPOSE.freshdesk, sealed, FreshdeskSecret),
    },
    anthropicKey,
    drafts,
    chats: sealedSlot('chat', PURPOSE.chat, ChatPayload, 'chat threads'),
    triagePlans: sealedSlot('triage', PURPOSE.triage, TriagePayload, 'triage plans'),
  };
}
