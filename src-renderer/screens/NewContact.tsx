// New contact; a duplicate (409) links to the contact that already exists.
import { useState, type FormEvent } from 'react';
import { ActionStatus, useAction } from '../components/ActionStatus';
import { OtherFieldErrors, TextArea, TextField } from '../components/Field';
import { describeToolError, Unavailable, useToolAvailability } from '../components/Unavailable';
import { isEmail } from '../../src-shared/email';
import { useToolForm, type FieldErrors } from '../lib/toolForm';
import { activeProfileOf, roleNameOf, useSession } from '../state/session';

const EMPTY = { name: '', email: '', phone: '', mobile: '', job_title: '', company_id: '', address: '', description: '' };

export default function NewContact() {
  const role = useSession((s) => roleNameOf(activeProfileOf(s)));
  const showQueueFor = useSession((s) => s.showQueueFor);
  const tool = useToolAvailability('freshdesk_contact_create');
  const [f, setF] = useState(EMPTY);
  const [state, run] = useAction();
  const form = useToolForm('freshdesk_contact_create');

  function input(): Record<string, unknown> {
    const i: Record<string, unknown> = { name: f.name.trim() };
    for (const k of ['email', 'phone', 'mobile', 'job_title', 'address', 'description'] as const) if (f[k].trim()) i[k] = f[k].trim();
    if (f.company_id.trim()) i.company_id = Number(f.company_id);
    return i;
  }

  function local(): FieldErrors {
    const e: FieldErrors = {};
    if (!f.name.trim()) e.name = 'Enter the contact’s name.';
    if (!f.email.trim() && !f.phone.trim() && !f.mobile.trim()) e.email = 'Enter at least an e-mail, phone or mobile number.';
    else if (f.email.trim() && !isEmail(f.email.trim())) e.email = 'That is not a valid e-mail address.';
    if (f.company_id.trim() && !/^\d+$/.test(f.company_id.trim())) e.company_id = 'Enter the company ID as a whole number.';
    return e;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const email = f.email.trim();
    await form.send(run, 'Creating the contact…', input(), local(), (r) => {
      if (r.ok) {
        const c = r.data;
        setF(EMPTY);
        form.reset();
        return { phase: 'ok', message: `Contact ${c.name} created (#${c.id}).` };
      }
      if (r.error.kind === 'conflict') {
        return {
          phase: 'error',
          message: `This contact already exists${r.error.existingId ? ` (#${r.error.existingId})` : ''}.`,
          detail: (
            <p>
              {email && (
                <button type="button" onClick={() => showQueueFor({ requesterEmail: email })}>
                  Show the existing contact’s tickets
                </button>
              )}
            </p>
          ),
        };
      }
      return { phase: 'error', message: describeToolError(r.error, role) };
    });
  }

  if (tool.known && !tool.available) return <Unavailable what="Creating contacts" reason={tool.reason} />;
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const blur = (k: string) => () => form.touch(k, input(), local());
  return (
    <main className="page" aria-labelledby="new-contact-title">
      <h1 id="new-contact-title">New contact</h1>
      <form className="form two-col" onSubmit={submit} noValidate>
        <TextField label="Name" required value={f.name} onChange={set('name')} onBlur={blur('name')} error={form.errors.name} />
        <TextField
          label="E-mail"
          type="email"
          value={f.email}
          onChange={set('email')}
          onBlur={blur('email')}
          error={form.errors.email}
          hint="E-mail, phone or mobile: at least one."
          autoComplete="off"
        />
        <TextField label="Phone" value={f.phone} onChange={set('phone')} onBlur={blur('phone')} error={form.errors.phone} />
        <TextField label="Mobile" value={f.mobile} onChange={set('mobile')} onBlur={blur('mobile')} error={form.errors.mobile} />
        <TextField
          label="Job title"
          value={f.job_title}
          onChange={set('job_title')}
          onBlur={blur('job_title')}
          error={form.errors.job_title}
        />
        <TextField
          label="Company ID"
          inputMode="numeric"
          value={f.company_id}
          onChange={set('company_id')}
          onBlur={blur('company_id')}
          error={form.errors.company_id}
        />
        <TextField label="Address" value={f.address} onChange={set('address')} onBlur={blur('address')} error={form.errors.address} />
        <TextArea
          label="Notes"
          rows={3}
          value={f.description}
          onChange={set('description')}
          onBlur={blur('description')}
          error={form.errors.description}
        />
        <OtherFieldErrors errors={form.errors} shown={Object.keys(EMPTY)} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={state.phase === 'running'}>
            Create contact
          </button>
        </div>
        <ActionStatus state={state} />
      </form>
    </main>
  );
}
