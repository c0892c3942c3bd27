// Connect a helpdesk (or enter a new key for a revoked profile): subdomain with a live preview of
// the address, API key (masked), "Test and save" → who you are connected as.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { ActionStatus, useAction, type ActionState } from '../components/ActionStatus';
import { errorInfo, triage } from '../lib/bridge';
import { flushPending } from '../lib/pending';
import { scopeLabel } from '../lib/freshdesk';
import { activeProfileOf, useSession } from '../state/session';
import type { Profile } from '../../src-shared/contract/profiles';
import { helpdeskAddress, normalizeSubdomain } from '../../src-shared/subdomain';
import { ApiKeyGuide } from './ApiKeyGuide';
import { SandboxButton } from './SandboxButton';

/** One message and one fix per AuthorizeErrorCode. */
const AUTH_ERRORS: Record<string, { title: string; fix: string }> = {
  invalid_subdomain: {
    title: 'That is not a Freshdesk helpdesk address.',
    fix: 'Enter the part before .freshdesk.com: for https://acme.freshdesk.com enter acme (pasting the whole address works too).',
  },
  unknown_helpdesk: {
    title: 'There is no Freshdesk helpdesk at that address.',
    fix: 'Check the spelling. Sign in to Freshdesk in your browser and copy the address from the address bar.',
  },
  invalid_key: {
    title: 'Freshdesk did not accept this API key.',
    fix: 'Copy the key again from Profile settings → View API key. Keys stop working when they are reset, and keys of customers (not agents) never work.',
  },
  permission: {
    title: 'Freshdesk refused access with this key.',
    fix: 'The helpdesk may be suspended or the login locked. Ask your Freshdesk administrator, then try again.',
  },
  network: {
    title: 'Freshdesk could not be reached.',
    fix: 'Check your internet connection, proxy or VPN, then try again. Nothing was saved.',
  },
  encryption_unavailable: {
    title: 'This computer has no secure place to keep the key.',
    fix: 'Triage Desk keeps keys only in the system keychain. Unlock or install a keyring (on Linux: GNOME Keyring or KWallet), or read the warning in Settings and allow the weaker storage.',
  },
  profile_exists: { title: 'That profile name is taken.', fix: 'Pick the profile from the profile list, or choose another name.' },
};

