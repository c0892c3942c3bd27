// Every profile on this computer, its status and who it is connected as.
import { useState } from 'react';
import { ActionStatus, useAction } from '../components/ActionStatus';
import { Dialog } from '../components/Dialog';
import { errorInfo } from '../lib/bridge';
import { scopeLabel } from '../lib/freshdesk';
import { useSession } from '../state/session';
import type { Profile } from '../../src-shared/contract/profiles';
import { SandboxButton } from './SandboxButton';

export function Profiles() {
  const profiles = useSession((s) => s.profiles);
  const active = useSession((s) => s.active);
  const go = useSession((s) => s.go);
  const switchProfile = useSession((s) => s.switchProfile);
  const [state, run] = useAction();

  const use = (p: Profile, then?: () => void) =>
    run(`Switching to ${p.identifier}…`, async () => {
      try {
        await switchProfile(p.identifier);
        then?.();
        return { phase: 'ok', message: `Now working as ${p.identifier}.` };
      } catch (err) {
        return { phase: 'error', message: errorInfo(err).message };
      }
    });

  return (
    <main className="page" aria-labelledby="profiles-title">
      <div className="page-head">
        <h1 id="profiles-title">Profiles</h1>
        <button type="button" className="primary" onClick={() => go('connect', { connectMode: 'new' })}>
          Connect another helpdesk
        </button>
      </div>
      <ActionStatus state={state} />
      <ul className="profile-list" aria-label="Profiles on this computer">
        {profiles.map((p) => (
          <li key={p.identifier} className={`card profile-card ${p.identifier === active ? 'is-active' : ''}`} data-testid="profile-card">
            <div className="profile-main">
              <h2 className="profile-name">
                {p.identifier}
                {p.sandbox && <span className="badge badge-sample">Sample data</span>}
                {p.identifier === active && <span className="badge">In use</span>}
              </h2>
              <span className={`badge status-${p.status.toLowerCase()}`} data-testid="profile-status">
                {p.status}
              </span>
            </div>
            <p className="profile-who">
              {p.agent
                ? `${p.agent.name} <${p.agent.email}> · ${p.agent.roleNames?.join(', ') ?? 'role ' + p.agent.roleIds.join(', ')} · ${scopeLabel(p.agent.ticketScope)} ticket scope`
                : 'Not connected yet'}
              {p.subdomain && ` · ${p.sandbox ? 'sandbox helpdesk' : p.subdomain + '.freshdesk.com'}`}
            </p>
            {p.status === 'REVOKED' && <p className="field-error">{p.statusReason ?? 'Freshdesk no longer accepts this key.'}</p>}
            <div className="row-actions">
              {p.identifier !== active && (
                <button type="button" onClick={() => use(p)}>
                  Use {p.identifier}
                </button>
              )}
              {p.status === 'PENDING' && (
                <button type="button" onClick={() => use(p, () => go('connect', { connectMode: 'new' }))}>
                  Finish connecting
                </button>
              )}
              {p.status === 'REVOKED' && (
                <button type="button" onClick={() => use(p, () => go('connect', { connectMode: 'rekey' }))}>
                  Enter new key
                </button>
              )}
              <ForgetProfile profile={p} />
            </div>
          </li>
        ))}
      </ul>
      <SandboxButton className="profiles-sandbox" />
    </main>
  );
}

export function ForgetProfile({ profile }: { profile: Profile }) {
  const [open, setOpen] = useState(false);
  const [state, run] = useAction();
  const forget = useSession((s) => s.forgetProfile);
  return (
    <>
      <button type="button" className="danger-link" onClick={() => setOpen(true)}>
        Forget {profile.identifier}
      </button>
      <Dialog
        open={open}
        tone="danger"
        title={`Forget "${profile.identifier}"?`}
        onClose={() => setOpen(false)}
        actions={
          <>
            <button type="button" onClick={() => setOpen(false)}>
              Keep it
            </button>
            <button
              type="button"
              className="danger"
              disabled={state.phase === 'running'}
              onClick={() =>
                run('Forgetting…', async () => {
                  try {
                    await forget(profile.identifier);
                    setOpen(false);
                    useSession
                      .getState()
                      .notify('ok', `"${profile.identifier}" was forgotten: its key, drafts and chat are gone from this computer.`);
                    return { phase: 'ok', message: `${profile.identifier} was removed from this computer.` };
                  } catch (err) {
                    return { phase: 'error', message: errorInfo(err).message };
                  }
                })
              }
            >
              Forget profile
            </button>
          </>
        }
      >
        <p>
          This removes its API key, its reply drafts and its chat history from this computer. Nothing changes in Freshdesk. You can connect
          again later with your key.
        </p>
        <ActionStatus state={state} />
      </Dialog>
    </>
  );
}
