// A write Claude wants to make, waiting for the person. Shows exactly what will be sent:
// every recipient and the full body of a reply, a before/after diff of an update, the agent to
// delete (typed confirmation). The input can be edited as JSON (main checks it again with the
// tool's schema), approved, or rejected with a reason that goes back to Claude.
import { useId, useMemo, useState } from 'react';
import type { ApprovalPreview, PendingApproval } from '../../src-shared/contract/chat';
import { SafeHtml } from '../components/SafeHtml';
import { linksIn } from '../lib/sanitize';
import { triage } from '../lib/bridge';
import { errorText } from './errors';
import { moveDraftToComposer } from './events';
import { flagText, toolLabel } from './labels';
import { confirmationMatches } from '../../src-shared/confirm';

type Mode = 'view' | 'edit' | 'reject';

export interface ApprovalDecisionOut {
  approved: boolean;
  input?: unknown;
  reason?: string;
  confirmText?: string;
  allowForThread?: boolean;
}

/** `resolveWith`, `heading` and `allowScope` let another origin (an MCP client) reuse the card. */
export function ApprovalCard({
  approval,
  otherThread,
  resolveWith,
  heading,
  allowScope = 'this chat',
}: {
  approval: PendingApproval;
  otherThread?: boolean;
  resolveWith?: (decision: ApprovalDecisionOut) => Promise<unknown>;
  heading?: string;
  allowScope?: string;
}) {
  const ids = { json: useId(), reason: useId(), confirm: useId(), allow: useId() };
  const [mode, setMode] = useState<Mode>('view');
  const [json, setJson] = useState(() => JSON.stringify(approval.input, null, 2));
  const [reason, setReason] = useState('');
  const [confirmText, setConfirmText] = useState('');
  const [allow, setAllow] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [working, setWorking] = useState(false);
  const preview = approval.preview;
  const expected = preview.kind === 'agent_delete' ? preview.confirmText : undefined;
  const confirmOk = expected === undefined || confirmationMatches(expected, confirmText);

  async function resolve(decision: ApprovalDecisionOut) {
    setProblem(undefined);
    setWorking(true);
    try {
      if (resolveWith) await resolveWith(decision);
      else await triage.chatResolveApproval({ callId: approval.callId, ...decision });
    } catch (err) {
      // The approval stays waiting in main: show why and let the person fix it.
      setProblem(errorText(err));
      setWorking(false);
    }
  }

  function approve() {
    let input: unknown;
    if (mode === 'edit') {
      try {
        input = JSON.parse(json);
      } catch {
        setProblem('The edited input is not valid JSON. Fix it, or cancel the edit.');
        return;
      }
    }
    void resolve({
      approved: true,
      input,
      confirmText: expected !== undefined ? confirmText : undefined,
      allowForThread: approval.canAllowForThread && allow ? true : undefined,
    });
  }

  function sendToComposer() {
    if (preview.kind !== 'reply') return;
    moveDraftToComposer({ ticketId: preview.ticketId, body: preview.body, cc: preview.cc, bcc: preview.bcc });
    void resolve({
      approved: false,
      reason: 'The agent moved this reply into the reply composer to edit and send it themselves. It was not sent; do not send it again.',
    });
  }

  const danger = approval.effect === 'destructive' || preview.kind === 'agent_delete';
  return (
    <section
      className={`chat-approval ${danger ? 'chat-approval-danger' : ''}`}
      aria-label={`Approval needed: ${heading ?? toolLabel(approval.tool)}`}
      data-call-id={approval.callId}
    >
      <header>
        <strong>{heading ?? toolLabel(approval.tool)}</strong> <span className="chat-approval-tool">({approval.tool})</span>
        <span className="chat-approval-note">{otherThread ? ' — waiting in another chat' : ' — needs your approval'}</span>
      </header>

      {approval.flags.length > 0 && (
        // the alert wraps the list: role="alert" on the <ul> itself would take away its list role
        <div role="alert" aria-label="Warnings">
          <ul className="chat-flags">
            {approval.flags.map((f) => (
              <li key={f} data-flag={f}>
                {flagText(f)}
              </li>
            ))}
          </ul>
        </div>
      )}

      <PreviewView preview={preview} />

      {mode === 'edit' ? (
        <div className="chat-edit">
          <label htmlFor={ids.json}>Input (JSON) — edit, then approve</label>
          <textarea
            id={ids.json}
            value={json}
            onChange={(e) => setJson(e.target.value)}
            rows={Math.min(16, json.split('\n').length + 1)}
            spellCheck={false}
          />
        </div>
      ) : (
        <details className="chat-approval-input">
          <summary>Exact input</summary>
          <pre className="chat-json" tabIndex={0} aria-label="Exact input">
            {JSON.stringify(approval.input, null, 2)}
          </pre>
        </details>
      )}

      {expected !== undefined && (
        <div className="chat-confirm">
          <label htmlFor={ids.confirm}>
            Type <code>{expected}</code> to confirm
          </label>
          <input
            id={ids.confirm}
            value={confirmText}
            onChange={(e) => setConfirmText(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
      )}

      {mode === 'reject' && (
        <div className="chat-reject">
          <label htmlFor={ids.reason}>Why not? (Claude reads this)</label>
          <textarea id={ids.reason} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
        </div>
      )}

      {approval.canAllowForThread && mode !== 'reject' && (
        <p className="chat-allow">
          <input id={ids.allow} type="checkbox" checked={allow} onChange={(e) => setAllow(e.target.checked)} />{' '}
          <label htmlFor={ids.allow}>
            Allow {toolLabel(approval.tool).toLowerCase()} for the rest of {allowScope} without asking
          </label>
        </p>
      )}

      {problem && (
        <p className="chat-approval-problem" role="alert">
          {problem}
        </p>
      )}

      <div className="chat-approval-actions">
        {mode === 'reject' ? (
          <>
            <button type="button" onClick={() => setMode('view')} disabled={working}>
              Back
            </button>
            <button
              type="button"
              className="danger"
              disabled={working}
              onClick={() => void resolve({ approved: false, reason: reason.trim() || undefined })}
            >
              Reject
            </button>
          </>
        ) : (
          <>
            <button type="button" className={danger ? 'danger' : 'primary'} disabled={working || !confirmOk} onClick={approve}>
              {preview.kind === 'reply' ? 'Approve and send' : preview.kind === 'agent_delete' ? 'Delete agent' : 'Approve'}
              {mode === 'edit' ? ' (edited)' : ''}
            </button>
            {mode === 'edit' ? (
              <button
                type="button"
                disabled={working}
                onClick={() => {
                  setMode('view');
                  setJson(JSON.stringify(approval.input, null, 2));
                  setProblem(undefined);
                }}
              >
                Cancel edit
              </button>
            ) : preview.kind === 'agent_delete' ? null : (
              // The agent to delete cannot be changed here (main refuses it): no editor to mislead.
              <button type="button" disabled={working} onClick={() => setMode('edit')}>
                Edit input
              </button>
            )}
            {preview.kind === 'reply' && (
              <button type="button" disabled={working} onClick={sendToComposer}>
                Use as draft
              </button>
            )}
            <button type="button" disabled={working} onClick={() => setMode('reject')}>
              Reject…
            </button>
          </>
        )}
      </div>
    </section>
  );
}

/** Where each link of the reply goes, written out in full (the link text can say anything). */
function LinkList({ html }: { html: string }) {
  const links = useMemo(() => linksIn(html), [html]);
  if (links.length === 0) return null;
  return (
    <div className="chat-reply-links" role="group" aria-label="Links in this reply">
      <p>Links in this reply go to:</p>
      <ul>
        {links.map((l, i) => (
          <li key={i}>
            {l.text ? `“${l.text}” → ` : ''}
            <code>{l.href}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

function show(v: unknown): string {
  if (v === undefined) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function PreviewView({ preview }: { preview: ApprovalPreview }) {
  switch (preview.kind) {
    case 'reply':
      return (
        <div className="chat-preview chat-preview-reply">
          <dl className="chat-recipients" aria-label="Recipients">
            <dt>Ticket</dt>
            <dd>
              #{preview.ticketId}
              {preview.ticketSubject ? ` — ${preview.ticketSubject}` : ''}
            </dd>
            <dt>To</dt>
            <dd>{preview.requesterKnown ? preview.to.join(', ') : 'the ticket’s requester (Freshdesk did not tell us the address)'}</dd>
            {preview.cc.length > 0 && (
              <>
                <dt>Cc</dt>
                <dd>{preview.cc.join(', ')}</dd>
              </>
            )}
            {preview.bcc.length > 0 && (
              <>
                <dt>Bcc</dt>
                <dd>{preview.bcc.join(', ')}</dd>
              </>
            )}
            {preview.fromEmail && (
              <>
                <dt>From</dt>
                <dd>{preview.fromEmail}</dd>
              </>
            )}
          </dl>
          <div className="chat-reply-body" tabIndex={0} role="region" aria-label="Reply body">
            <SafeHtml html={preview.body} />
          </div>
          <LinkList html={preview.body} />
        </div>
      );
    case 'update':
      return (
        <div className="chat-preview chat-preview-update">
          <p>
            Ticket #{preview.ticketId}
            {preview.currentKnown ? '' : ' (the current values could not be read)'}
          </p>
          {preview.changes.length === 0 ? (
            <p>Nothing would change.</p>
          ) : (
            <table className="chat-diff">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Now</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {preview.changes.map((c) => (
                  <tr key={c.field}>
                    <th scope="row">{c.field}</th>
                    <td className="chat-diff-before">{show(c.before)}</td>
                    <td className="chat-diff-after">{show(c.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      );
    case 'agent_delete':
      return (
        <div className="chat-preview chat-preview-delete">
          <p>
            Delete agent <strong>{preview.agentName ?? `#${preview.agentId}`}</strong>
            {preview.agentEmail ? ` <${preview.agentEmail}>` : ' (Freshdesk did not tell us the address)'}. They become a contact; their
            tickets stay.
          </p>
        </div>
      );
    case 'generic':
      return <p className="chat-preview">{preview.summary}</p>;
  }
}
