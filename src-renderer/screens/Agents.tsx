// Agents (administrators): list with state filter and e-mail search, add an agent with roles
// picked from the helpdesk's roles, delete with a typed confirmation.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { ActionStatus, useAction } from '../components/ActionStatus';
import { Dialog } from '../components/Dialog';
import { OtherFieldErrors, SelectField, TextField } from '../components/Field';
import { describeToolError, Unavailable, useToolAvailability } from '../components/Unavailable';
import { isEmail } from '../../src-shared/email';
import { formatRelative } from '../lib/format';
import { AGENT_TYPES, asArray, scopeLabel, TICKET_SCOPES, type AgentRow, type Role } from '../lib/freshdesk';
import { useToolForm, type FieldErrors } from '../lib/toolForm';
import { activeProfileOf, roleNameOf, useSession } from '../state/session';
import type { ToolResultOf } from '../../src-shared/tools/io';

type StateFilter = '' | 'fulltime' | 'occasional';

export default function Agents() {
  const runTool = useSession((s) => s.runTool);
  const profile = useSession(activeProfileOf);
  const role = roleNameOf(profile);
  const list = useToolAvailability('freshdesk_agents_list');
  const create = useToolAvailability('freshdesk_agent_create');
  const del = useToolAvailability('freshdesk_agent_delete');
  const [stateFilter, setStateFilter] = useState<StateFilter>('');
  const [emailDraft, setEmailDraft] = useState('');
  const [email, setEmail] = useState('');
  const [agents, setAgents] = useState<AgentRow[]>([]);
  const [nextPage, setNextPage] = useState<number>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [adding, setAdding] = useState(false);
  const [toDelete, setToDelete] = useState<AgentRow>();
  const [notice, , setNotice] = useAction();
  const ids = { state: useId(), email: useId() };

  const fetchPage = useCallback(
    (page: number) => {
      return runTool('freshdesk_agents_list', {
        page,
        per_page: 50,
        ...(stateFilter ? { state: stateFilter } : {}),
        ...(email ? { email } : {}),
      });
    },
    [runTool, stateFilter, email],
  );
  const apply = useCallback(
    (r: ToolResultOf<'freshdesk_agents_list'>, page: number) => {
      setLoading(false);
      if (!r.ok) {
        setError(describeToolError(r.error, role));
        return;
      }
      setError(undefined);
      const rows = asArray(r.data);
      setAgents((old) => (page === 1 ? rows : [...old, ...rows.filter((a) => !old.some((o) => o.id === a.id))]));
      setNextPage(r.meta.nextPage);
    },
    [role],
  );
  const load = useCallback(
    async (page = 1) => {
      setLoading(true);
      apply(await fetchPage(page), page);
    },
    [fetchPage, apply],
  );

  // the first page again whenever the filter or the search changes
  useEffect(() => {
    if (!list.available) return;
    let stale = false;
    void fetchPage(1).then((r) => !stale && apply(r, 1));
    return () => {
      stale = true;
    };
  }, [fetchPage, apply, list.available]);

  if (!list.available) return <Unavailable what="Managing agents" reason={list.reason} />;
  return (
    <main className="page" aria-labelledby="agents-title">
      <div className="page-head">
        <h1 id="agents-title">Agents</h1>
        {create.available && (
          <button type="button" className="primary" aria-expanded={adding} onClick={() => setAdding((v) => !v)}>
            {adding ? 'Close the form' : 'Add agent'}
          </button>
        )}
      </div>
      {adding && (
        <AddAgent
          onCreated={(a) => {
            setAdding(false);
            setNotice({ phase: 'ok', message: `Agent ${a.contact.name ?? a.contact.email} added. Freshdesk e-mails them an invitation.` });
            void load(1);
          }}
        />
      )}
      <ActionStatus state={notice} />
      <div className="toolbar">
        <div className="field inline">
          <label htmlFor={ids.state}>Show</label>
          <select id={ids.state} value={stateFilter} onChange={(e) => setStateFilter(e.target.value as StateFilter)}>
            <option value="">All agents</option>
            <option value="fulltime">Full-time</option>
            <option value="occasional">Occasional</option>
          </select>
        </div>
        <form
          className="field inline"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setEmail(emailDraft.trim());
          }}
        >
          <label htmlFor={ids.email}>E-mail</label>
          <input
            id={ids.email}
            type="search"
            value={emailDraft}
            onChange={(e) => setEmailDraft(e.target.value)}
            placeholder="exact address"
          />
          <button type="submit">Search</button>
        </form>
      </div>
      {error && (
        <div className="inline-error" role="alert" data-testid="agents-error">
          {error}
        </div>
      )}
      <table className="data-table" aria-busy={loading}>
        <caption className="sr-only">Agents</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Type</th>
            <th scope="col">Ticket scope</th>
            <th scope="col">Last active</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <tr key={a.id} data-testid="agent-row">
              <td>{a.contact.name ?? '—'}</td>
              <td>{a.contact.email ?? '—'}</td>
              <td>{a.occasional ? 'Occasional' : 'Full-time'}</td>
              <td>{scopeLabel(a.ticket_scope)}</td>
              <td>{a.last_active_at ? formatRelative(a.last_active_at) : '—'}</td>
              <td>
                {del.available && a.id !== profile?.agent?.id && (
                  <button type="button" className="danger-link" onClick={() => setToDelete(a)}>
                    Delete {a.contact.name ?? a.contact.email}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status" className="hint">
        {loading ? 'Loading agents…' : `${agents.length} agent${agents.length === 1 ? '' : 's'} shown`}
      </p>
      {nextPage && (
        <button type="button" onClick={() => void load(nextPage)} disabled={loading}>
          Load more
        </button>
      )}
      {toDelete && (
        <DeleteAgent
          agent={toDelete}
          onClose={() => setToDelete(undefined)}
          onDeleted={() => {
            setNotice({ phase: 'ok', message: `${toDelete.contact.email} is no longer an agent; they are now a contact.` });
            setAgents((old) => old.filter((a) => a.id !== toDelete.id));
            setToDelete(undefined);
          }}
        />
      )}
    </main>
  );
}

