import { z } from 'zod';
import { channel, NoInput } from './define';
import { isAllowedExternalUrl } from '../external-url';

/** The link allowlist lives in ./external-url (zod-free, for the renderer); re-exported here. */
export { isAllowedExternalUrl };

/** Whether the OS keychain can protect keys (safeStorage), and how well. */
export const CipherStatusShape = z.discriminatedUnion('available', [
  z.object({ available: z.literal(true), backend: z.string().optional(), weak: z.boolean().optional() }),
  z.object({ available: z.literal(false), reason: z.string(), backend: z.string().optional() }),
]);
export type CipherStatus = z.infer<typeof CipherStatusShape>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** 'electron' in the app, 'harness' in the browser test harness, 'preview' in npm run preview */
  runtime: z.enum(['electron', 'harness', 'preview']),
  secureStorage: CipherStatusShape,
  /** problems found at start (e.g. a corrupt settings file moved aside) */
  notices: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const OpenExternalInput = z
  .object({
    url: z.string().refine(isAllowedExternalUrl, {
      message: 'Only https links to your Freshdesk helpdesk (<name>.freshdesk.com) or console.anthropic.com can be opened.',
    }),
  })
  .strict();

export const appChannels = {
  'app:info': channel('appInfo', NoInput, AppInfo),
  /** Opens a link in the system browser: main allows only the active profile's helpdesk and the
   *  Anthropic console, asks with a native dialog and opens the normalised address.
   *  opened: false when the person said no. */
  'app:open-external': channel('openExternal', OpenExternalInput, z.object({ opened: z.boolean() })),
} as const;

export const appEvents = {} as const;
