// Forwards the core's account, rate-limit, network and triage events to one window. Every window sees
// every profile's status (the profile list shows them all) and every helpdesk's budget (the page
// shows its active profile's). Idempotent per window session; called on the page's first
// profiles:list (every page asks on start); stops once the window's emit throws (closed).
import type { HandlerContext, HandlerSession } from './context';
import type { CoreEvent } from '../types';

const attached = new WeakMap<HandlerSession, () => void>();

/**
 * One subscription per window session and source (its `registry`): `forward` pushes each event to
 * the window; once it throws (the window closed) the subscription stops. Returns the detach
 * function, the same one for every call while attached.
 */
export function forwardToWindow<E>(
  registry: WeakMap<HandlerSession, () => void>,
  session: HandlerSession,
  subscribe: (listener: (event: E) => void) => () => void,
  forward: (event: E) => void,
): () => void {
  const existing = registry.get(session);
  if (existing) return existing;
  const stop = subscribe((event) => {
    try {
      forward(event);
    } catch {
      detach();
    }
  });
  const detach = () => {
    stop();
    registry.delete(session);
  };
  registry.set(session, detach);
  return detach;
}

export function attachCoreEvents(ctx: Pick<HandlerContext, 'core' | 'session' | 'emit'>): () => void {
  return forwardToWindow<CoreEvent>(
    attached,
    ctx.session,
    (l) => ctx.core.onEvent(l),
    (event) => {
      if (event.type === 'account_status') ctx.emit('account:status', { account: event.account });
      else if (event.type === 'rate_limit') {
        ctx.emit('rate:limit', {
          subdomain: event.subdomain,
          total: event.total,
          remaining: event.remaining,
          waitingCalls: event.waitingCalls,
        });
      } else if (event.type === 'network') ctx.emit('network:status', { online: event.online });
      else if (event.type === 'approval_required' || event.type === 'approval_resolved')
        ctx.emit('approvals:changed', { origin: event.origin });
      else if (event.type === 'activity' && event.entry.profile === ctx.session.activeProfile)
        ctx.emit('activity:recorded', { entry: event.entry });
      else if (event.type === 'triage_progress' && event.identifier === ctx.session.activeProfile) {
        // a triage run's progress goes only to windows showing its profile
        const { type: _type, identifier: _identifier, ...progress } = event;
        ctx.emit('triage:progress', progress);
      }
    },
  );
}
