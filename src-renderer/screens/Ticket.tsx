// One ticket in one call (conversations, requester, company, stats embedded): the thread with
// public replies and private notes told apart, a properties panel, stats and SLA, the composer.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { ActionStatus, useAction } from '../components/ActionStatus';
import { OtherFieldErrors } from '../components/Field';
import { TicketFieldPickers } from '../components/TicketFieldPickers';
import { SafeHtml } from '../components/SafeHtml';
import { describeToolError, useToolAvailability } from '../components/Unavailable';
import { useFieldChoices } from '../lib/fieldChoices';
import { useToolForm } from '../lib/toolForm';
import { keptFor, useLookups } from '../state/lookups';
import { formatDateTime, formatRelative } from '../lib/format';
import {
  asArray,
  isOverdue,
  STATUS_LABELS,
  statusLabel,
  priorityLabel,
  type AgentRow,
  type Conversation,
  type Ticket,
} from '../lib/freshdesk';
import { activeProfileOf, roleNameOf, useSession } from '../state/session';
import type { ToolResultOf } from '../../src-shared/tools/io';
import { ReplyComposer } from './ReplyComposer';
import { askClaude } from '../chat/events';

export function TicketView({ ticketId }: { ticketId: number }) {
  const runTool = useSession((s) => s.runTool);
  const role = useSession((s) => roleNameOf(activeProfileOf(s)));
  const openTicket = useSession((s) => s.openTicket);
  const [ticket, setTicket] = useState<Ticket>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);

  const apply = useCallback(
    (r: ToolResultOf<'freshdesk_ticket_get'>) => {
      setLoading(false);
      if (r.ok) {
        setTicket(r.data);
        setError(undefined);
      } else setError(describeToolError(r.error, role));
    },
    [role],
  );
  const fetchTicket = useCallback(
    () => runTool('freshdesk_ticket_get', { ticket_id: ticketId, include: 'conversations,requester,company,stats' }),
    [runTool, ticketId],
  );
  /** after a send or "Try again": the same single call */
  const load = useCallback(async () => {
    setLoading(true);
    apply(await fetchTicket());
  }, [apply, fetchTicket]);

  useEffect(() => {
    let stale = false;
    void fetchTicket().then((r) => !stale && apply(r));
    return () => {
      stale = true;
    };
  }, [fetchTicket, apply]);

  const titleId = useId();
  if (!ticket) {
    return (
      <section className="ticket-pane" aria-label={`Ticket ${ticketId}`} aria-busy={loading}>
        {loading ? (
          <p role="status">Loading ticket #{ticketId}…</p>
        ) : (
          <div className="inline-error" role="alert" data-testid="ticket-error">
            {error}{' '}
            <button type="button" onClick={() => void load()}>
              Try again
            </button>
          </div>
        )}
      </section>
    );
  }
  const conversations = ticket.conversations ?? [];
  return (
    <section className="ticket-pane" aria-labelledby={titleId} data-testid="ticket-view">
      <header className="ticket-head">
        <div className="ticket-title-row">
          <h1 id={titleId}>{ticket.subject || '(no subject)'}</h1>
          <div className="ticket-actions">
            <button type="button" onClick={() => askClaude({ ticketId: ticket.id })}>
              Ask Claude
            </button>
            <button type="button" className="icon-button" aria-label="Close ticket" onClick={() => openTicket(undefined)}>
              ×
            </button>
          </div>
        </div>
        <p className="ticket-sub">
          <span>#{ticket.id}</span>
          <span>
            from {ticket.requester?.name ?? 'unknown requester'}
            {ticket.requester?.email && <> &lt;{ticket.requester.email}&gt;</>}
          </span>
          {ticket.company && <span>{ticket.company.name}</span>}
          <span>opened {formatDateTime(ticket.created_at)}</span>
          {ticket.spam && <span className="badge badge-warn">Spam</span>}
          {ticket.deleted && <span className="badge badge-warn">Deleted</span>}
        </p>
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
      </header>
      <div className="ticket-body">
        <div className="thread" aria-label="Conversation">
          <article className="message message-customer" aria-label="Original request">
            <header className="message-head">
              <span className="message-kind">Original request</span>
              <span>{ticket.requester?.name ?? ticket.requester?.email ?? `requester #${ticket.requester_id}`}</span>
              <time dateTime={ticket.created_at}>{formatDateTime(ticket.created_at)}</time>
            </header>
            <SafeHtml html={ticket.description} className="message-body" />
          </article>
          {conversations.map((c) => (
            <ConversationItem key={c.id} c={c} requesterId={ticket.requester_id} />
          ))}
          {conversations.length >= 10 && (
            <p className="hint">Freshdesk sends the first 10 conversations with a ticket; open it in Freshdesk for older ones.</p>
          )}
          <ReplyComposer ticket={ticket} onSent={() => void load()} />
        </div>
        <TicketProperties
          ticket={ticket}
          onUpdated={(t) =>
            setTicket((old) => ({
              ...old,
              ...t,
              conversations: old?.conversations,
              requester: old?.requester,
              company: old?.company,
              stats: old?.stats,
            }))
          }
        />
      </div>
    </section>
  );
}

function ConversationItem({ c, requesterId }: { c: Conversation; requesterId: number }) {
  const kind = c.private ? 'Private note' : c.incoming || c.user_id === requesterId ? 'Customer reply' : 'Public reply';
  const cls = c.private ? 'message-note' : c.incoming || c.user_id === requesterId ? 'message-customer' : 'message-reply';
  return (
    <article className={`message ${cls}`} aria-label={`${kind}, ${formatDateTime(c.created_at)}`} data-testid="conversation">
      <header className="message-head">
        <span className="message-kind">{kind}</span>
        <span>{c.from_email ?? `user #${c.user_id}`}</span>
        <time dateTime={c.created_at}>{formatDateTime(c.created_at)}</time>
      </header>
      {c.private && <p className="note-hint">Only agents see this note.</p>}
      <SafeHtml html={c.body} className="message-body" />
    </article>
  );
}

