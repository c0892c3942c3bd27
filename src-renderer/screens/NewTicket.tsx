// New ticket, with Freshdesk's rules checked inline before anything is sent.
import { useState, type FormEvent } from 'react';
import { ActionStatus, useAction } from '../components/ActionStatus';
import { EmailChips } from '../components/EmailChips';
import { labelOptions, OtherFieldErrors, SelectField, TextArea, TextField } from '../components/Field';
import { describeToolError, Unavailable, useToolAvailability } from '../components/Unavailable';
import { useFieldChoices } from '../lib/fieldChoices';
import { textToHtml } from '../lib/format';
import { PRIORITY_LABELS, STATUS_LABELS, type Ticket } from '../lib/freshdesk';
import { TypeSuggestions } from '../components/TypeSuggestions';
import { useToolForm, type FieldErrors } from '../lib/toolForm';
import { activeProfileOf, roleNameOf, useSession } from '../state/session';
import { isEmail } from '../../src-shared/email';

const EMPTY = { email: '', name: '', subject: '', description: '', priority: '1', status: '2', type: '', tags: '' };

export default function NewTicket() {
  const role = useSession((s) => roleNameOf(activeProfileOf(s)));
  const openTicket = useSession((s) => s.openTicket);
  const tool = useToolAvailability('freshdesk_ticket_create');
  const choices = useFieldChoices();
  const [f, setF] = useState(EMPTY);
  const [cc, setCc] = useState<string[]>([]);
  const [created, setCreated] = useState<Ticket>();
  const [state, run] = useAction();
  const form = useToolForm('freshdesk_ticket_create', { requester_id: 'email', phone: 'email' });

  function input(): Record<string, unknown> {
    const i: Record<string, unknown> = {
      subject: f.subject.trim(),
      description: f.description.trim() ? textToHtml(f.description) : '',
      priority: Number(f.priority),
      status: Number(f.status),
    };
    if (f.email.trim()) i.email = f.email.trim();
    if (f.name.trim()) i.name = f.name.trim();
    if (f.type.trim()) i.type = f.type.trim();
    const tags = f.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    if (tags.length) i.tags = tags;
    if (cc.length) i.cc_emails = cc;
    return i;
  }

  /** What Freshdesk requires in practice, beyond the tool's own schema (docs/freshdesk-api.md §2.2). */
  function local(): FieldErrors {
    const e: FieldErrors = {};
    if (!f.email.trim()) e.email = "Enter the requester's e-mail address (a new contact is created if it is unknown).";
    else if (!isEmail(f.email.trim())) e.email = 'That is not a valid e-mail address.';
    if (!f.subject.trim()) e.subject = 'Give the ticket a subject.';
    else if (f.subject.length > 255) e.subject = `Has ${f.subject.length} characters, it can have maximum of 255 characters.`;
    if (!f.description.trim()) e.description = 'Describe the request.';
    const longTag = f.tags
      .split(',')
      .map((t) => t.trim())
      .find((t) => t.length > 32);
    if (longTag) e.tags = `"${longTag.slice(0, 20)}…" is longer than 32 characters.`;
    return e;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    await form.send(run, 'Creating the ticket…', input(), local(), (r) => {
      if (!r.ok) return { phase: 'error', message: describeToolError(r.error, role) };
      const t = r.data;
      setCreated(t);
      setF(EMPTY);
      form.reset();
      setCc([]);
      return { phase: 'ok', message: `Ticket #${t.id} created.` };
    });
  }

  if (tool.known && !tool.available) return <Unavailable what="Creating tickets" reason={tool.reason} />;
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const blur = (k: string) => () => form.touch(k, input(), local());
  return (
    <main className="page" aria-labelledby="new-ticket-title">
      <h1 id="new-ticket-title">New ticket</h1>
      <form className="form two-col" onSubmit={submit} noValidate>
        <TextField
          label="Requester e-mail"
          type="email"
          required
          value={f.email}
          onChange={set('email')}
          onBlur={blur('email')}
          error={form.errors.email}
          autoComplete="off"
        />
        <TextField
          label="Requester name"
          value={f.name}
          onChange={set('name')}
          onBlur={blur('name')}
          error={form.errors.name}
          hint="Used when the e-mail is new to your helpdesk."
        />
        <TextField
          label="Subject"
          required
          value={f.subject}
          onChange={set('subject')}
          onBlur={blur('subject')}
          error={form.errors.subject}
          className="wide"
        />
        <TextArea
          label="Description"
          required
          rows={6}
          value={f.description}
          onChange={set('description')}
          onBlur={blur('description')}
          error={form.errors.description}
        />
        <SelectField label="Priority" value={f.priority} onChange={set('priority')} error={form.errors.priority}>
          {labelOptions(PRIORITY_LABELS)}
        </SelectField>
        <SelectField label="Status" value={f.status} onChange={set('status')} error={form.errors.status}>
          {labelOptions(STATUS_LABELS)}
        </SelectField>
        <TextField
          label="Type"
          value={f.type}
          onChange={set('type')}
          onBlur={blur('type')}
          error={form.errors.type}
          hint="One of your helpdesk's ticket types."
          list="new-ticket-type-choices"
        />
        <TypeSuggestions id="new-ticket-type-choices" types={choices?.types} />
        <TextField label="Tags (comma-separated)" value={f.tags} onChange={set('tags')} onBlur={blur('tags')} error={form.errors.tags} />
        <EmailChips label="Cc" value={cc} onChange={setCc} />
        <OtherFieldErrors errors={form.errors} shown={Object.keys(EMPTY)} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={state.phase === 'running'}>
            Create ticket
          </button>
        </div>
        <ActionStatus state={state} />
        {created && state.phase === 'ok' && (
          <p>
            <button type="button" onClick={() => openTicket(created.id)}>
              Open ticket #{created.id}
            </button>
          </p>
        )}
      </form>
    </main>
  );
}
