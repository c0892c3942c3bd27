// Always visible: who is connected to which helpdesk, the helpdesk's remaining API budget from
// the last answer, and whether calls are being held back by the rate governor.
import { activeProfileOf, useSession } from '../state/session';

export function StatusBar() {
  const profile = useSession(activeProfileOf);
  const budget = useSession((s) => (profile?.subdomain ? s.budgets[profile.subdomain] : undefined));
  const offline = useSession((s) => !s.browserOnline || !s.mainOnline || s.networkTrouble);

  const status = !profile
    ? 'No profile'
    : profile.status === 'ACTIVE'
      ? 'Connected'
      : profile.status === 'REVOKED'
        ? 'Key revoked'
        : 'Not connected yet';
  const tone = !profile ? 'muted' : offline ? 'warn' : profile.status === 'ACTIVE' ? 'ok' : profile.status === 'REVOKED' ? 'bad' : 'muted';
  return (
    <footer className="status-bar" aria-label="Connection status">
      <span className={`status-dot tone-${tone}`} aria-hidden="true" />
      <span data-testid="connection-status">
        {offline && profile ? 'Offline' : status}
        {profile?.subdomain && (
          <>
            {' · '}
            {profile.sandbox ? `sandbox helpdesk "${profile.subdomain}" (sample data)` : `${profile.subdomain}.freshdesk.com`}
          </>
        )}
        {profile?.agent && <> · as {profile.agent.name}</>}
      </span>
      <span className="spacer" />
      {budget && (
        <span data-testid="api-budget" title="Freshdesk's per-minute request budget for the whole helpdesk, from its last answer">
          API budget: {budget.remaining} / {budget.total} left this minute
        </span>
      )}
      {budget && budget.waitingCalls > 0 && (
        <span className="waiting" role="status" data-testid="rate-waiting">
          <span className="spinner" aria-hidden="true" /> Waiting for the rate limit: {budget.waitingCalls} call
          {budget.waitingCalls === 1 ? '' : 's'} held
        </span>
      )}
    </footer>
  );
}