export function Connect() {
  const active = useSession(activeProfileOf);
  const mode = useSession((s) => s.connectMode);
  const adopt = useSession((s) => s.adoptActive);
  const go = useSession((s) => s.go);
  const hasProfiles = useSession((s) => s.profiles.length > 0);
  // Which profile this form connects: the revoked one being re-keyed, a half-set-up one, or a new one.
  const target: Profile | undefined = mode === 'rekey' || active?.status === 'PENDING' ? active : undefined;

  const [name, setName] = useState('');
  const [subdomain, setSubdomain] = useState(target?.subdomain && !target.sandbox ? target.subdomain : '');
  const [apiKey, setApiKey] = useState('');
  const [showKey, setShowKey] = useState(false);
  // The same pure rules main applies on submit, so the preview is there as you type: no round
  // trip that could move the form under the pointer a moment after typing.
  const preview = useMemo(() => normalizeSubdomain(subdomain), [subdomain]);
  const [touched, setTouched] = useState(false);
  const connected = useSession((s) => (s.justConnected && s.justConnected.identifier === s.active ? s.justConnected : undefined));
  const [state, run] = useAction();
  const ids = { name: useId(), sub: useId(), key: useId(), preview: useId() };

  function failed(code: string, message: string): ActionState {
    const known = AUTH_ERRORS[code];
    return {
      phase: 'error',
      message: known?.title ?? message,
      detail: (
        <>
          {known && message !== known.title && <p className="server-message">{message}</p>}
          {known && <p className="fix">{known.fix}</p>}
          {code === 'encryption_unavailable' && (
            <button type="button" onClick={() => go('settings')}>
              Open Settings
            </button>
          )}
        </>
      ),
    };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    await run('Testing the key with Freshdesk…', async (): Promise<ActionState> => {
      // The same rules main applies: an address that cannot be a helpdesk creates no profile.
      if (!preview.ok) return failed('invalid_subdomain', preview.message);
      if (!apiKey.trim()) return { phase: 'error', message: 'Paste your API key first. "Where is my API key?" shows where to find it.' };
      try {
        await flushPending();
        if (!target) await triage.createProfile({ name });
        const { profile } = await triage.authorizeProfile({ subdomain, apiKey: apiKey.trim() });
        setApiKey('');
        useSession.setState({ justConnected: profile });
        await adopt(profile);
        return { phase: 'ok', message: `Connected. ${profile.identifier} is ACTIVE.` };
      } catch (err) {
        const { code, message } = errorInfo(err);
        // a profile created above stays (PENDING) so a corrected retry connects the same one
        await useSession
          .getState()
          .refreshProfiles()
          .catch(() => undefined);
        return failed(code, message);
      }
    });
  }

  if (connected) return <Connected profile={connected} onDone={() => go('queue')} />;

  const previewBad = !preview.ok && (touched || subdomain.length > 2);
  const title =
    mode === 'rekey' && target
      ? `Enter a new API key for "${target.identifier}"`
      : target
        ? `Connect "${target.identifier}" to Freshdesk`
        : 'Connect your Freshdesk';
  return (
    <main className="connect" aria-labelledby="connect-title">
      <h1 id="connect-title">{title}</h1>
      {mode === 'rekey' && target && (
        <p className="lead">
          Freshdesk stopped accepting the old key (it was probably reset). Paste the new key from your Freshdesk profile.
        </p>
      )}
      <form className="form connect-form" onSubmit={submit} noValidate>
        {!target && (
          <div className="field">
            <label htmlFor={ids.name}>Profile name</label>
            <input
              id={ids.name}
              value={name}
              onChange={(e) => setName(e.target.value)}
              autoComplete="off"
              placeholder="e.g. Dana at Acme"
              required
            />
            <div className="hint">Just for you: several people (or helpdesks) can each have a profile on this computer.</div>
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.sub}>Helpdesk address</label>
          <input
            id={ids.sub}
            value={subdomain}
            onChange={(e) => setSubdomain(e.target.value)}
            onBlur={() => setTouched(true)}
            autoComplete="off"
            spellCheck={false}
            placeholder="acme or acme.freshdesk.com"
            aria-describedby={ids.preview}
            aria-invalid={previewBad ? true : undefined}
          />
          <div
            id={ids.preview}
            className={`preview ${previewBad ? 'field-error' : 'hint'}`}
            data-testid="subdomain-preview"
            aria-live="polite"
          >
            {preview.ok ? (
              <>
                Will connect to <strong>{helpdeskAddress(preview.subdomain)}</strong>
              </>
            ) : previewBad ? (
              preview.message
            ) : (
              'Enter the part before .freshdesk.com, or paste the address from your browser.'
            )}
          </div>
        </div>
        <div className="field">
          <label htmlFor={ids.key}>API key</label>
          <div className="with-button">
            <input
              id={ids.key}
              type={showKey ? 'text' : 'password'}
              value={apiKey}
              onChange={(e) => setApiKey(e.target.value)}
              onPaste={(e) => {
                // keys copied from a web page often bring spaces or a line break along
                e.preventDefault();
                setApiKey(e.clipboardData.getData('text').replace(/\s+/g, ''));
              }}
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="off"
            />
            <button type="button" aria-pressed={showKey} onClick={() => setShowKey((v) => !v)}>
              {showKey ? 'Hide key' : 'Show key'}
            </button>
          </div>
          <ApiKeyGuide />
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={state.phase === 'running'}>
            Test and save
          </button>
          {hasProfiles && (
            <button type="button" onClick={() => go(active && active.status !== 'PENDING' ? 'queue' : 'profiles')}>
              Cancel
            </button>
          )}
        </div>
        <ActionStatus state={state} />
      </form>
      {!target && (
        <aside className="connect-aside">
          <p>No Freshdesk account at hand?</p>
          <SandboxButton />
        </aside>
      )}
    </main>
  );
}

function Connected({ profile, onDone }: { profile: Profile; onDone(): void }) {
  const a = profile.agent;
  return (
    <main className="connect" aria-labelledby="connected-title">
      <h1 id="connected-title">Connected</h1>
      <div className="card connected-card" role="status">
        <dl className="facts">
          <dt>Profile</dt>
          <dd>{profile.identifier}</dd>
          <dt>Helpdesk</dt>
          <dd>{profile.subdomain}.freshdesk.com</dd>
          <dt>Name</dt>
          <dd data-testid="connected-name">{a?.name ?? '—'}</dd>
          <dt>E-mail</dt>
          <dd>{a?.email ?? '—'}</dd>
          <dt>Role</dt>
          <dd>{a?.roleNames?.join(', ') || (a?.roleIds.length ? `role id ${a.roleIds.join(', ')}` : '—')}</dd>
          <dt>Ticket scope</dt>
          <dd>{a ? `${scopeLabel(a.ticketScope)}` : '—'}</dd>
          <dt>Status</dt>
          <dd>
            <span className={`badge status-${profile.status.toLowerCase()}`}>{profile.status}</span>
          </dd>
        </dl>
        <button type="button" className="primary" onClick={onDone} autoFocus>
          Open my queue
        </button>
      </div>
    </main>
  );
}
