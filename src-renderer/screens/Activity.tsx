// Activity: every write made as this profile, whoever asked (a click, the chat, a triage plan,
// an MCP client), newest first; filter by origin, tool and outcome; export CSV. Written by the
// core (docs/mcp.md, "The activity log").
import { useEffect, useId, useMemo, useState } from 'react';
import type { ActivityEntry } from '../../src-shared/contract/activity';
import { triage, errorInfo } from '../lib/bridge';
import { formatDateTime } from '../lib/format';
import { toCsv } from '../lib/csv';
import { toolLabel } from '../chat/labels';

const ORIGINS: Record<ActivityEntry['origin'], string> = {
  ui: 'You (form or panel)',
  chat: 'Chat',
  triage: 'Triage plan',
  mcp: 'MCP client',
};
const APPROVALS: Record<NonNullable<ActivityEntry['approval']>, string> = {
  clicked: 'clicked',
  typed_confirmation: 'typed confirmation',
  allowed_ahead: 'allowed ahead',
  plan_apply: 'plan apply',
};
const OUTCOMES: Record<ActivityEntry['outcome'], string> = {
  ok: 'done',
  error: 'failed',
  uncertain: 'uncertain',
  rejected: 'rejected',
  timed_out: 'timed out',
  cancelled: 'cancelled',
};

const who = (e: ActivityEntry) => (e.origin === 'mcp' && e.client ? e.client : ORIGINS[e.origin]);
const targets = (e: ActivityEntry) =>
  Object.entries(e.targets)
    .map(([k, v]) => `${k.replace(/_id$/, '')} #${v}`)
    .join(', ');

export default function Activity() {
  const [entries, setEntries] = useState<ActivityEntry[]>();
  const [problem, setProblem] = useState<string>();
  const [origin, setOrigin] = useState('');
  const [tool, setTool] = useState('');
  const [outcome, setOutcome] = useState('');
  const ids = { origin: useId(), tool: useId(), outcome: useId() };

  useEffect(() => {
    const load = () =>
      triage.activityList({ limit: 2000 }).then(
        (r) => setEntries(r.entries),
        (err) => setProblem(errorInfo(err).message),
      );
    void load();
    const off = triage.on('activity:recorded', () => void load());
    return off;
  }, []);

  const shown = useMemo(
    () =>
      (entries ?? []).filter((e) => (!origin || e.origin === origin) && (!tool || e.tool === tool) && (!outcome || e.outcome === outcome)),
    [entries, origin, tool, outcome],
  );
  const tools = useMemo(() => [...new Set((entries ?? []).map((e) => e.tool))].sort(), [entries]);

  function exportCsv() {
    const csv = toCsv(
      ['time', 'profile', 'origin', 'client', 'tool', 'targets', 'subject', 'approval', 'outcome', 'error', 'status', 'request id'],
      shown.map((e) => [
        e.at,
        e.profile,
        e.origin,
        e.client,
        e.tool,
        targets(e),
        e.subject,
        e.approval,
        e.outcome,
        e.errorKind,
        e.status,
        e.requestId,
      ]),
    );
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `triage-desk-activity-${new Date().toISOString().slice(0, 10)}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  return (
    <main className="page activity" aria-labelledby="activity-title">
      <h1 id="activity-title">Activity</h1>
      <p>Every change made in Freshdesk as this profile, whoever asked for it. Kept on this computer only.</p>
      {problem && (
        <p className="inline-error" role="alert">
          {problem}
        </p>
      )}
      <div className="activity-filters">
        <label htmlFor={ids.origin}>Who</label>
        <select id={ids.origin} value={origin} onChange={(e) => setOrigin(e.target.value)}>
          <option value="">Everyone</option>
          {Object.entries(ORIGINS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <label htmlFor={ids.tool}>Action</label>
        <select id={ids.tool} value={tool} onChange={(e) => setTool(e.target.value)}>
          <option value="">All actions</option>
          {tools.map((t) => (
            <option key={t} value={t}>
              {toolLabel(t)}
            </option>
          ))}
        </select>
        <label htmlFor={ids.outcome}>Outcome</label>
        <select id={ids.outcome} value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          <option value="">All outcomes</option>
          {Object.entries(OUTCOMES).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <button type="button" onClick={exportCsv} disabled={shown.length === 0}>
          Export CSV
        </button>
      </div>
      {entries === undefined ? (
        <p role="status">Loading…</p>
      ) : shown.length === 0 ? (
        <p>{entries.length === 0 ? 'Nothing has been changed yet.' : 'Nothing matches these filters.'}</p>
      ) : (
        <table className="activity-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">On</th>
              <th scope="col">Approved by</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.id} data-outcome={e.outcome} data-origin={e.origin}>
                <td>{formatDateTime(e.at)}</td>
                <td>{who(e)}</td>
                <td>{toolLabel(e.tool)}</td>
                <td>
                  {targets(e)}
                  {e.subject ? <span className="activity-subject"> — {e.subject}</span> : null}
                </td>
                <td>{e.approval ? APPROVALS[e.approval] : '—'}</td>
                <td className={`activity-outcome activity-${e.outcome}`}>
                  {OUTCOMES[e.outcome]}
                  {e.verified ? ' (confirmed by a read)' : ''}
                  {e.errorKind ? ` (${e.errorKind.replace(/_/g, ' ')}${e.status ? `, HTTP ${e.status}` : ''})` : ''}
                  {e.requestId ? (
                    <span className="activity-request" title="Freshdesk request id">
                      {' '}
                      {e.requestId.slice(0, 8)}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
