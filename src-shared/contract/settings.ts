// App settings the person can see and change. Secrets are not settings: the Anthropic key has
// its own write-only channels (chat), Freshdesk keys live with their profiles.
import { z } from 'zod';
import { channel, NoInput } from './define';

/** Write tools that may never be approved ahead of time (customer-visible or irreversible). */
export const NEVER_AUTO_APPROVED = ['freshdesk_tickets_reply', 'freshdesk_agent_delete'] as const;

export const SettingsShape = z.object({
  model: z.string(),
  allowWeakStorage: z.boolean(),
  autoApproveTools: z.array(z.string()),
});
export type Settings = z.infer<typeof SettingsShape>;

export const SettingsPatch = z
  .object({
    model: z.string().trim().min(1).max(100).optional(),
    allowWeakStorage: z.boolean().optional(),
    autoApproveTools: z
      .array(z.string().max(60))
      .max(20)
      .refine((names) => !names.some((n) => (NEVER_AUTO_APPROVED as readonly string[]).includes(n)), {
        message: 'Public replies and agent deletion always ask first; they cannot be allowed ahead of time.',
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
