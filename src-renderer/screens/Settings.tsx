// Settings: how keys are protected, the Anthropic key (write-only), the model, which write tools
// Claude may use without asking, and forgetting profiles.
import { useEffect, useId, useState } from 'react';
import { ActionStatus, useAction } from '../components/ActionStatus';
import { Dialog } from '../components/Dialog';
import { errorInfo, triage } from '../lib/bridge';
import { useSession } from '../state/session';
import type { SettingsView as SettingsShape } from '../../src-shared/contract/settings';
import { ForgetProfile } from './Profiles';
import { McpSettings } from './McpSettings';

const TOOL_LABELS: Record<string, string> = {
  freshdesk_ticket_create: 'Create tickets',
  freshdesk_ticket_update: 'Update tickets: status, priority, type, group, agent and tags only (other fields still ask)',
  freshdesk_contact_create: 'Create contacts',
  freshdesk_agent_create: 'Add agents',
  freshdesk_tickets_reply: 'Reply to customers',
  freshdesk_agent_delete: 'Delete agents',
};

export default function Settings() {
  const appInfo = useSession((s) => s.appInfo);
  const [settings, setSettings] = useState<SettingsShape>();
  const [loadError, setLoadError] = useState<string>();

  useEffect(() => {
    triage.getSettings().then(setSettings, (err) => setLoadError(errorInfo(err).message));
    // what protects the keys can change while the app runs (a keyring unlocked or gone)
    triage.appInfo().then(
      (appInfo) => useSession.setState({ appInfo }),
      () => undefined,
    );
  }, []);

  return (
    <main className="page settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {loadError && (
        <p className="inline-error" role="alert">
          {loadError}
        </p>
      )}
      <SecureStorage settings={settings} onChange={setSettings} />
      <ClaudeKey />
      {settings && <ModelAndApprovals settings={settings} onChange={setSettings} />}
      <McpSettings />
      <ProfilesSection />
      <section className="card" aria-labelledby="about-title">
        <h2 id="about-title">About</h2>
        <dl className="facts">
          <dt>Version</dt>
          <dd>{appInfo?.version}</dd>
          <dt>Platform</dt>
          <dd>{appInfo?.platform}</dd>
          <dt>Runtime</dt>
          <dd>{appInfo?.runtime}</dd>
        </dl>
        {appInfo?.notices.map((n) => (
          <p key={n} className="notice">
            {n}
          </p>
        ))}
      </section>
    </main>
  );
}

