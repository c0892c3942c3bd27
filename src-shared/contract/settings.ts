// App settings the person can see and change. Secrets are not settings: the Anthropic key has
// its own write-only channels (chat), Freshdesk keys live with their profiles.
import { z } from 'zod';
import { channel, NoInput } from './define';
import { isNeverAutoApproved, NEVER_AUTO_APPROVED } from '../approval-rules';

export { NEVER_AUTO_APPROVED } from '../approval-rules';

/** A Claude model id as the Messages API names them (e.g. claude-sonnet-4-6, claude-3-5-haiku-20241022). */
export const MODEL_ID = /^[a-z0-9][a-z0-9._:@-]{0,99}$/i;
export const MODEL_ID_MESSAGE = 'A model id is letters, digits, dots, dashes and underscores, like claude-sonnet-4-6.';

/** The Claude model a new install uses. */
export const DEFAULT_MODEL = 'claude-sonnet-4-6';

/** The settings as stored and shown; parsing fills what is missing with the defaults. */
export const SettingsShape = z.object({
  /** Claude model id */
  model: z.string().regex(MODEL_ID).default(DEFAULT_MODEL),
  /** the person accepted weak (obfuscation-only) key storage after a warning */
  allowWeakStorage: z.boolean().default(false),
  /** write tools the person allows per thread without asking (never those in NEVER_AUTO_APPROVED) */
  autoApproveTools: z.array(z.string().min(1).max(100)).max(50).default([]),
});
export type Settings = z.output<typeof SettingsShape>;

export const SettingsPatch = z
  .object({
    model: z.string().trim().regex(MODEL_ID, { error: MODEL_ID_MESSAGE }).optional(),
    allowWeakStorage: z.boolean().optional(),
    autoApproveTools: z
      .array(z.string().max(60))
      .max(20)
      .refine((names) => !names.some(isNeverAutoApproved), {
        message: `${NEVER_AUTO_APPROVED.join(', ')} always ask first (public replies, adding and deleting agents); they cannot be allowed ahead of time.`,
      })
      .optional(),
  })
  .strict();

/** What the settings screen gets: the settings plus the rule it must show (one source of truth). */
export const SettingsView = SettingsShape.extend({ neverAutoApproved: z.array(z.string()) });
export type SettingsView = z.infer<typeof SettingsView>;

export const settingsChannels = {
  'settings:get': channel('getSettings', NoInput, SettingsView),
  'settings:update': channel('updateSettings', SettingsPatch, SettingsView),
} as const;