const NO_AGENTS: AgentRow[] = [];

function TicketProperties({ ticket, onUpdated }: { ticket: Ticket; onUpdated(t: Ticket): void }) {
  const runTool = useSession((s) => s.runTool);
  const profile = useSession(activeProfileOf);
  const epoch = useSession((s) => s.epoch);
  const agentsTool = useToolAvailability('freshdesk_agents_list');
  const updateTool = useToolAvailability('freshdesk_ticket_update');
  const agents = useLookups((s) => keptFor(s.agents, epoch)) ?? NO_AGENTS;
  const keepAgents = useLookups((s) => s.setAgents);
  const choices = useFieldChoices();
  const [form, setForm] = useState(() => formOf(ticket));
  const update = useToolForm('freshdesk_ticket_update');
  const fieldErrors = update.errors;
  const [state, run] = useAction();

  // a fresh copy of the ticket (after a save) resets the form to what Freshdesk now says
  const [shown, setShown] = useState(ticket);
  if (shown !== ticket) {
    setShown(ticket);
    setForm(formOf(ticket));
  }
  useEffect(() => {
    if (!agentsTool.available || agents.length) return;
    let stale = false;
    void runTool('freshdesk_agents_list', { per_page: 100 }, 'background').then((r) => {
      if (stale || !r.ok) return;
      keepAgents(epoch, asArray(r.data));
    });
    return () => {
      stale = true;
    };
  }, [agentsTool.available, agents.length, runTool, epoch, keepAgents]);

  async function save(e: FormEvent) {
    e.preventDefault();
    const changes: Record<string, unknown> = {};
    const base = formOf(ticket);
    if (form.status !== base.status) changes.status = Number(form.status);
    if (form.priority !== base.priority) changes.priority = Number(form.priority);
    if (form.responder !== base.responder && form.responder) changes.responder_id = Number(form.responder);
    if (form.group !== base.group && form.group) changes.group_id = Number(form.group);
    if (form.type !== base.type && form.type) changes.type = form.type;
    if (form.tags !== base.tags) changes.tags = splitTags(form.tags);
    if (Object.keys(changes).length === 0) {
      await run('', async () => ({ phase: 'ok', message: 'Nothing changed.' }));
      return;
    }
    // the update tool's own rules (tools:validate) mark a bad group id or tag before anything is sent
    await update.send(run, 'Saving changes to Freshdesk…', { ticket_id: ticket.id, ...changes }, {}, (r) => {
      if (!r.ok) return { phase: 'error', message: describeToolError(r.error, roleNameOf(profile)) };
      onUpdated(r.data);
      return { phase: 'ok', message: `Ticket #${ticket.id} updated.` };
    });
  }

  const statusOptions = { ...STATUS_LABELS, ...(STATUS_LABELS[ticket.status] ? {} : { [ticket.status]: statusLabel(ticket.status) }) };
  const st = ticket.stats ?? {};
  const overdue = isOverdue(ticket);
  return (
    <aside className="properties" aria-label="Ticket properties">
      <form onSubmit={save} className="form compact" noValidate>
        <h2>Properties</h2>
        <TicketFieldPickers
          form={form}
          setForm={setForm}
          statusOptions={statusOptions}
          choices={choices}
          agents={
            agentsTool.available
              ? agents.map((a) => ({ id: a.id, name: a.contact.name ?? a.contact.email ?? `agent #${a.id}` }))
              : undefined
          }
          agentsUnavailable={
            agentsTool.available ? undefined : `${agentsTool.reason ?? 'Your role cannot list agents'}; enter an agent ID.`
          }
          hasGroup={Boolean(ticket.group_id)}
          errors={fieldErrors}
        />
        <OtherFieldErrors errors={fieldErrors} shown={['group_id', 'type', 'tags']} />
        <button type="submit" className="primary" disabled={state.phase === 'running' || !updateTool.available}>
          Save changes
        </button>
        {!updateTool.available && <div className="hint">{updateTool.reason}</div>}
        <ActionStatus state={state} />
      </form>
      <section className="stats" aria-label="SLA and stats">
        <div>
          <h2>SLA</h2>
          <dl className="facts">
            <dt>First response due</dt>
            <dd>{formatDateTime(ticket.fr_due_by)}</dd>
            <dt>Resolution due</dt>
            <dd className={overdue ? 'overdue' : undefined}>
              {formatDateTime(ticket.due_by)} {ticket.due_by && <>({overdue ? 'overdue' : formatRelative(ticket.due_by)})</>}
            </dd>
          </dl>
        </div>
        <div>
          <h2>Stats</h2>
          <dl className="facts">
            <dt>First response</dt>
            <dd>{formatDateTime(st.first_responded_at)}</dd>
            <dt>Resolved at</dt>
            <dd>{formatDateTime(st.resolved_at)}</dd>
            <dt>Closed at</dt>
            <dd>{formatDateTime(st.closed_at)}</dd>
            <dt>Status / priority</dt>
            <dd>
              {statusLabel(ticket.status)} / {priorityLabel(ticket.priority)}
            </dd>
          </dl>
        </div>
      </section>
    </aside>
  );
}

function formOf(t: Ticket) {
  return {
    status: String(t.status),
    priority: String(t.priority),
    responder: t.responder_id ? String(t.responder_id) : '',
    group: t.group_id ? String(t.group_id) : '',
    type: t.type ?? '',
    tags: (t.tags ?? []).join(', '),
  };
}

function splitTags(s: string): string[] {
  return s
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}