function SecureStorage({ settings, onChange }: { settings?: SettingsShape; onChange(s: SettingsShape): void }) {
  const info = useSession((s) => s.appInfo?.secureStorage);
  const [confirming, setConfirming] = useState(false);
  const [state, run] = useAction();
  const weakOnly = !!info && (!info.available || !!info.weak);

  const setWeak = (allow: boolean) =>
    run(allow ? 'Allowing weaker storage…' : 'Turning weaker storage off…', async () => {
      try {
        const next = await triage.updateSettings({ allowWeakStorage: allow });
        onChange(next);
        // what protects the keys now follows from the new setting
        useSession.setState({ appInfo: await triage.appInfo() });
        setConfirming(false);
        return { phase: 'ok', message: allow ? 'Weaker storage allowed. You can connect now.' : 'Weaker storage is off.' };
      } catch (err) {
        return { phase: 'error', message: errorInfo(err).message };
      }
    });

  return (
    <section className="card" aria-labelledby="storage-title">
      <h2 id="storage-title">Where your keys are kept</h2>
      {!info ? (
        <p>Checking…</p>
      ) : info.available && !info.weak ? (
        <p data-testid="secure-storage">
          API keys are encrypted with your system’s secure storage
          {info.backend ? (
            <>
              {' '}
              (<strong>{info.backend}</strong>)
            </>
          ) : null}
          . Only your user account on this computer can read them.
        </p>
      ) : (
        <div data-testid="secure-storage">
          <p className="warning-text">
            {info.available
              ? `This computer only offers weak key storage (${info.backend ?? 'basic text'}): keys are obfuscated, not truly encrypted.`
              : `This computer has no secure storage for keys${info.reason ? `: ${info.reason}` : '.'}`}
          </p>
          <p>Best fix: install and unlock a keyring (on Linux: GNOME Keyring or KWallet), then restart Triage Desk.</p>
        </div>
      )}
      {weakOnly && settings && (
        <div className="weak-optin">
          {settings.allowWeakStorage ? (
            <>
              <p>
                <strong>Weaker storage is allowed.</strong> Keys are kept with obfuscation only.
              </p>
              <button type="button" onClick={() => void setWeak(false)}>
                Stop allowing weaker storage
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>
              Allow weaker storage…
            </button>
          )}
        </div>
      )}
      <ActionStatus state={state} />
      <Dialog
        open={confirming}
        tone="danger"
        title="Allow weaker key storage?"
        onClose={() => setConfirming(false)}
        actions={
          <>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep it off
            </button>
            <button type="button" className="danger" onClick={() => void setWeak(true)}>
              I understand, allow it
            </button>
          </>
        }
      >
        <p>
          Without a keyring, Triage Desk can only obfuscate your API keys. Anyone or any program that can read your files could recover
          them, and a Freshdesk key does not expire on its own: it works until you reset it in Freshdesk.
        </p>
        <p>Only allow this on a computer that nobody else uses.</p>
      </Dialog>
    </section>
  );
}

function ClaudeKey() {
  const [configured, setConfigured] = useState<boolean>();
  const [key, setKey] = useState('');
  const [state, run] = useAction();
  const id = useId();

  useEffect(() => {
    triage.chatApiKeyStatus().then(
      (s) => setConfigured(s.configured),
      () => setConfigured(undefined),
    );
  }, []);

  return (
    <section className="card" aria-labelledby="claude-title">
      <h2 id="claude-title">Claude (Anthropic API key)</h2>
      <p data-testid="claude-key-status">
        {configured === undefined
          ? 'Checking…'
          : configured
            ? 'A key is set. It is stored encrypted and never shown again.'
            : 'No key set yet: the chat needs one.'}
      </p>
      <form
        className="with-button"
        onSubmit={(e) => {
          e.preventDefault();
          void run('Saving the key…', async () => {
            if (!key.trim()) return { phase: 'error', message: 'Paste your Anthropic API key first.' };
            try {
              const s = await triage.chatSetApiKey({ key: key.trim() });
              setKey('');
              setConfigured(s.configured);
              return { phase: 'ok', message: 'Key saved. Use "Test key" to check it.' };
            } catch (err) {
              return { phase: 'error', message: errorInfo(err).message };
            }
          });
        }}
      >
        <label htmlFor={id} className="sr-only">
          Anthropic API key
        </label>
        <input
          id={id}
          type="password"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          placeholder={configured ? 'Paste a new key to replace it' : 'sk-ant-…'}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="primary" disabled={state.phase === 'running'}>
          Save key
        </button>
      </form>
      <div className="row-actions">
        <button
          type="button"
          disabled={!configured || state.phase === 'running'}
          onClick={() =>
            void run('Testing the key with Anthropic…', async () => {
              try {
                const r = await triage.chatTestApiKey();
                return { phase: r.ok ? 'ok' : 'error', message: r.message };
              } catch (err) {
                return { phase: 'error', message: errorInfo(err).message };
              }
            })
          }
        >
          Test key
        </button>
        <button
          type="button"
          className="danger-link"
          disabled={!configured || state.phase === 'running'}
          onClick={() =>
            void run('Removing the key…', async () => {
              try {
                const s = await triage.chatSetApiKey({ key: null });
                setConfigured(s.configured);
                return { phase: 'ok', message: 'Key removed from this computer.' };
              } catch (err) {
                return { phase: 'error', message: errorInfo(err).message };
              }
            })
          }
        >
          Remove key
        </button>
      </div>
      <ActionStatus state={state} />
    </section>
  );
}

