// The vault: one record per profile in the key-value store, every secret sealed with the
// platform cipher and bound to its profile (see ./envelope). Plain settings live beside them.
//
// All reads and writes are synchronous read-modify-write cycles on the store, so two async
// callers can never interleave inside one update.
import type { z } from 'zod';
import type { AppSettings, DraftRecord } from '../index';
import { CoreError, type CipherStatus, type KeyValueStore, type SecretCipher } from '../types';
import { open, seal, type OpenResult, type SealedSecret } from './envelope';
import {
  AnthropicSecret,
  ChatPayload,
  DraftPayload,
  FreshdeskSecret,
  ProfileRecord,
  PURPOSE,
  SettingsRecord,
  TriagePayload,
} from './records';

export type { ProfileRecord, FreshdeskSecret, ChatPayload, StoredThread, TriagePayload } from './records';
export type { OpenFailure, SealedSecret } from './envelope';

const PROFILES_KEY = 'profiles';
const SETTINGS_KEY = 'settings';
/** where an unreadable 'profiles' value is kept rather than overwritten */
const DAMAGED_PROFILES_KEY = 'profilesUnreadable';

/** Tools the person may never auto-approve: a customer-visible reply and deleting an agent. */
const NEVER_AUTO_APPROVED = new Set(['freshdesk_tickets_reply', 'freshdesk_agent_delete']);

export type SecretOpenResult<T> = OpenResult<T> | { ok: false; failure: 'missing' | 'unavailable' };

export interface Vault {
  /** The cipher's status as the vault will use it: weak storage counts only when allowed. */
  cipherStatus(): CipherStatus;
  /** Problems found while running (damaged records, an unreadable store). Never secrets. */
  notices(): string[];
  profiles: {
    get(identifier: string): ProfileRecord | undefined;
    list(): ProfileRecord[];
    /** One synchronous read-modify-write of a profile's record. */
    update(identifier: string, change: (current: ProfileRecord | undefined) => ProfileRecord): ProfileRecord;
    /** Removes the record and with it every secret of the profile. */
    remove(identifier: string): boolean;
  };
  freshdesk: {
    /** Seals a connection for a profile. Throws CoreError('encryption_unavailable'). */
    seal(identifier: string, secret: FreshdeskSecret): SealedSecret;
    open(identifier: string, sealed: SealedSecret | undefined): SecretOpenResult<FreshdeskSecret>;
  };
  anthropicKey: {
    set(identifier: string, key: string | null): void;
    /** main only: never sent to the renderer */
    get(identifier: string): string | undefined;
    status(identifier: string): { configured: boolean };
  };
  drafts: {
    get(identifier: string, ticketId: number): Promise<DraftRecord | undefined>;
    save(identifier: string, ticketId: number, draft: Omit<DraftRecord, 'updatedAt'>): Promise<DraftRecord>;
    delete(identifier: string, ticketId: number): Promise<void>;
  };
  /** The profile's chat threads, sealed as one slot. */
  chats: {
    /** 'missing' when none are saved; any other failure: they are on disk but cannot be opened now */
    get(identifier: string): SecretOpenResult<ChatPayload>;
    /** Does nothing for a profile without a record (it was disconnected). Throws CoreError. */
    save(identifier: string, payload: ChatPayload): void;
    delete(identifier: string): void;
  };
  /** The profile's triage plans, sealed as one slot (same rules as chats). */
  triagePlans: SealedSlot<TriagePayload>;
  settings: {
    get(): AppSettings;
    update(patch: Partial<AppSettings>): AppSettings;
  };
}

/** One sealed per-profile slot: read, save (not for a disconnected profile), delete. */
export interface SealedSlot<T> {
  /** 'missing' when nothing is saved; any other failure: it is on disk but cannot be opened now */
  get(identifier: string): SecretOpenResult<T>;
  /** Does nothing for a profile without a record (it was disconnected). Throws CoreError. */
  save(identifier: string, payload: T): void;
  delete(identifier: string): void;
}

export interface VaultOptions {
  store: KeyValueStore;
  cipher: SecretCipher;
  now: () => number;
  log: (line: string) => void;
}

/** Profile identifiers come from main, but they end up in a file: keep them plain. */
export function checkIdentifier(identifier: unknown): string {
  // eslint-disable-next-line no-control-regex
  if (typeof identifier !== 'string' || identifier.length === 0 || identifier.length > 200 || /[\u0000-\u001f\u007f]/.test(identifier)) {
    throw new CoreError('invalid_input', 'A profile name must be 1 to 200 printable characters.');
  }
  return identifier;
}

