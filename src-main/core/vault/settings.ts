// The app's plain settings (model, weak-storage consent, tools allowed ahead), beside the
// profiles in the vault file. An unreadable value falls back to the defaults with a notice.
import { CoreError, type AppSettings } from '../types';
import { SettingsShape } from '../../../src-shared/contract/settings';
import { isNeverAutoApproved } from '../../../src-shared/approval-rules';
import type { StoreAccess } from './store';
import type { Vault } from './types';

const SETTINGS_KEY = 'settings';

export function createSettings(io: StoreAccess): Vault['settings'] {
  const { readKey, writeKey, notice } = io;

  const settings: Vault['settings'] = {
    get() {
      const r = readKey(SETTINGS_KEY);
      const parsed = SettingsShape.safeParse(r.ok && r.value !== undefined ? r.value : {});
      if (parsed.success) {
        // A file that allows a never-auto tool ahead (edited by hand, or from an older version)
        // is not obeyed for that tool, and the person is told (docs/approvals.md).
        const ignored = parsed.data.autoApproveTools.filter(isNeverAutoApproved);
        if (ignored.length === 0) return parsed.data;
        notice(`Saved settings allowed ${ignored.join(', ')} without asking; that is never allowed, so it still asks every time.`);
        return { ...parsed.data, autoApproveTools: parsed.data.autoApproveTools.filter((t) => !isNeverAutoApproved(t)) };
      }
      notice('Saved settings were not readable; defaults are used until you change a setting.');
      return SettingsShape.parse({});
    },
    update(patch) {
      const blocked = (patch.autoApproveTools ?? []).filter(isNeverAutoApproved);
      if (blocked.length > 0) {
        throw new CoreError('invalid_input', `${blocked.join(', ')} always asks for approval and cannot be auto-approved.`);
      }
      const merged = SettingsShape.safeParse({ ...settings.get(), ...stripUndefined(patch) });
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
