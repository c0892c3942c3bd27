// The vault's shape: what the account service, the chat and the facade may ask of it.
import type { AppSettings, CipherStatus, DraftRecord, KeyValueStore, SecretCipher } from '../types';
import type { OpenResult, SealedSecret } from './envelope';
import type { ChatPayload, FreshdeskSecret, ProfileRecord, TriagePayload } from './records';

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
  chats: SealedSlot<ChatPayload>;
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