export function createVault(opts: VaultOptions): Vault {
  const { store, cipher, now, log } = opts;
  const noticeSet = new Set<string>();
  const notice = (text: string) => {
    if (!noticeSet.has(text)) {
      noticeSet.add(text);
      log(`vault: ${text}`);
    }
  };
  const iso = () => new Date(now()).toISOString();

  // ---- store access ------------------------------------------------------------------------

  function readKey(key: string): { ok: true; value: unknown } | { ok: false } {
    try {
      return { ok: true, value: store.get(key) };
    } catch (err) {
      notice(`The key file could not be read (${err instanceof Error ? err.name : 'error'}); saved connections are unavailable until it is repaired.`);
      return { ok: false };
    }
  }

  function writeKey(key: string, value: unknown): void {
    try {
      store.set(key, value);
    } catch (err) {
      log(`vault: writing ${key} failed: ${err instanceof Error ? err.name : 'error'}`);
      throw new CoreError('storage_failed', 'Triage Desk could not save to its key file. Check that the disk is not full and that the app may write to its settings folder, then try again.');
    }
  }

  /** The raw entries, so entries we cannot parse are written back untouched (nothing lost). */
  function rawProfiles(): { entries: unknown[]; readable: boolean } {
    const r = readKey(PROFILES_KEY);
    if (!r.ok) return { entries: [], readable: false };
    if (r.value === undefined) return { entries: [], readable: true };
    if (!Array.isArray(r.value)) {
      notice('The saved profiles were not in a form Triage Desk understands; they were kept aside and connections start empty.');
      return { entries: [], readable: true };
    }
    return { entries: r.value as unknown[], readable: true };
  }

  function preserveUnreadableProfiles(): void {
    const r = readKey(PROFILES_KEY);
    if (r.ok && r.value !== undefined && !Array.isArray(r.value)) {
      writeKey(`${DAMAGED_PROFILES_KEY}-${now()}`, r.value);
    }
  }

  const entryIdentifier = (entry: unknown): string | undefined =>
    typeof entry === 'object' && entry !== null && typeof (entry as { identifier?: unknown }).identifier === 'string'
      ? (entry as { identifier: string }).identifier
      : undefined;

  /** A record we cannot parse fails closed: shown as needing a new key, kept on disk as it was. */
  function parseEntry(entry: unknown): ProfileRecord | undefined {
    const parsed = ProfileRecord.safeParse(entry);
    if (parsed.success) return parsed.data;
    const identifier = entryIdentifier(entry);
    if (identifier === undefined) {
      notice('A saved profile without a name was found in the key file and skipped (it is kept in the file).');
      return undefined;
    }
    notice(`The saved record of profile "${identifier}" is damaged; connect it again to repair it.`);
    return {
      identifier,
      status: 'REVOKED',
      statusReason: 'The saved connection is damaged. Enter your API key again to reconnect.',
      updatedAt: iso(),
    };
  }

  const profiles: Vault['profiles'] = {
    get(identifier) {
      const entry = rawProfiles().entries.find((e) => entryIdentifier(e) === identifier);
      return entry === undefined ? undefined : parseEntry(entry);
    },
    list() {
      const seen = new Set<string>();
      const out: ProfileRecord[] = [];
      for (const entry of rawProfiles().entries) {
        const rec = parseEntry(entry);
        if (rec && !seen.has(rec.identifier)) {
          seen.add(rec.identifier);
          out.push(rec);
        }
      }
      return out;
    },
    update(identifier, change) {
      checkIdentifier(identifier);
      const { entries, readable } = rawProfiles();
      if (!readable) {
        throw new CoreError('storage_failed', 'The key file cannot be read, so nothing was saved. Restart Triage Desk; a damaged file is moved aside at start.');
      }
      preserveUnreadableProfiles();
      const index = entries.findIndex((e) => entryIdentifier(e) === identifier);
      const current = index === -1 ? undefined : parseEntry(entries[index]);
      const next = ProfileRecord.parse(change(current));
      if (next.identifier !== identifier) throw new Error('vault: a record cannot change its identifier');
      const written = [...entries];
      if (index === -1) written.push(next);
      else written[index] = next;
      writeKey(PROFILES_KEY, written);
      return next;
    },
    remove(identifier) {
      const { entries, readable } = rawProfiles();
      if (!readable) {
        throw new CoreError('storage_failed', 'The key file cannot be read, so the profile could not be removed. Restart Triage Desk and try again.');
      }
      const kept = entries.filter((e) => entryIdentifier(e) !== identifier);
      if (kept.length === entries.length) return false;
      writeKey(PROFILES_KEY, kept);
      return true;
    },
  };

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

  // ---- settings ------------------------------------------------------------------------------

  const settings: Vault['settings'] = {
    get() {
      const r = readKey(SETTINGS_KEY);
      const parsed = SettingsRecord.safeParse(r.ok && r.value !== undefined ? r.value : {});
      if (parsed.success) return parsed.data;
      notice('Saved settings were not readable; defaults are used until you change a setting.');
      return SettingsRecord.parse({});
    },
    update(patch) {
      const blocked = (patch.autoApproveTools ?? []).filter((t) => NEVER_AUTO_APPROVED.has(t));
      if (blocked.length > 0) {
        throw new CoreError('invalid_input', `${blocked.join(', ')} always asks for approval and cannot be auto-approved.`);
      }
      const merged = SettingsRecord.safeParse({ ...settings.get(), ...stripUndefined(patch) });
      if (!merged.success) {
        const first = merged.error.issues[0];
        throw new CoreError('invalid_input', `Setting ${first?.path.join('.') || ''} is not valid: ${first?.message ?? 'invalid value'}.`);
      }
      const next: AppSettings = { ...merged.data, autoApproveTools: [...new Set(merged.data.autoApproveTools)] };
      writeKey(SETTINGS_KEY, next);
      return next;
    },
  };

  // ---- anthropic key -------------------------------------------------------------------------

  const ensureRecord = (current: ProfileRecord | undefined, identifier: string): ProfileRecord =>
    current ?? { identifier, status: 'PENDING', updatedAt: iso() };

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
        throw new CoreError('invalid_key', 'That does not look like an Anthropic API key. Copy it again from console.anthropic.com (it starts with "sk-ant-").');
      }
      const sealed = sealFor(identifier, PURPOSE.anthropic, { apiKey: trimmed });
      profiles.update(identifier, (cur) => ({ ...ensureRecord(cur, identifier), anthropic: sealed }));
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
      const r = openFor(identifier, PURPOSE.draft(ticketId), slot?.sealed, DraftPayload);
      // An unreadable draft stays on disk untouched; the composer starts empty.
      return r.ok ? r.data : undefined;
    },
    async save(identifier, ticketId, draft) {
      checkIdentifier(identifier);
      checkTicketId(ticketId);
      const record = DraftPayload.safeParse({ body: draft.body, cc: draft.cc, bcc: draft.bcc, updatedAt: iso() });
      if (!record.success) throw new CoreError('invalid_input', 'A draft needs a text body and lists of Cc/Bcc addresses.');
      const sealed = sealFor(identifier, PURPOSE.draft(ticketId), record.data);
      profiles.update(identifier, (cur) => {
        const rec = ensureRecord(cur, identifier);
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

  // ---- chat threads --------------------------------------------------------------------------

  const chats: Vault['chats'] = {
    get(identifier) {
      return openFor(identifier, PURPOSE.chat, profiles.get(identifier)?.chat, ChatPayload);
    },
    save(identifier, payload) {
      checkIdentifier(identifier);
      if (profiles.get(identifier) === undefined) return;
      const checked = ChatPayload.safeParse(payload);
      if (!checked.success) throw new CoreError('invalid_input', 'The chat threads are not in a form that can be saved.');
      const sealed = sealFor(identifier, PURPOSE.chat, checked.data);
      profiles.update(identifier, (cur) => ({ ...ensureRecord(cur, identifier), chat: sealed }));
    },
    delete(identifier) {
      if (profiles.get(identifier)?.chat === undefined) return;
      profiles.update(identifier, (cur) => {
        const { chat: _dropped, ...rest } = ensureRecord(cur, identifier);
        return rest;
      });
    },
  };

  /** A sealed slot in the profile record under `field`, checked with `shape` both ways. */
  function sealedSlot<T>(field: 'triage', purpose: string, shape: z.ZodType<T>, what: string): SealedSlot<T> {
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
    notices: () => [...noticeSet],
    triagePlans: sealedSlot('triage', PURPOSE.triage, TriagePayload, 'triage plans'),
    profiles,
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
    chats,
    settings,
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
