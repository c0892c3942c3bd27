// Banners that follow the person everywhere: the browser preview, offline, and a revoked key.
import { activeProfileOf, useSession } from '../state/session';

export function Banners() {
  const profile = useSession(activeProfileOf);
  const browserOnline = useSession((s) => s.browserOnline);
  const mainOnline = useSession((s) => s.mainOnline);
  const networkTrouble = useSession((s) => s.networkTrouble);
  const go = useSession((s) => s.go);
  const preview = useSession((s) => s.appInfo?.runtime === 'preview');
  return (
    <div className="banners">
      {preview && (
        <div className="banner banner-warn" role="note" data-testid="preview-banner">
          <strong>Browser preview — nothing is saved.</strong> Profiles, keys and drafts last until this window closes.
        </div>
      )}
      {(!browserOnline || !mainOnline || networkTrouble) && (
        <div className="banner banner-warn" role="alert" data-testid="offline-banner">
          <strong>{!browserOnline || !mainOnline ? 'You are offline.' : 'Freshdesk cannot be reached.'}</strong> Check your internet
          connection. Nothing you typed is lost; try again when you are back online.
        </div>
      )}
      {profile?.status === 'REVOKED' && (
        <div className="banner banner-bad" role="alert" data-testid="revoked-banner">
          <span>
            <strong>Freshdesk no longer accepts the API key of "{profile.identifier}".</strong>{' '}
            {profile.statusReason ?? 'It was probably reset in Freshdesk.'} Enter the new key to continue; your drafts are kept.
          </span>
          <button type="button" className="primary" onClick={() => go('connect', { connectMode: 'rekey' })}>
            Enter new key
          </button>
        </div>
      )}
    </div>
  );
}
