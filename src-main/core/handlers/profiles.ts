// Profiles: create / switch / authorize / forget, always scoped to the window's session.
import type { Handler } from './context';
import { CoreError } from '../types';
import { activeProfile } from './active';
import { isReservedProfileName, reconnectSandboxProfile } from './sandbox';
import { attachCoreEvents } from './events';

export const profilesHandlers: {
  'profiles:list': Handler<'profiles:list'>;
  'profiles:create': Handler<'profiles:create'>;
  'profiles:switch': Handler<'profiles:switch'>;
  'profiles:authorize': Handler<'profiles:authorize'>;
  'profiles:recheck': Handler<'profiles:recheck'>;
  'profiles:forget': Handler<'profiles:forget'>;
} = {
  'profiles:list': async (_input, ctx) => {
    attachCoreEvents(ctx);
    const profiles = await ctx.core.accounts.list();
    const active = profiles.some((p) => p.identifier === ctx.session.activeProfile) ? ctx.session.activeProfile : undefined;
    if (!active) ctx.session.activeProfile = undefined;
    return { profiles, active };
  },

  'profiles:create': async ({ name }, ctx) => {
    const identifier = name.trim();
    if (isReservedProfileName(identifier)) {
      throw new CoreError('invalid_input', `"${identifier}" is reserved for the sandbox helpdesk demo. Choose another name.`);
    }
    const profile = await ctx.core.accounts.create(identifier);
    ctx.session.activeProfile = profile.identifier;
    return { profile };
  },

  'profiles:switch': async ({ identifier }, ctx) => {
    let profile = await ctx.core.accounts.get(identifier);
    if (!profile) throw new CoreError('not_found', 'That profile no longer exists on this computer.');
    // The sandbox lives only as long as this process: reconnect the demo profile to today's port.
    // Whether it is the demo is decided from its sealed origin (connectSandbox), not the flag.
    if (profile.sandbox) {
      const current = profile;
      profile = await reconnectSandboxProfile(ctx, identifier).catch((err: unknown) => {
        if (err instanceof CoreError && err.code === 'not_sandbox') return current;
        throw err;
      });
    }
    ctx.session.activeProfile = profile.identifier;
    // A key reset while the app was closed shows as REVOKED before the agent acts: one agents/me
    // check in the background (at most once per 10 minutes per profile); the result arrives as
    // an account:status event.
    if (profile.status === 'ACTIVE') {
      ctx.core.accounts.recheck(profile.identifier).catch(() => undefined);
    }
    return { profile };
  },

  'profiles:authorize': async ({ subdomain, apiKey }, ctx) => {
    const profile = await ctx.core.accounts.authorize(activeProfile(ctx), { subdomain, apiKey });
    return { profile };
  },

  'profiles:recheck': async (_input, ctx) => {
    const profile = await ctx.core.accounts.recheck(activeProfile(ctx), { force: true });
    return { profile };
  },

  'profiles:forget': async ({ identifier }, ctx) => {
    if (!(await ctx.core.accounts.get(identifier))) throw new CoreError('not_found', 'That profile no longer exists on this computer.');
    await ctx.core.accounts.disconnect(identifier);
    if (ctx.session.activeProfile === identifier) ctx.session.activeProfile = undefined;
    return { profiles: await ctx.core.accounts.list(), active: ctx.session.activeProfile };
  },
};