function ModelAndApprovals({ settings, onChange }: { settings: SettingsShape; onChange(s: SettingsShape): void }) {
  const tools = useSession((s) => s.tools);
  const [model, setModel] = useState(settings.model);
  const [state, run] = useAction();
  const [approvalState, runApproval] = useAction();
  const modelId = useId();
  const writeTools = (tools.length ? tools.filter((t) => t.effect !== 'read').map((t) => t.name) : Object.keys(TOOL_LABELS)).sort();

  const toggle = (name: string, on: boolean) =>
    runApproval('Saving…', async () => {
      const next = on ? [...settings.autoApproveTools, name] : settings.autoApproveTools.filter((n) => n !== name);
      // the box follows the click at once; main's answer (or the old value on failure) settles it
      onChange({ ...settings, autoApproveTools: next });
      try {
        onChange(await triage.updateSettings({ autoApproveTools: next }));
        return {
          phase: 'ok',
          message: on
            ? `Claude may ${TOOL_LABELS[name]?.toLowerCase() ?? name} without asking.`
            : `Claude will ask before: ${TOOL_LABELS[name] ?? name}.`,
        };
      } catch (err) {
        onChange(settings);
        return { phase: 'error', message: errorInfo(err).message };
      }
    });

  return (
    <>
      <section className="card" aria-labelledby="model-title">
        <h2 id="model-title">Model</h2>
        <form
          className="with-button"
          onSubmit={(e) => {
            e.preventDefault();
            void run('Saving…', async () => {
              try {
                onChange(await triage.updateSettings({ model: model.trim() }));
                return { phase: 'ok', message: `Claude model set to ${model.trim()}.` };
              } catch (err) {
                return { phase: 'error', message: errorInfo(err).message };
              }
            });
          }}
        >
          <label htmlFor={modelId}>Claude model</label>
          <input id={modelId} value={model} onChange={(e) => setModel(e.target.value)} spellCheck={false} />
          <button type="submit">Save model</button>
        </form>
        <ActionStatus state={state} />
      </section>
      <section className="card" aria-labelledby="approve-title">
        <h2 id="approve-title">What Claude may do without asking</h2>
        <p className="hint">
          Claude always reads freely. Changes wait for your approval unless allowed here (you can also allow them per chat).
        </p>
        <fieldset className="field">
          <legend className="sr-only">Write tools allowed without asking</legend>
          {writeTools.map((name) => {
            const never = settings.neverAutoApproved.includes(name);
            return (
              <label key={name} className="choice">
                <input
                  type="checkbox"
                  checked={!never && settings.autoApproveTools.includes(name)}
                  disabled={never || approvalState.phase === 'running'}
                  onChange={(e) => void toggle(name, e.target.checked)}
                />
                <span>
                  {TOOL_LABELS[name] ?? name}
                  {never && <em> — always asks (customer-visible, or grants or removes access)</em>}
                </span>
              </label>
            );
          })}
        </fieldset>
        <ActionStatus state={approvalState} />
      </section>
    </>
  );
}

function ProfilesSection() {
  const profiles = useSession((s) => s.profiles);
  return (
    <section className="card" aria-labelledby="forget-title">
      <h2 id="forget-title">Profiles on this computer</h2>
      {profiles.length === 0 && <p>None yet.</p>}
      <ul className="plain-list">
        {profiles.map((p) => (
          <li key={p.identifier} className="row-actions">
            <span>
              {p.identifier} <span className={`badge status-${p.status.toLowerCase()}`}>{p.status}</span>
              {p.sandbox && <span className="badge badge-sample">Sample data</span>}
            </span>
            <ForgetProfile profile={p} />
          </li>
        ))}
      </ul>
    </section>
  );
}
