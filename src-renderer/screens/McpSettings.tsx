// Settings → MCP: the local MCP server for Claude Code, Claude Desktop and other agents. Off by
// default. Shows the endpoint, the setup lines (token masked; Copy puts the real line on the
// clipboard from main), connected clients, and rotates the token (docs/mcp.md).
import { useEffect, useId, useState } from 'react';
import type { McpView } from '../../src-shared/contract/mcp';
import { ActionStatus, useAction } from '../components/ActionStatus';
import { errorInfo, triage } from '../lib/bridge';
import { formatDateTime } from '../lib/format';
import { useSession } from '../state/session';

export function McpSettings() {
  const [view, setView] = useState<McpView>();
  const [port, setPort] = useState('');
  /** the person's click, shown at once while main starts or stops the server */
  const [wanted, setWanted] = useState<boolean>();
  const [state, run] = useAction();
  const profiles = useSession((s) => s.profiles);
  const ids = { toggle: useId(), port: useId(), profile: useId() };

  useEffect(() => {
    const load = () =>
      triage.mcpStatus().then(
        (v) => {
          setView(v);
          setPort((p) => p || (v.port ? String(v.port) : ''));
        },
        () => undefined,
      );
    void load();
    // clients come and go: look again while the screen is open
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, []);

  const act = (label: string, done: string, f: () => Promise<McpView>) =>
    run(label, async () => {
      try {
        setView(await f());
        return { phase: 'ok', message: done };
      } catch (err) {
        return { phase: 'error', message: errorInfo(err).message };
      }
    });

  const copy = (what: 'claude-code' | 'claude-desktop') =>
    run('Copying…', async () => {
      try {
        const r = await triage.mcpCopy({ what });
        return r.copied
          ? { phase: 'ok', message: 'Copied, with the token. Paste it where it goes; do not share it.' }
          : { phase: 'error', message: 'There is no clipboard here.' };
      } catch (err) {
        return { phase: 'error', message: errorInfo(err).message };
      }
    });

  return (
    <section className="card mcp-settings" aria-labelledby="mcp-title">
      <h2 id="mcp-title">MCP: Triage Desk’s tools in Claude Code and Claude Desktop</h2>
      <p>
        Other agents can use the same ten Freshdesk tools through a local MCP server. Your Freshdesk key stays in Triage Desk, calls share
        its rate-limit pacing, and every write waits for your approval in this window.
      </p>
      <p className="mcp-toggle">
        <input
          id={ids.toggle}
          type="checkbox"
          checked={wanted ?? view?.enabled ?? false}
          disabled={!view || wanted !== undefined}
          onChange={(e) => {
            const on = e.target.checked;
            setWanted(on);
            void act(
              on ? 'Starting the MCP server…' : 'Stopping the MCP server…',
              on ? 'The MCP server is on.' : 'The MCP server is off.',
              () => triage.mcpConfigure({ enabled: on }),
            ).finally(() => setWanted(undefined));
          }}
        />{' '}
        <label htmlFor={ids.toggle}>Let MCP clients on this computer use Triage Desk</label>
      </p>
      {view?.enabled && (
        <>
          <dl className="facts">
            <dt>Endpoint</dt>
            <dd data-testid="mcp-endpoint">{view.running ? <code>{view.url}</code> : 'not running'}</dd>
            <dt>
              <label htmlFor={ids.profile}>Acts as</label>
            </dt>
            <dd>
              <select
                id={ids.profile}
                value={view.profile ?? ''}
                onChange={(e) =>
                  void act('Switching profile…', `MCP calls now act as ${e.target.value}.`, () =>
                    triage.mcpConfigure({ profile: e.target.value }),
                  )
                }
              >
                {profiles.map((p) => (
                  <option key={p.identifier} value={p.identifier}>
                    {p.identifier}
                  </option>
                ))}
              </select>
            </dd>
            <dt>
              <label htmlFor={ids.port}>Port</label>
            </dt>
            <dd>
              <form
                className="with-button"
                onSubmit={(e) => {
                  e.preventDefault();
                  const n = port.trim() ? Number(port) : null;
                  void act('Restarting on the new port…', n ? `Listening on port ${n}.` : 'Listening on a random free port.', () =>
                    triage.mcpConfigure({ port: n }),
                  );
                }}
              >
                <input
                  id={ids.port}
                  inputMode="numeric"
                  placeholder="random"
                  value={port}
                  onChange={(e) => setPort(e.target.value)}
                  size={8}
                />
                <button type="submit">Use port</button>
              </form>
            </dd>
          </dl>

          {view.claudeCode && (
            <div className="mcp-setup">
              <h3>Claude Code</h3>
              <pre className="mcp-line" aria-label="Claude Code command">
                {view.claudeCode}
              </pre>
              <button type="button" onClick={() => void copy('claude-code')}>
                Copy command with token
              </button>
              <h3>Claude Desktop</h3>
              <p>Add this to claude_desktop_config.json (Settings → Developer → Edit Config), then restart Claude Desktop:</p>
              <pre className="mcp-line" aria-label="Claude Desktop configuration">
                {view.claudeDesktop}
              </pre>
              <button type="button" onClick={() => void copy('claude-desktop')}>
                Copy configuration
              </button>
            </div>
          )}

          <h3>Connected clients</h3>
          {view.clients.length === 0 ? (
            <p data-testid="mcp-clients">None yet.</p>
          ) : (
            <ul data-testid="mcp-clients" className="mcp-clients">
              {view.clients.map((c, i) => (
                <li key={`${c.name}-${i}`}>
                  <strong>{c.name}</strong> — last seen {formatDateTime(c.lastSeen)}
                </li>
              ))}
            </ul>
          )}
          <p>
            <button
              type="button"
              onClick={() =>
                void act('Making a new token…', 'New token made: connected clients must be set up again with it.', () =>
                  triage.mcpRotateToken(),
                )
              }
            >
              Rotate token
            </button>
          </p>
        </>
      )}
      <ActionStatus state={state} />
    </section>
  );
}
