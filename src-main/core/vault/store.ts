// The vault's file access: reads and writes of the key-value store that never throw a raw error
// (a failed read becomes a notice, a failed write a CoreError saying what to do), and the
// profile records in it: one per profile, parsed again on every read, a damaged one kept on
// disk as it was and shown as needing a new key.
//
// All reads and writes are synchronous read-modify-write cycles on the store, so two async
// callers can never interleave inside one update.
import { CoreError } from '../types';
import { ProfileRecord } from './records';
import type { Vault, VaultOptions } from './types';

const PROFILES_KEY = 'profiles';
/** where an unreadable 'profiles' value is kept rather than overwritten */
const DAMAGED_PROFILES_KEY = 'profilesUnreadable';

/** Profile identifiers come from main, but they end up in a file: keep them plain. */
export function checkIdentifier(identifier: unknown): string {
  // eslint-disable-next-line no-control-regex
  if (typeof identifier !== 'string' || identifier.length === 0 || identifier.length > 200 || /[\u0000-\u001f\u007f]/.test(identifier)) {
    throw new CoreError('invalid_input', 'A profile name must be 1 to 200 printable characters.');
  }
  return identifier;
}

/** What the vault's parts share: the store behind safe reads and writes, notices, the clock. */
export interface StoreAccess {
  readKey(key: string): { ok: true; value: unknown } | { ok: false };
  writeKey(key: string, value: unknown): void;
  /** a problem to tell the person about (logged once; never a secret) */
  notice(text: string): void;
  notices(): string[];
  log(line: string): void;
  now(): number;
  iso(): string;
}

export function createStoreAccess(opts: Pick<VaultOptions, 'store' | 'now' | 'log'>): StoreAccess {
  const { store, now, log } = opts;
  const noticeSet = new Set<string>();
  const notice = (text: string) => {
    if (!noticeSet.has(text)) {
      noticeSet.add(text);
      log(`vault: ${text}`);
    }
  };
  const iso = () => new Date(now()).toISOString();

  function readKey(key: string): { ok: true; value: unknown } | { ok: false } {
    try {
      return { ok: true, value: store.get(key) };
    } catch (err) {
      notice(
        `The key file could not be read (${err instanceof Error ? err.name : 'error'}); saved connections are unavailable until it is repaired.`,
      );
      return { ok: false };
    }
  }

  function writeKey(key: string, value: unknown): void {
    try {
      store.set(key, value);
    } catch (err) {
      log(`vault: writing ${key} failed: ${err instanceof Error ? err.name : 'error'}`);
      throw new CoreError(
        'storage_failed',
        'Triage Desk could not save to its key file. Check that the disk is not full and that the app may write to its settings folder, then try again.',
      );
    }
  }

  return { readKey, writeKey, notice, notices: () => [...noticeSet], log, now, iso };
}

export function createProfiles(io: StoreAccess): Vault['profiles'] {
  const { readKey, writeKey, notice, now, iso } = io;

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

  /**
   * Parsed records by the stored entry they came from. The store hands out the same (frozen)
   * entry object until the file changes, so a profile is parsed once per change, not per call;
   * the record is frozen too, as every caller shares it.
   */
  const parsedEntries = new WeakMap<object, ProfileRecord>();

  /** A record we cannot parse fails closed: shown as needing a new key, kept on disk as it was. */
  function parseEntry(entry: unknown): ProfileRecord | undefined {
    const cached = typeof entry === 'object' && entry !== null ? parsedEntries.get(entry) : undefined;
    if (cached) return cached;
    const parsed = ProfileRecord.safeParse(entry);
    if (parsed.success) {
      const rec = deepFreeze(parsed.data);
      if (typeof entry === 'object' && entry !== null) parsedEntries.set(entry, rec);
      return rec;
    }
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
        throw new CoreError(
          'storage_failed',
          'The key file cannot be read, so nothing was saved. Restart Triage Desk; a damaged file is moved aside at start.',
        );
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
        throw new CoreError(
          'storage_failed',
          'The key file cannot be read, so the profile could not be removed. Restart Triage Desk and try again.',
        );
      }
      const kept = entries.filter((e) => entryIdentifier(e) !== identifier);
      if (kept.length === entries.length) return false;
      writeKey(PROFILES_KEY, kept);
      return true;
    },
  };

  return profiles;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
