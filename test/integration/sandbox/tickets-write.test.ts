import { describe, expect, it } from 'vitest';
import type { cast } from './helpers.js';
import { useSandboxSuite, type SandboxClient, type Loose } from './helpers.js';

// Contract: docs/freshdesk-api.md §2.2 (create), §2.4 (update), §2.6 (reply), §4 (errors).

let client: SandboxClient;
let c: ReturnType<typeof cast>;
const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

useSandboxSuite((s) => ({ client, c } = s));

const post = (path: string, body: unknown, key = c.agent.apiKey) => client.call(path, { method: 'POST', key, body });
const put = (path: string, body: unknown, key = c.agent.apiKey) => client.call(path, { method: 'PUT', key, body });
const get = (path: string, key = c.accountAdmin.apiKey) => client.call(path, { key });
const fieldError = (field: string, message: string, code: string) => ({
  description: 'Validation failed',
  errors: [{ field, message, code }],
});

async function newTicket(extra: Record<string, unknown> = {}): Promise<Loose> {
  const r = await post('/api/v2/tickets', {
    email: 'pat.customer@northwind.example',
    subject: 'Printer on fire',
    description: '<div>Help</div>',
    ...extra,
  });
  expect(r.status).toBe(201);
  return r.json;
}

describe('POST /api/v2/tickets', () => {
  it('201 + Location + the ticket, with documented defaults (status 2, priority 1, source 2)', async () => {
    const r = await post('/api/v2/tickets', {
      email: 'new.person@contoso.example',
      name: 'New Person',
      subject: 'Cannot export',
      description: '<div>Export <b>fails</b></div>',
      tags: ['export'],
      cc_emails: ['boss@contoso.example'],
    });
    expect(r.status).toBe(201);
    expect(r.headers.location).toMatch(new RegExp(`/api/v2/tickets/${r.json.id}$`));
    expect(r.json).toMatchObject({
      status: 2,
      priority: 1,
      source: 2,
      subject: 'Cannot export',
      tags: ['export'],
      cc_emails: ['boss@contoso.example'],
      spam: false,
    });
    expect(r.json.description).toBe('<div>Export <b>fails</b></div>');
    expect(r.json.description_text).toBe('Export fails');
    expect(r.json.created_at).toMatch(TS);
    // Not sent → null in the answer, filled in later.
    expect(r.json.due_by).toBeNull();
    expect(r.json.fr_due_by).toBeNull();
    const later = await get(`/api/v2/tickets/${r.json.id}`);
    expect(later.json.due_by).toMatch(TS);
    expect(r.json.id).toBeGreaterThan(c.account.fixtures.richTicketId);
  });

  it('an unknown e-mail creates a real contact: POST /contacts with it is then 409', async () => {
    const t = await newTicket({ email: 'brand.new@fabrikam.example', name: 'Brand New' });
    const contact = await get(`/api/v2/contacts/${t.requester_id}`);
    expect(contact.status).toBe(200);
    expect(contact.json.email).toBe('brand.new@fabrikam.example');
    const dup = await post('/api/v2/contacts', { name: 'Brand New', email: 'brand.new@fabrikam.example' });
    expect(dup.status).toBe(409);
    expect(dup.json).toEqual({
      description: 'Validation failed',
      errors: [
        { field: 'email', additional_info: { user_id: t.requester_id }, message: 'It should be a unique value', code: 'duplicate_value' },
      ],
    });
  });

  it('requires a requester identifier', async () => {
    const r = await post('/api/v2/tickets', { subject: 's', description: 'd' });
    expect(r.status).toBe(400);
    expect(r.json).toEqual(
      fieldError('requester_id', 'Please fill at least 1 of requester_id, phone, email, twitter_id, facebook_id fields', 'missing_field'),
    );
  });

  it('requires subject and description in practice', async () => {
    const r = await post('/api/v2/tickets', { email: 'a@b.example' });
    expect(r.json).toEqual({
      description: 'Validation failed',
      errors: [
        { field: 'subject', message: 'It should be a/an String', code: 'missing_field' },
        { field: 'description', message: 'It should be a/an String', code: 'missing_field' },
      ],
    });
  });

  it('datatype_mismatch with the "Value set is of type" prefix, invalid_value for a value outside the set', async () => {
    const s = await post('/api/v2/tickets', { email: 'a@b.example', subject: 's', description: 'd', status: '2' });
    expect(s.json).toEqual(
      fieldError('status', "Value set is of type String.It should be one of these values: '2,3,4,5,6,7'", 'datatype_mismatch'),
    );
    const p = await post('/api/v2/tickets', { email: 'a@b.example', subject: 's', description: 'd', priority: 9 });
    expect(p.json).toEqual(fieldError('priority', "It should be one of these values: '1,2,3,4'", 'invalid_value'));
    const n = await post('/api/v2/tickets', { email: 'a@b.example', subject: null, description: 'd' });
    expect(n.status).toBe(400);
    expect(n.json.errors[0]).toMatchObject({ field: 'subject', code: 'datatype_mismatch' });
    const src = await post('/api/v2/tickets', { email: 'a@b.example', subject: 's', description: 'd', source: 4 });
    expect(src.json).toEqual(fieldError('source', "It should be one of these values: '1,2,3,7,9,10'", 'invalid_value'));
  });

  it('unknown keys are reported alone as invalid_field (before other validation)', async () => {
    const r = await post('/api/v2/tickets', { email: 'a@b.example', description_html: '<b>x</b>', priority: 'high' });
    expect(r.json).toEqual(fieldError('description_html', 'Unexpected/invalid field in request', 'invalid_field'));
    const cf = await post('/api/v2/tickets', { email: 'a@b.example', subject: 's', description: 'd', custom_fields: { cf_nope: 1 } });
    expect(cf.json.errors[0]).toMatchObject({ code: 'invalid_field' });
    expect(cf.json.errors[0].field).toContain('cf_nope');
  });

  it('checks e-mails, tags and blank identifiers', async () => {
    const e = await post('/api/v2/tickets', { email: 'not-an-email', subject: 's', description: 'd' });
    expect(e.json.errors[0]).toMatchObject({ field: 'email', code: 'invalid_value' });
    const blank = await post('/api/v2/tickets', { email: '', subject: 's', description: 'd' });
    expect(blank.json.errors[0]).toMatchObject({ field: 'email', code: 'invalid_value' });
    const comma = await post('/api/v2/tickets', { email: 'a@b.example', subject: 's', description: 'd', tags: ['a,b'] });
    expect(comma.json).toEqual(fieldError('tags', "It should not have strings containing the special characters: ','", 'invalid_value'));
    const long = await post('/api/v2/tickets', { email: 'a@b.example', subject: 's', description: 'd', tags: ['x'.repeat(33)] });
    expect(long.json.errors[0]).toMatchObject({ field: 'tags', code: 'invalid_value' });
    const cc = await post('/api/v2/tickets', { email: 'a@b.example', subject: 's', description: 'd', cc_emails: ['ok@x.example', 'bad'] });
    expect(cc.json.errors[0]).toMatchObject({ field: 'cc_emails', code: 'invalid_value' });
    const subj = await post('/api/v2/tickets', { email: 'a@b.example', subject: 'x'.repeat(256), description: 'd' });
    expect(subj.json).toEqual(fieldError('subject', 'Has 256 characters, it can have maximum of 255 characters', 'invalid_value'));
  });

  it('unknown requester_id, phone-only without name', async () => {
    const r = await post('/api/v2/tickets', { requester_id: 123, subject: 's', description: 'd' });
    expect(r.json).toEqual(fieldError('requester_id', 'There is no contact matching the given requester_id', 'invalid_value'));
    const p = await post('/api/v2/tickets', { phone: '+1 555 9999', subject: 's', description: 'd' });
    expect(p.json).toEqual(fieldError('name', 'It should not be blank if phone is only given', 'missing_field'));
    const ok = await post('/api/v2/tickets', { phone: '+1 555 9999', name: 'Phone Person', subject: 's', description: 'd' });
    expect(ok.status).toBe(201);
  });

  it('due-date rules', async () => {
    const base = { email: 'a@b.example', subject: 's', description: 'd' };
    const future = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 19) + 'Z';
    const sooner = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 19) + 'Z';
    const past = '2020-01-01T00:00:00Z';
    expect((await post('/api/v2/tickets', { ...base, due_by: future })).json).toEqual(
      fieldError('fr_due_by', 'It should not be blank if due_by is given', 'missing_field'),
    );
    expect((await post('/api/v2/tickets', { ...base, fr_due_by: future })).json).toEqual(
      fieldError('due_by', 'It should not be blank if fr_due_by is given', 'missing_field'),
    );
    const inPast = await post('/api/v2/tickets', { ...base, due_by: past, fr_due_by: past });
    expect(inPast.json.errors.map((e: Loose) => e.message)).toEqual([
      'Has to be greater than ticket creation time',
      'Has to be greater than ticket creation time',
    ]);
    expect((await post('/api/v2/tickets', { ...base, due_by: sooner, fr_due_by: future })).json).toEqual(
      fieldError('fr_due_by', "fr_due_by should be lesser than the ticket's due_by", 'invalid_value'),
    );
    const pending = await post('/api/v2/tickets', { ...base, status: 3, due_by: future, fr_due_by: sooner });
    expect(pending.json.errors[0].message).toBe("It cannot be set, when the status of the ticket doesn't have sla timer on");
    const ok = await post('/api/v2/tickets', { ...base, due_by: future, fr_due_by: sooner });
    expect(ok.status).toBe(201);
    expect(ok.json.due_by).toBe(future);
    const bad = await post('/api/v2/tickets', { ...base, due_by: 'tomorrow', fr_due_by: sooner });
    expect(bad.json.errors[0]).toMatchObject({ field: 'due_by', code: 'invalid_value' });
    const offset = await post('/api/v2/tickets', { ...base, due_by: '2099-01-02T10:00+05:30', fr_due_by: '2099-01-01' });
    expect(offset.json.due_by).toBe('2099-01-02T04:30:00Z');
    expect(offset.json.fr_due_by).toBe('2099-01-01T00:00:00Z');
  });

  it('a role without the privilege gets 403 access_denied', async () => {
    const r = await post('/api/v2/tickets', { email: 'a@b.example', subject: 's', description: 'd' }, c.readOnly.apiKey);
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ code: 'access_denied', message: 'You are not authorized to perform this action.' });
  });
});

