// The app's plain settings (model, weak-storage consent, tools allowed ahead), beside the
// profiles in the vault file. An unreadable value falls back to the defaults with a notice.
import { CoreError, type AppSettings } from '../types';
import { SettingsRecord } from './records';
import type { StoreAccess } from './store';
import type { Vault } from './types';

const SETTINGS_KEY = 'settings';

/** Tools the person may never auto-approve: a customer-visible reply and deleting an agent. */
const NEVER_AUTO_APPROVED = new Set(['freshdesk_tickets_reply', 'freshdesk_agent_delete']);

export function createSettings(io: StoreAccess): Vault['settings'] {
  const { readKey, writeKey, notice } = io;

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

  return settings;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
