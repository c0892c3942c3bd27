// Triage plans over IPC, always for the window's active profile. Progress reaches the windows
// showing the run's profile through attachCoreEvents (./events).
import type { Handler, HandlerContext, HandlerSession } from './context';
import type { triageChannels } from '../../../src-shared/contract/triage';
import { activeProfile } from './active';

type TriageChannel = keyof typeof triageChannels;

/** the window's running start or apply, for triage:cancel */
const runs = new WeakMap<HandlerSession, Set<AbortController>>();

async function cancellable<T>(ctx: HandlerContext, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const set = runs.get(ctx.session) ?? new Set<AbortController>();
  runs.set(ctx.session, set);
  const controller = new AbortController();
  set.add(controller);
  try {
    return await work(controller.signal);
  } finally {
    set.delete(controller);
  }
}

export const triageHandlers: { [C in TriageChannel]: Handler<C> } = {
  'triage:start': async ({ ticketIds, filter }, ctx) => {
    const identifier = activeProfile(ctx);
    return { plan: await cancellable(ctx, (signal) => ctx.core.triage.start(identifier, { ticketIds, filter }, { signal })) };
  },
  'triage:cancel': (_input, ctx) => {
    const set = runs.get(ctx.session);
    if (!set || set.size === 0) return { cancelled: false };
    for (const c of set) c.abort();
    return { cancelled: true };
  },
  'triage:get': async ({ planId }, ctx) => ({ plan: await ctx.core.triage.get(activeProfile(ctx), planId) }),
  'triage:list': async (_input, ctx) => ({ plans: await ctx.core.triage.list(activeProfile(ctx)) }),
  'triage:decide': async ({ planId, ticketId, decision }, ctx) => ({
    plan: await ctx.core.triage.decide(activeProfile(ctx), planId, ticketId, decision),
  }),
  'triage:apply': async ({ planId }, ctx) => {
    const identifier = activeProfile(ctx);
    return { plan: await cancellable(ctx, (signal) => ctx.core.triage.apply(identifier, planId, { signal })) };
  },
};
