// Forwards the core's account, rate-limit, network and triage events to one window. Every window sees
// every profile's status (the profile list shows them all) and every helpdesk's budget (the page
// shows its active profile's). Idempotent per window session; called on the page's first
// profiles:list (every page asks on start); stops once the window's emit throws (closed).
import type { HandlerContext, HandlerSession } from '../handlers';

const attached = new WeakMap<HandlerSession, () => void>();

export function attachCoreEvents(ctx: Pick<HandlerContext, 'core' | 'session' | 'emit'>): () => void {
  const existing = attached.get(ctx.session);
  if (existing) return existing;
  const stop = ctx.core.onEvent((event) => {
    try {
      if (event.type === 'account_status') ctx.emit('account:status', { account: event.account });
      else if (event.type === 'rate_limit') {
        ctx.emit('rate:limit', {
          subdomain: event.subdomain,
          total: event.total,
          remaining: event.remaining,
          waitingCalls: event.waitingCalls,
        });
      } else if (event.type === 'network') ctx.emit('network:status', { online: event.online });
      else if (event.type === 'triage_progress' && event.identifier === ctx.session.activeProfile) {
        // a triage run's progress goes only to windows showing its profile
        const { type: _type, identifier: _identifier, ...progress } = event;
        ctx.emit('triage:progress', progress);
      }
    } catch {
      detach();
    }
  });
  const detach = () => {
    stop();
    attached.delete(ctx.session);
  };
  attached.set(ctx.session, detach);
  return detach;
}
