import { CoreError } from '../types';
import type { Handler } from './context';
import type { appChannels } from '../../../src-shared/contract/app';
import { checkExternalUrl } from '../../../src-shared/external-url';

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
    // The input schema refused anything off the coarse allowlist; here the decision is made with
    // the window's own profile: only its helpdesk (and the Anthropic console), normalised.
    const id = ctx.session.activeProfile;
    const own = id ? (await ctx.core.accounts.get(id).catch(() => undefined))?.subdomain : undefined;
    const checked = checkExternalUrl(url, own);
    if (!checked.ok) throw new CoreError('not_allowed', checked.message);
    if (!ctx.openExternal) {
      throw new CoreError('not_supported', 'Links cannot be opened from here. Copy the address into your browser.');
    }
    const opened = await ctx.openExternal(checked.href, own);
    return { opened: opened !== false };
  },
};
