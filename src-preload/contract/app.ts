import { z } from 'zod';
import { channel, NoInput } from './define';

export const CipherStatusShape = z.object({
  available: z.boolean(),
  backend: z.string().optional(),
  weak: z.boolean().optional(),
  reason: z.string().optional(),
});

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** 'electron' in the app, 'harness' in the browser test harness */
  runtime: z.enum(['electron', 'harness']),
  secureStorage: CipherStatusShape,
  /** problems found at start (e.g. a corrupt settings file moved aside) */
  notices: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appChannels = {
  'app:info': channel('appInfo', NoInput, AppInfo),
} as const;

export const appEvents = {} as const;