function AddAgent({ onCreated }: { onCreated(a: AgentRow): void }) {
  const runTool = useSession((s) => s.runTool);
  const role = useSession((s) => roleNameOf(activeProfileOf(s)));
  const rolesTool = useToolAvailability('freshdesk_roles_list');
  const [roles, setRoles] = useState<Role[]>([]);
  const [rolesError, setRolesError] = useState<string>();
  const [f, setF] = useState({ email: '', name: '', scope: '1', agentType: '1', occasional: false, roleIds: [] as number[] });
  const [state, run] = useAction();
  const form = useToolForm('freshdesk_agent_create');
  const groupId = useId();

  useEffect(() => {
    if (!rolesTool.available) return;
    void runTool('freshdesk_roles_list', {}).then((r) => {
      if (r.ok) setRoles(asArray(r.data));
      else setRolesError(r.error.message);
    });
  }, [runTool, rolesTool.available]);

  function input(): Record<string, unknown> {
    // occasional is sent explicitly: Freshdesk makes a new agent occasional unless told otherwise
    return {
      email: f.email.trim(),
      name: f.name.trim(),
      ticket_scope: Number(f.scope),
      role_ids: f.roleIds,
      agent_type: Number(f.agentType),
      occasional: f.occasional,
    };
  }
  function local(): FieldErrors {
    const e: FieldErrors = {};
    if (!isEmail(f.email.trim())) e.email = 'Enter the new agent’s e-mail address.';
    if (!f.name.trim()) e.name = 'Enter the agent’s name.';
    if (f.roleIds.length === 0) e.role_ids = 'Pick at least one role.';
    return e;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    await form.send(run, 'Adding the agent…', input(), local(), (r) => {
      if (r.ok) {
        onCreated(r.data);
        return { phase: 'ok', message: 'Agent added.' };
      }
      if (r.error.kind === 'conflict') {
        return { phase: 'error', message: `${f.email} is already an agent${r.error.existingId ? ` (#${r.error.existingId})` : ''}.` };
      }
      return { phase: 'error', message: describeToolError(r.error, role) };
    });
  }

  const set = (k: 'email' | 'name' | 'scope' | 'agentType') => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  return (
    <form className="form card add-agent" onSubmit={submit} noValidate aria-label="Add agent">
      <h2>Add agent</h2>
      <div className="two-col">
        <TextField
          label="E-mail"
          type="email"
          required
          value={f.email}
          onChange={set('email')}
          onBlur={() => form.touch('email', input(), local())}
          error={form.errors.email}
          autoComplete="off"
        />
        <TextField
          label="Name"
          required
          value={f.name}
          onChange={set('name')}
          onBlur={() => form.touch('name', input(), local())}
          error={form.errors.name}
        />
      </div>
      <fieldset className="field">
        <legend>Ticket scope</legend>
        {TICKET_SCOPES.map((s) => (
          <label key={s.value} className="choice">
            <input type="radio" name="ticket_scope" value={s.value} checked={f.scope === String(s.value)} onChange={set('scope')} />
            <span>
              <strong>{s.label}</strong> — {s.help}
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset className="field" aria-describedby={form.errors.role_ids ? `${groupId}-err` : undefined}>
        <legend>Roles</legend>
        {!rolesTool.available && <p className="hint">{rolesTool.reason ?? 'Your role cannot list roles.'}</p>}
        {rolesError && <p className="field-error">{rolesError}</p>}
        {roles.map((r) => (
          <label key={r.id} className="choice">
            <input
              type="checkbox"
              checked={f.roleIds.includes(r.id)}
              onChange={(e) => setF({ ...f, roleIds: e.target.checked ? [...f.roleIds, r.id] : f.roleIds.filter((x) => x !== r.id) })}
            />
            <span>
              <strong>{r.name}</strong>
              {r.description && <> — {r.description}</>}
            </span>
          </label>
        ))}
        {form.errors.role_ids && (
          <div id={`${groupId}-err`} className="field-error" data-testid="field-error">
            {form.errors.role_ids}
          </div>
        )}
      </fieldset>
      <div className="two-col">
        <SelectField label="Agent type" value={f.agentType} onChange={set('agentType')} error={form.errors.agent_type}>
          {AGENT_TYPES.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </SelectField>
        <label className="choice">
          <input type="checkbox" checked={f.occasional} onChange={(e) => setF({ ...f, occasional: e.target.checked })} />
          <span>Occasional agent (uses a day pass instead of a seat). Leave unchecked for a full-time agent.</span>
        </label>
      </div>
      <OtherFieldErrors errors={form.errors} shown={['email', 'name', 'role_ids', 'agent_type']} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={state.phase === 'running'}>
          Add agent
        </button>
      </div>
      <ActionStatus state={state} />
    </form>
  );
}

function DeleteAgent({ agent, onClose, onDeleted }: { agent: AgentRow; onClose(): void; onDeleted(): void }) {
  const runTool = useSession((s) => s.runTool);
  const role = useSession((s) => roleNameOf(activeProfileOf(s)));
  const [typed, setTyped] = useState('');
  const [state, run] = useAction();
  const id = useId();
  const email = agent.contact.email ?? '';
  const matches = email !== '' && typed.trim().toLowerCase() === email.toLowerCase();
  return (
    <Dialog
      open
      tone="danger"
      title={`Delete agent ${agent.contact.name ?? email}?`}
      onClose={onClose}
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="danger"
            disabled={!matches || state.phase === 'running'}
            onClick={() =>
              run('Deleting the agent…', async () => {
                const r = await runTool('freshdesk_agent_delete', { agent_id: agent.id });
                if (r.ok) {
                  onDeleted();
                  return { phase: 'ok', message: 'Agent deleted.' };
                }
                return { phase: 'error', message: describeToolError(r.error, role) };
              })
            }
          >
            Delete agent
          </button>
        </>
      }
    >
      <p>
        <strong>This cannot be undone.</strong> {agent.contact.name ?? email} stops being an agent: Freshdesk turns them into a contact,
        they lose access to the helpdesk, and their API key stops working.
      </p>
      <div className="field">
        <label htmlFor={id}>
          Type <strong>{email}</strong> to confirm
        </label>
        <input id={id} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
      </div>
      <ActionStatus state={state} />
    </Dialog>
  );
}
