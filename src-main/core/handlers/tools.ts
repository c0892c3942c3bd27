// The ten tools by hand: list (with what the active role may use), execute, validate-only, and
// cancel a call the window no longer wants.
import type { Handler, HandlerContext } from './context';
import { validateToolInput } from '../tools';
import type { TicketFieldChoices } from '../field-choices';
import { CoreError } from '../types';
import { activeProfile } from './active';

/** This window's running calls that were given a requestId. */
function toolCalls(ctx: HandlerContext): Map<string, AbortController> {
  return (ctx.session.toolCalls ??= new Map());
}

export const toolsHandlers: {
  'tools:list': Handler<'tools:list'>;
  'tools:execute': Handler<'tools:execute'>;
  'tools:cancel': Handler<'tools:cancel'>;
  'tools:validate': Handler<'tools:validate'>;
  'tools:field-choices': Handler<'tools:field-choices'>;
} = {
  'tools:list': (_input, ctx) => ({ tools: ctx.core.tools.list(ctx.session.activeProfile) }),

  'tools:execute': async ({ name, input, priority, requestId }, ctx) => {
    const identifier = activeProfile(ctx);
    if (requestId === undefined) return ctx.core.tools.execute(identifier, name, input, { priority: priority ?? 'ui' });
    const calls = toolCalls(ctx);
    // Two calls under one id would make a cancel ambiguous; the renderer mints a fresh id per call.
    if (calls.has(requestId)) throw new CoreError('invalid_input', `A call with request id "${requestId}" is still running; use a new id.`);
    const controller = new AbortController();
    calls.set(requestId, controller);
    try {
      // A superseded read waiting on the rate governor (or on a slow Freshdesk) stops at once and
      // spends no credit; the core answers it as a 'network' failure with code 'cancelled'.
      return await ctx.core.tools.execute(identifier, name, input, { priority: priority ?? 'ui', signal: controller.signal });
    } finally {
      if (calls.get(requestId) === controller) calls.delete(requestId);
    }
  },

  'tools:cancel': ({ requestId }, ctx) => {
    const controller = ctx.session.toolCalls?.get(requestId);
    if (!controller) return { cancelled: false };
    ctx.session.toolCalls?.delete(requestId);
    controller.abort();
    return { cancelled: true };
  },

  // The tool's own rules and wording, so a form shows exactly what a send would refuse, without
  // spending a request (or a rate-limit credit).
  'tools:validate': ({ name, input }) => validateToolInput(name, input),

  'tools:field-choices': async (_input, ctx) => {
    const r = await ctx.core.tools.fieldChoices(activeProfile(ctx), { priority: 'background' });
    if (r.ok) return r.data as TicketFieldChoices;
    return { groups: [], types: [], unavailable: r.error.message };
  },
};