describe('multipart/form-data (attachments)', () => {
  it('creates a ticket with an attachment; typed fields are converted back from strings', async () => {
    const b = 'sandboxBoundary42';
    const part = (name: string, value: string) => `--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body =
      part('email', 'files@northwind.example') +
      part('subject', 'Log attached') +
      part('description', '<div>See log</div>') +
      part('priority', '3') +
      part('tags[]', 'logs') +
      `--${b}\r\nContent-Disposition: form-data; name="attachments[]"; filename="app.log"\r\nContent-Type: text/plain\r\n\r\nline 1\nline 2\r\n--${b}--\r\n`;
    const r = await client.call('/api/v2/tickets', {
      method: 'POST',
      key: c.agent.apiKey,
      rawBody: body,
      headers: { 'Content-Type': `multipart/form-data; boundary=${b}` },
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ subject: 'Log attached', priority: 3, tags: ['logs'] });
    expect(r.json.attachments).toHaveLength(1);
    expect(r.json.attachments[0]).toMatchObject({ name: 'app.log', content_type: 'text/plain', file_size: 13 });
    const broken = await client.call('/api/v2/tickets', {
      method: 'POST',
      key: c.agent.apiKey,
      rawBody: 'nope',
      headers: { 'Content-Type': `multipart/form-data; boundary=${b}` },
    });
    expect(broken.status).toBe(400);
    expect(broken.json).toEqual({ code: 'invalid_multipart', message: 'Multipart data is not properly formatted.' });
    const notAllowed = await client.call('/api/v2/agents', {
      method: 'POST',
      key: c.accountAdmin.apiKey,
      rawBody: body,
      headers: { 'Content-Type': `multipart/form-data; boundary=${b}` },
    });
    expect(notAllowed.status).toBe(415);
  });
});

describe('PUT /api/v2/tickets/:id', () => {
  it('200 + the full ticket', async () => {
    const t = await newTicket();
    const r = await put(`/api/v2/tickets/${t.id}`, { priority: 4, status: 3, tags: ['vip'], custom_fields: { category: 'Bug' } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: t.id, priority: 4, status: 3, tags: ['vip'], subject: 'Printer on fire' });
    expect(r.json.custom_fields.category).toBe('Bug');
    expect(typeof r.json.description).toBe('string');
    const resolved = await put(`/api/v2/tickets/${t.id}`, { status: 4 });
    const stats = (await get(`/api/v2/tickets/${t.id}?include=stats`)).json.stats;
    expect(resolved.json.status).toBe(4);
    expect(stats.resolved_at).toMatch(TS);
  });

  it('an empty body is missing_params', async () => {
    const t = await newTicket();
    const r = await put(`/api/v2/tickets/${t.id}`, {});
    expect(r.status).toBe(400);
    expect(r.json).toEqual({
      code: 'missing_params',
      message: 'Your update call does not have any parameter. Atleast one parameter is required.',
    });
  });

  it('cc_emails is not an update field', async () => {
    const t = await newTicket();
    const r = await put(`/api/v2/tickets/${t.id}`, { cc_emails: ['x@y.example'] });
    expect(r.json).toEqual(fieldError('cc_emails', 'Unexpected/invalid field in request', 'invalid_field'));
  });

  it('spam and deleted tickets answer PUT (and DELETE) with 405 Allow: GET', async () => {
    for (const id of [c.account.fixtures.spamTicketId, c.account.fixtures.deletedTicketId]) {
      const r = await put(`/api/v2/tickets/${id}`, { priority: 2 });
      expect(r.status).toBe(405);
      expect(r.headers.allow).toBe('GET');
      expect(r.json).toEqual({ message: 'PUT method is not allowed. It should be one of these method(s): GET' });
      const d = await client.call(`/api/v2/tickets/${id}`, { method: 'DELETE', key: c.agent.apiKey });
      expect(d.status).toBe(405);
      expect(d.json).toEqual({ message: 'DELETE method is not allowed. It should be one of these method(s): GET' });
    }
  });

  it('outbound tickets keep subject and description', async () => {
    const t = await newTicket({ source: 10 });
    const r = await put(`/api/v2/tickets/${t.id}`, { subject: 'changed' });
    expect(r.status).toBe(400);
    expect(r.json.errors[0]).toMatchObject({ field: 'subject', message: 'It cannot be updated, if ticket is of type outbound email' });
    expect((await put(`/api/v2/tickets/${t.id}`, { priority: 3 })).status).toBe(200);
  });

  it('404 for an unknown id, 403 outside scope', async () => {
    expect((await put('/api/v2/tickets/7', { priority: 2 })).text).toBe(' ');
    const t = await newTicket();
    const r = await put(`/api/v2/tickets/${t.id}`, { priority: 2 }, c.restricted.apiKey);
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('access_denied');
  });

  it('DELETE moves the ticket to deleted (204, still viewable with deleted: true)', async () => {
    const t = await newTicket();
    const d = await client.call(`/api/v2/tickets/${t.id}`, { method: 'DELETE', key: c.agent.apiKey });
    expect(d.status).toBe(204);
    expect(d.text).toBe('');
    const v = await get(`/api/v2/tickets/${t.id}`);
    expect(v.json.deleted).toBe(true);
  });
});

describe('POST /api/v2/tickets/:id/reply', () => {
  it('201 + Location + the conversation, with cc/bcc and replied_to', async () => {
    const t = await newTicket();
    const r = await post(`/api/v2/tickets/${t.id}/reply`, {
      body: '<div>We are on it.</div>',
      cc_emails: ['cc@northwind.example'],
      bcc_emails: ['audit@acme.example'],
    });
    expect(r.status).toBe(201);
    expect(r.headers.location).toMatch(new RegExp(`/api/v2/conversations/${r.json.id}$`));
    expect(r.json).toMatchObject({
      body: '<div>We are on it.</div>',
      body_text: 'We are on it.',
      user_id: c.agent.id,
      ticket_id: t.id,
      cc_emails: ['cc@northwind.example'],
      bcc_emails: ['audit@acme.example'],
      replied_to: ['pat.customer@northwind.example'],
      attachments: [],
    });
    expect(typeof r.json.from_email).toBe('string');
    const list = (await get(`/api/v2/tickets/${t.id}/conversations`)).json;
    const shown = list.find((x: Loose) => x.id === r.json.id);
    expect(shown).toMatchObject({ source: 0, private: false, incoming: false });
    const stats = (await get(`/api/v2/tickets/${t.id}?include=stats`)).json.stats;
    expect(stats.first_responded_at).toMatch(TS);
  });

  it('body is mandatory; other keys are invalid_field', async () => {
    const t = await newTicket();
    expect((await post(`/api/v2/tickets/${t.id}/reply`, {})).json).toEqual(fieldError('body', 'It should be a/an String', 'missing_field'));
    expect((await post(`/api/v2/tickets/${t.id}/reply`, { body: 'x', status: 4 })).json).toEqual(
      fieldError('status', 'Unexpected/invalid field in request', 'invalid_field'),
    );
    expect((await post(`/api/v2/tickets/${t.id}/reply`, { body: 'x', cc_emails: 'a@b.example' })).json.errors[0]).toMatchObject({
      field: 'cc_emails',
      code: 'datatype_mismatch',
    });
  });

  it('404 for an unknown ticket', async () => {
    const r = await post('/api/v2/tickets/5/reply', { body: 'x' });
    expect(r.status).toBe(404);
    expect(r.text).toBe(' ');
  });

  it('the restricted custom role cannot reply: 403 access_denied', async () => {
    const r = await post(`/api/v2/tickets/${c.account.fixtures.richTicketId}/reply`, { body: 'hello' }, c.readOnly.apiKey);
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ code: 'access_denied', message: 'You are not authorized to perform this action.' });
    // …but it may still read.
    expect((await get(`/api/v2/tickets/${c.account.fixtures.richTicketId}`, c.readOnly.apiKey)).status).toBe(200);
  });

  it('user_id of an agent the caller may not act for → 403 invalid_user', async () => {
    const t = await newTicket();
    const r = await post(`/api/v2/tickets/${t.id}/reply`, { body: 'x', user_id: c.supervisor.id });
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('invalid_user');
    expect(r.json.message).toBe(
      `You are not authorized to perform this action on behalf of this user. id:${c.supervisor.id}, name:${c.supervisor.name}`,
    );
    const asAdmin = await post(`/api/v2/tickets/${t.id}/reply`, { body: 'x', user_id: c.agent.id }, c.accountAdmin.apiKey);
    expect(asAdmin.status).toBe(201);
    expect(asAdmin.json.user_id).toBe(c.agent.id);
  });

  it('sandbox choice (§7.13): replying to a spam ticket is 405 Allow: GET', async () => {
    const r = await post(`/api/v2/tickets/${c.account.fixtures.spamTicketId}/reply`, { body: 'x' });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET');
  });
});
