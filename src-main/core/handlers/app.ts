import { CoreError } from '../types';
import type { Handler } from './context';
import type { appChannels } from '../../../src-shared/contract/app';
import { isAllowedExternalUrl } from '../../../src-shared/contract/app';

type AppChannel = keyof typeof appChannels;

export const appHandlers: { [C in AppChannel]: Handler<C> } = {
  'app:info': (_input, ctx) => ({
    name: 'Triage Desk',
    version: ctx.appVersion,
    platform: ctx.platform,
    runtime: ctx.runtime,
    secureStorage: ctx.core.status().cipher,
    notices: ctx.core.status().notices,
  }),
  'app:open-external': async ({ url }, ctx) => {
    // The input schema already refused anything off the allowlist; checked again here because
    // this is the last step before a URL leaves the app.
    if (!isAllowedExternalUrl(url)) {
      throw new CoreError('not_allowed', 'That link is not on the list of sites Triage Desk opens.');
    }
    if (!ctx.openExternal) {
      throw new CoreError('not_supported', 'Links cannot be opened from here. Copy the address into your browser.');
    }
    await ctx.openExternal(url);
    return { opened: true as const };
  },
};
