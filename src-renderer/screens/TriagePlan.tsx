// The "Triage plan" screen: one row per ticket with only the changed fields (current → proposed),
// confidence, summary and the evidence highlighted in the ticket text. Keyboard first: j/k move,
// a accepts, x skips, e edits (the ticket panel's pickers), Shift+A accepts every high-confidence
// row, Enter opens the ticket. "Apply N changes" is the approval. How it works: docs/triage.md.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { TicketFieldPickers } from '../components/TicketFieldPickers';
import { SafeHtml } from '../components/SafeHtml';
import { useFieldChoices, type FieldChoices } from '../lib/fieldChoices';
import { formatDateTime } from '../lib/format';
import { PRIORITY_LABELS, STATUS_LABELS } from '../lib/freshdesk';
import { errorInfo, triage } from '../lib/bridge';
import { useSession } from '../state/session';
import { useTriage } from '../state/triage';
import { findTriageQuotes } from '../../src-shared/triage';
import type { TriageChanges, TriageCurrent, TriagePlan, TriageRow, TriageRowState } from '../../src-shared/contract/triage';
import './triage.css';

const STATE_LABELS: Record<TriageRowState, string> = {
  proposed: 'Proposed',
  accepted: 'Accepted',
  skipped: 'Skipped',
  applied: 'Applied',
  failed: 'Failed',
  held: 'Changed since proposed',
  invalid: 'Needs a look',
};

const FIELD_LABELS: Record<keyof TriageChanges, string> = {
  priority: 'Priority',
  status: 'Status',
  type: 'Type',
  group_id: 'Group',
  responder_id: 'Assignee',
  tags: 'Tags',
};

function isTypingTarget(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest('dialog[open]');
}

/** A field's value as a person reads it. */
function valueLabel(field: keyof TriageChanges, value: unknown, choices: FieldChoices | undefined): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '—';
  switch (field) {
    case 'priority':
      return PRIORITY_LABELS[value as number] ?? `Priority ${String(value)}`;
    case 'status':
      return STATUS_LABELS[value as number] ?? `Status ${String(value)}`;
    case 'group_id':
      return choices?.groups.find((g) => g.id === value)?.name ?? `group #${String(value)}`;
    case 'responder_id':
      return choices?.agents?.find((a) => a.id === value)?.name ?? `agent #${String(value)}`;
    case 'tags':
      return (value as string[]).join(', ');
    default:
      return String(value);
  }
}

