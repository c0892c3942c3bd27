// Chat over IPC. Every call works on the window's active profile (the page never names one);
// the Anthropic key only goes in, and answers carry at most `{ configured }`.
import type { Handler, HandlerContext, HandlerSession } from './context';
import type { ChatEvent, chatChannels } from '../../../src-shared/contract/chat';
import { activeProfile } from './active';
import { forwardToWindow } from './events';

type ChatChannel = keyof typeof chatChannels;

const attached = new WeakMap<HandlerSession, () => void>();

/**
 * Forwards the core's chat events to one window, only those of the profile that window has
 * active at the moment of the event (switching profile never shows another profile's chat).
 * Idempotent per window session; stops by itself once the window's emit throws (closed).
 * Chat handlers call it on first use, so a window that opened the chat panel gets the events.
 */
export function attachChatEvents(ctx: Pick<HandlerContext, 'core' | 'session' | 'emit'>): () => void {
  return forwardToWindow<ChatEvent>(
    attached,
    ctx.session,
    (l) => ctx.core.chat.onEvent(l),
    (event) => {
      if (event.identifier === ctx.session.activeProfile) ctx.emit('chat:event', event);
    },
  );
}

/** The active profile, with this window subscribed to its chat events. */
function chatProfile(ctx: HandlerContext): string {
  const identifier = activeProfile(ctx);
  attachChatEvents(ctx);
  return identifier;
}

export const chatHandlers: { [C in ChatChannel]: Handler<C> } = {
  'chat:send': async ({ threadId, text, ticketId }, ctx) => {
    const identifier = chatProfile(ctx);
    const reason = await ctx.core.chat.send(identifier, threadId, text, { ticketId });
    return { threadId, reason };
  },

  'chat:cancel': ({ threadId }, ctx) => ({ cancelled: ctx.core.chat.cancel(threadId, chatProfile(ctx)) }),

  'chat:resolve-approval': async ({ callId, ...decision }, ctx) => {
    // The approval must belong to this window's profile: another profile's card cannot be answered.
    await ctx.core.chat.resolveApproval(callId, decision, chatProfile(ctx));
    return { resolved: true as const };
  },

  'chat:pending': (_input, ctx) => ({ approvals: ctx.core.chat.pendingApprovals(chatProfile(ctx)) }),

  'chat:thread': ({ threadId }, ctx) => ctx.core.chat.thread(chatProfile(ctx), threadId),

  'chat:threads': (_input, ctx) => ({ threads: ctx.core.chat.threads(chatProfile(ctx)) }),

  'chat:set-api-key': async ({ key }, ctx) => {
    const identifier = activeProfile(ctx);
    await ctx.core.chat.setApiKey(identifier, key);
    // Only the status goes back, never the key (not even masked).
    return { configured: ctx.core.chat.apiKeyStatus(identifier).configured };
  },

  'chat:api-key-status': (_input, ctx) => ({ configured: ctx.core.chat.apiKeyStatus(activeProfile(ctx)).configured }),

  'chat:test-api-key': (_input, ctx) => ctx.core.chat.testApiKey(activeProfile(ctx)),
};
