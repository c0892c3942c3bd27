// Reply drafts of the active profile; main encrypts them at rest.
import type { Handler } from './context';
import { activeProfile } from './active';

export const draftsHandlers: {
  'drafts:get': Handler<'drafts:get'>;
  'drafts:save': Handler<'drafts:save'>;
  'drafts:delete': Handler<'drafts:delete'>;
} = {
  'drafts:get': async ({ ticketId }, ctx) => ({ draft: await ctx.core.drafts.get(activeProfile(ctx), ticketId) }),
  'drafts:save': async ({ ticketId, body, cc, bcc }, ctx) => ({
    draft: await ctx.core.drafts.save(activeProfile(ctx), ticketId, { body, cc, bcc }),
  }),
  'drafts:delete': async ({ ticketId }, ctx) => {
    await ctx.core.drafts.delete(activeProfile(ctx), ticketId);
    return { deleted: true as const };
  },
};