/** The ticket text with each evidence quote marked, found exactly as main checks it (src-shared/triage). */
function Highlighted({ text, quotes }: { text: string; quotes: string[] }) {
  const parts = useMemo(() => {
    const out: { text: string; mark: boolean }[] = [];
    let at = 0;
    for (const [start, end] of findTriageQuotes(text, quotes)) {
      if (start > at) out.push({ text: text.slice(at, start), mark: false });
      out.push({ text: text.slice(start, end), mark: true });
      at = end;
    }
    if (at < text.length || out.length === 0) out.push({ text: text.slice(at), mark: false });
    return out;
  }, [text, quotes]);
  return <p className="triage-text">{parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</p>;
}

export default function TriagePlanScreen() {
  const { plan, busy, error, plans, planId, progress } = useTriage();
  useEffect(() => {
    if (!planId && !busy) void useTriage.getState().refreshList();
  }, [planId, busy]);

  return (
    <main className="triage-screen" aria-label="Triage plan">
      <h1>Triage plan</h1>
      {error && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
      {busy === 'start' && (
        <div className="triage-starting" role="status">
          <span>{progress?.message ?? 'Reading the tickets…'}</span>{' '}
          <button type="button" onClick={() => useTriage.getState().cancel()}>
            Stop
          </button>
        </div>
      )}
      {plan ? <PlanView plan={plan} /> : busy !== 'start' && <PlanList plans={plans} />}
    </main>
  );
}

function PlanList({ plans }: { plans: ReturnType<typeof useTriage.getState>['plans'] }) {
  if (plans.length === 0) {
    return <p>No triage plans yet. Open the queue and press “Triage” to let Claude propose for the tickets loaded there.</p>;
  }
  return (
    <section aria-label="Saved plans">
      <h2>Saved plans</h2>
      <ul className="triage-plans">
        {plans.map((p) => (
          <li key={p.id}>
            <button type="button" onClick={() => void useTriage.getState().open(p.id)}>
              Plan of {formatDateTime(p.createdAt)}
            </button>{' '}
            <span>
              {p.rowCount} tickets · {p.status === 'applied' ? 'applied' : p.status === 'applying' ? 'applying' : 'to review'}
              {Object.entries(p.counts)
                .map(([state, n]) => ` · ${n} ${STATE_LABELS[state as TriageRowState]?.toLowerCase() ?? state}`)
                .join('')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function PlanView({ plan }: { plan: TriagePlan }) {
  const { busy, progress, selected } = useTriage();
  const choices = useFieldChoices();
  const [editing, setEditing] = useState<number>();
  const rowRefs = useRef(new Map<number, HTMLElement>());
  const accepted = plan.rows.filter((r) => r.state === 'accepted').length;
  const counts = plan.rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.state]: (acc[r.state] ?? 0) + 1 }), {});
  const applying = busy === 'apply' || plan.status === 'applying';

  const move = (delta: number) => {
    const i = plan.rows.findIndex((r) => r.ticketId === selected);
    const next = plan.rows[Math.min(plan.rows.length - 1, Math.max(0, (i < 0 ? 0 : i) + delta))];
    if (next) useTriage.getState().select(next.ticketId);
  };
  const acceptHigh = async () => {
    for (const r of plan.rows) {
      if (r.confidence === 'high' && r.state === 'proposed') await useTriage.getState().decide(r.ticketId, 'accept');
    }
  };

  useEffect(() => {
    if (selected !== undefined) rowRefs.current.get(selected)?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target) || editing !== undefined) return;
      const row = plan.rows.find((r) => r.ticketId === selected);
      const t = useTriage.getState();
      if (e.key === 'j' || e.key === 'ArrowDown') move(1);
      else if (e.key === 'k' || e.key === 'ArrowUp') move(-1);
      else if (e.key === 'A' && e.shiftKey) void acceptHigh();
      else if (e.key === 'a' && row && !applying) void t.decide(row.ticketId, 'accept').then((ok) => ok && move(1));
      else if (e.key === 'x' && row && !applying) void t.decide(row.ticketId, 'skip').then((ok) => ok && move(1));
      else if (e.key === 'e' && row && !applying) setEditing(row.ticketId);
      else if (e.key === 'Enter' && row && !(e.target as HTMLElement | null)?.closest?.('button, summary, a, details')) {
        useSession.getState().go('queue');
        useSession.getState().openTicket(row.ticketId);
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const done = progress?.phase === 'apply' ? (progress.done ?? 0) : 0;
  const total = progress?.phase === 'apply' ? (progress.total ?? accepted) : accepted;
  return (
    <section aria-label="Plan" className="triage-plan">
      <div className="triage-head">
        <p>
          {plan.rows.length} tickets, proposed {formatDateTime(plan.createdAt)}.{' '}
          {Object.entries(counts)
            .map(([s, n]) => `${n} ${STATE_LABELS[s as TriageRowState].toLowerCase()}`)
            .join(' · ')}
        </p>
        <p className="hint">Keys: j / k move · a accept · x skip · e edit · Shift+A accept all high-confidence · Enter open the ticket</p>
        <div className="triage-actions">
          <button type="button" onClick={() => void acceptHigh()} disabled={applying}>
            Accept all high-confidence
          </button>
          <button type="button" className="primary" disabled={applying || accepted === 0} onClick={() => void useTriage.getState().apply()}>
            {accepted === 0 ? 'Nothing to apply' : `Apply ${accepted} change${accepted === 1 ? '' : 's'}`}
          </button>
          {applying && (
            <button type="button" onClick={() => useTriage.getState().cancel()}>
              Stop
            </button>
          )}
          <button type="button" onClick={() => void useTriage.getState().open(undefined)}>
            All plans
          </button>
        </div>
        {applying && (
          <div className="triage-progress" role="status">
            <progress max={Math.max(1, total)} value={done} aria-label="Applying the plan" /> Applying {done} of {total}…
          </div>
        )}
        {!applying && plan.status === 'applied' && (
          <div className="triage-progress" role="status">
            Applied. {counts.applied ?? 0} written{counts.held ? `, ${counts.held} held (changed since proposed)` : ''}
            {counts.failed ? `, ${counts.failed} failed` : ''}.
          </div>
        )}
      </div>
      <div className="triage-rows">
        {plan.rows.map((row) => (
          <RowView
            key={row.ticketId}
            row={row}
            choices={choices}
            selected={row.ticketId === selected}
            editing={editing === row.ticketId}
            locked={applying}
            onEdit={(on) => setEditing(on ? row.ticketId : undefined)}
            refCb={(el) => (el ? rowRefs.current.set(row.ticketId, el) : rowRefs.current.delete(row.ticketId))}
          />
        ))}
      </div>
    </section>
  );
}

function RowView(props: {
  row: TriageRow;
  choices: FieldChoices | undefined;
  selected: boolean;
  editing: boolean;
  locked: boolean;
  onEdit(on: boolean): void;
  refCb(el: HTMLElement | null): void;
}) {
  const { row, choices, selected, editing, locked, onEdit, refCb } = props;
  const fields = Object.keys(row.changes) as (keyof TriageChanges)[];
  const done = row.state === 'applied' || row.writeStartedAt !== undefined;
  const [draftNote, setDraftNote] = useState<string>();
  const saveDraft = async () => {
    try {
      await triage.saveDraft({ ticketId: row.ticketId, body: row.draftReply ?? '', cc: [], bcc: [] });
      setDraftNote("Saved as this ticket's draft. Send it from the ticket's composer.");
    } catch (err) {
      setDraftNote(errorInfo(err).message);
    }
  };
  return (
    <article
      ref={refCb}
      className={`triage-row state-${row.state}${selected ? ' selected' : ''}`}
      aria-label={`Ticket #${row.ticketId}: ${row.subject}`}
      aria-current={selected ? 'true' : undefined}
      data-testid="triage-row"
      data-state={row.state}
      onClick={() => useTriage.getState().select(row.ticketId)}
    >
      <header className="triage-row-head">
        <span className="triage-id">#{row.ticketId}</span>
        <strong className="triage-subject">{row.subject}</strong>
        {row.requester && <span className="triage-requester">{row.requester}</span>}
        <span className={`badge triage-state`} data-testid="row-state">
          {STATE_LABELS[row.state]}
        </span>
        <span className={`badge triage-confidence conf-${row.confidence}`}>{row.confidence} confidence</span>
      </header>
      {row.summary && <p className="triage-summary">{row.summary}</p>}
      {fields.length > 0 && (
        <ul className="triage-changes" aria-label="Changes">
          {fields.map((f) => (
            <li key={f}>
              <span className="triage-field">{FIELD_LABELS[f]}:</span>{' '}
              <span className="triage-before">{valueLabel(f, row.current[f as keyof TriageCurrent], choices)}</span> →{' '}
              <span className="triage-after">{valueLabel(f, row.changes[f], choices)}</span>
            </li>
          ))}
        </ul>
      )}
      {row.problems && row.problems.length > 0 && (
        <ul className="triage-problems" aria-label="Problems">
          {row.problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
      {row.result && (
        <p className={`triage-result ${row.result.ok ? 'ok' : 'bad'}`} data-testid="row-result">
          {row.result.message}
        </p>
      )}
      {row.evidence.length > 0 && (
        <details className="triage-evidence">
          <summary>Evidence ({row.evidence.length})</summary>
          <Highlighted text={row.text} quotes={row.evidence} />
        </details>
      )}
      {row.draftReply && (
        <details className="triage-draft">
          <summary>Drafted reply</summary>
          <SafeHtml html={row.draftReply} className="triage-draft-body" label="Drafted reply" />
          <button type="button" onClick={() => void saveDraft()}>
            Use as draft
          </button>
          {draftNote && <span role="status"> {draftNote}</span>}
        </details>
      )}
      {!done && !locked && (
        <div className="triage-row-actions">
          <button
            type="button"
            onClick={() => void useTriage.getState().decide(row.ticketId, 'accept')}
            disabled={row.state === 'accepted'}
          >
            Accept
          </button>
          <button type="button" onClick={() => void useTriage.getState().decide(row.ticketId, 'skip')} disabled={row.state === 'skipped'}>
            Skip
          </button>
          <button type="button" onClick={() => onEdit(!editing)} aria-expanded={editing}>
            Edit
          </button>
        </div>
      )}
      {editing && <RowEditor row={row} choices={choices} onDone={() => onEdit(false)} />}
    </article>
  );
}

function RowEditor({ row, choices, onDone }: { row: TriageRow; choices: FieldChoices | undefined; onDone(): void }) {
  const merged = { ...row.current, ...row.changes };
  const [form, setForm] = useState({
    status: merged.status ? String(merged.status) : '',
    priority: merged.priority ? String(merged.priority) : '',
    responder: merged.responder_id ? String(merged.responder_id) : '',
    group: merged.group_id ? String(merged.group_id) : '',
    type: merged.type ?? '',
    tags: (merged.tags ?? []).join(', '),
  });
  const [error, setError] = useState<string>();
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => {
    first.current?.querySelector('select')?.focus();
  }, []);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const c = row.current;
    const changes: TriageChanges = {};
    if (form.status && Number(form.status) !== c.status) changes.status = Number(form.status);
    if (form.priority && Number(form.priority) !== c.priority) changes.priority = Number(form.priority);
    if (form.responder && Number(form.responder) !== c.responder_id) changes.responder_id = Number(form.responder);
    if (form.group && Number(form.group) !== c.group_id) changes.group_id = Number(form.group);
    if (form.type && form.type !== c.type) changes.type = form.type;
    const tags = form.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    if (tags.join(',') !== (c.tags ?? []).join(',')) changes.tags = tags;
    const problem = await useTriage.getState().edit(row.ticketId, changes);
    if (problem) setError(problem);
    else onDone();
  };
  return (
    <form
      className="form compact triage-editor"
      onSubmit={(e) => void save(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone();
        }
      }}
      aria-label={`Edit the changes for ticket #${row.ticketId}`}
    >
      <div ref={first}>
        <TicketFieldPickers
          form={form}
          setForm={setForm}
          statusOptions={{ ...STATUS_LABELS, ...Object.fromEntries((choices?.statuses ?? []).map((x) => [x.id, x.name])) }}
          choices={choices}
          agents={choices?.agents}
          agentsUnavailable={choices?.unavailable && `Agents could not be listed (${choices.unavailable}); enter an agent ID.`}
          hasGroup={Boolean(row.current.group_id)}
        />
      </div>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
      <div className="triage-row-actions">
        <button type="submit" className="primary">
          Save and accept
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
