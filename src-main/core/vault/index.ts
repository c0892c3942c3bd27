// The vault: one record per profile in the key-value store, every secret sealed with the
// platform cipher and bound to its profile (see ./envelope). Plain settings live beside them.
// The parts: file access and profile records (./store), settings (./settings), the sealed
// slots (./secrets); the shape is in ./types.
import { createSecrets } from './secrets';
import { createSettings } from './settings';
import { createProfiles, createStoreAccess } from './store';
import type { Vault, VaultOptions } from './types';

export type { ProfileRecord, FreshdeskSecret, ChatPayload, StoredThread, TriagePayload } from './records';
export type { OpenFailure, SealedSecret } from './envelope';
export type { SealedSlot, SecretOpenResult, Vault, VaultOptions } from './types';
export { checkIdentifier } from './store';

export function createVault(opts: VaultOptions): Vault {
  const io = createStoreAccess(opts);
  const profiles = createProfiles(io);
  const settings = createSettings(io);
  // Read once at start, so a settings file that allows a never-auto tool is reported from the
  // first app:info on, not only after something asks for the settings.
  settings.get();
  const secrets = createSecrets({ io, cipher: opts.cipher, profiles, settings });
  return {
    cipherStatus: secrets.cipherStatus,
    notices: io.notices,
    profiles,
    freshdesk: secrets.freshdesk,
    anthropicKey: secrets.anthropicKey,
    drafts: secrets.drafts,
    chats: secrets.chats,
    triagePlans: secrets.triagePlans,
    settings,
  };
}
