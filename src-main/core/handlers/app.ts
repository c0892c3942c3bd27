import type { Handler } from '../handlers';

export const appHandlers: { 'app:info': Handler<'app:info'> } = {
  'app:info': (_input, ctx) => ({
    name: 'Triage Desk',
    version: ctx.appVersion,
    platform: ctx.platform,
    runtime: ctx.runtime,
    secureStorage: ctx.core.status().cipher,
    notices: ctx.core.status().notices,
  }),
};
