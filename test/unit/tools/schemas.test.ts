// Each tool's input rules (Freshdesk's own, checked before anything is sent), the request each
// tool builds, and the JSON Schema the model receives.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { describeTools, getTool, toolInputSchema, toolRegistry, validateToolInput, TOOL_NAMES } from '../../../src-main/core/tools';
import type { FieldError } from '../../../src-main/core/types';

/** The field errors for this input ([] when valid). */
const problems = (tool: string, input: unknown): FieldError[] => validateToolInput(tool, input).fields;
const codesByField = (tool: string, input: unknown) => Object.fromEntries(problems(tool, input).map((f) => [f.field, f.code]));
const expectValid = (tool: string, input: unknown) => expect(problems(tool, input)).toEqual([]);

const baseTicket = { email: 'a@example.org', subject: 'Subject', description: '<p>Body</p>' };

describe('the registry', () => {
  it('has exactly the ten tools, with effects, customer visibility and admin flags from the issue', () => {
    // the names are written once (src-shared/contract/tools.ts); the registry has exactly those,
    // in that order, and the table below names each tool's flags
    expect(Object.keys(toolRegistry)).toEqual([...TOOL_NAMES]);
    expect(TOOL_NAMES).toHaveLength(10);
    const flags = Object.fromEntries(
      TOOL_NAMES.map((n) => [n, [toolRegistry[n].effect, toolRegistry[n].customerVisible, toolRegistry[n].adminOnly]]),
    );
    expect(flags).toEqual({
      freshdesk_ticket_create: ['write', false, false],
      freshdesk_ticket_get: ['read', false, false],
      freshdesk_ticket_update: ['write', false, false],
      freshdesk_tickets_list: ['read', false, false],
      freshdesk_tickets_reply: ['write', true, false],
      freshdesk_contact_create: ['write', false, false],
      freshdesk_agent_create: ['write', false, true],
      freshdesk_agent_delete: ['destructive', false, true],
      freshdesk_agents_list: ['read', false, true],
      freshdesk_roles_list: ['read', false, true],
    });
  });

  it('descriptions tell the model what it does, the credit cost and the role needed', () => {
    for (const d of describeTools()) {
      expect(d.description).toMatch(/API credit/);
      expect(d.description).toMatch(/Administrators only|Any agent|agent role|Agents with|any agent/i);
    }
    expect(toolRegistry.freshdesk_ticket_get.description).toMatch(/1 per include/);
    expect(toolRegistry.freshdesk_tickets_list.description).toMatch(/2 per include/);
    expect(toolRegistry.freshdesk_tickets_reply.description).toMatch(/customer/);
  });

  it('JSON Schemas are small Anthropic input_schemas: type object, strict, no $schema', () => {
    let total = 0;
    for (const d of describeTools()) {
      const s = d.inputSchema;
      expect(s.type).toBe('object');
      expect(s).not.toHaveProperty('$schema');
      expect(s.additionalProperties).toBe(false);
      expect(JSON.stringify(s)).not.toContain('9007199254740991');
      expect(JSON.stringify(s)).not.toMatch(/"pattern":"\^\(\?:\[A-Za-z0-9_/); // the long e-mail regex
      total += JSON.stringify(s).length;
    }
    expect(total).toBeLessThan(12_000);
    const reply = describeTools().find((d) => d.name === 'freshdesk_tickets_reply')!.inputSchema;
    expect(reply.required).toEqual(['ticket_id', 'body']);
    expect(reply.properties).toMatchObject({ ticket_id: { type: 'integer', minimum: 1 }, cc_emails: { type: 'array', maxItems: 49 } });
    const create = describeTools().find((d) => d.name === 'freshdesk_ticket_create')!.inputSchema as {
      properties: Record<string, { enum?: number[] }>;
    };
    expect(create.properties.priority?.enum).toEqual([1, 2, 3, 4]);
    expect(create.properties.source?.enum).toEqual([1, 2, 3, 7, 9, 10]);
    expect(describeTools().find((d) => d.name === 'freshdesk_roles_list')!.inputSchema).toEqual({
      type: 'object',
      properties: {},
      additionalProperties: false,
    });
  });

  it('describeTools gives copies: a caller cannot change the registry', () => {
    const first = describeTools();
    (first[0]!.inputSchema as Record<string, unknown>).type = 'mutated';
    expect(describeTools()[0]!.inputSchema.type).toBe('object');
  });

  it('toolInputSchema gives the zod schema; an unknown name gets a schema that refuses everything', () => {
    expect(toolInputSchema('freshdesk_ticket_get').safeParse({ ticket_id: 1 }).success).toBe(true);
    expect(toolInputSchema('freshdesk_ticket_get')).toBe(toolRegistry.freshdesk_ticket_get.schema);
    const none = toolInputSchema('no_such_tool').safeParse({});
    expect(none.success).toBe(false);
    expect(validateToolInput('no_such_tool', {}).fields[0]).toMatchObject({ code: 'unknown_tool' });
  });
});

describe('common rules', () => {
  it('unknown keys are refused (strict) with invalid_field and the allowed list', () => {
    for (const name of TOOL_NAMES) {
      const f = problems(name, { not_a_field: 1 }).find((x) => x.field === 'not_a_field');
      expect(f, name).toMatchObject({ code: 'invalid_field' });
    }
    expect(problems('freshdesk_ticket_get', { ticket_id: 1, description_html: 'x' })[0]!.message).toMatch(/Allowed: ticket_id, include/);
  });

  it('null is refused: absent optionals are left out, never null', () => {
    expect(problems('freshdesk_ticket_create', { ...baseTicket, group_id: null })[0]).toMatchObject({
      field: 'group_id',
      code: 'datatype_mismatch',
      message: expect.stringMatching(/leave the field out|whole number/),
    });
  });

  it('input must be an object', () => {
    expect(problems('freshdesk_ticket_get', 'ticket 5')[0]).toMatchObject({ field: 'input', code: 'datatype_mismatch' });
    expect(problems('freshdesk_ticket_get', [1])[0]).toMatchObject({ field: 'input' });
    expectValid('freshdesk_roles_list', undefined);
  });

  it('ids are positive whole numbers; missing ones are missing_field', () => {
    expect(codesByField('freshdesk_ticket_get', {})).toEqual({ ticket_id: 'missing_field' });
    expect(codesByField('freshdesk_ticket_get', { ticket_id: '42' })).toEqual({ ticket_id: 'datatype_mismatch' });
    expect(codesByField('freshdesk_ticket_get', { ticket_id: 1.5 })).toEqual({ ticket_id: 'datatype_mismatch' });
    expect(codesByField('freshdesk_ticket_get', { ticket_id: 0 })).toEqual({ ticket_id: 'invalid_value' });
    expect(codesByField('freshdesk_agent_delete', { agent_id: -3 })).toEqual({ agent_id: 'invalid_value' });
    expectValid('freshdesk_ticket_get', { ticket_id: 69000000001 });
  });
});

describe('freshdesk_ticket_create rules', () => {
  const T = 'freshdesk_ticket_create';
  it('accepts a full valid ticket', () => {
    expectValid(T, {
      ...baseTicket,
      name: 'N',
      priority: 4,
      status: 7, // a custom status: Freshdesk judges it
      source: 10,
      type: 'Question',
      tags: ['a', 'x'.repeat(32)],
      cc_emails: ['c@example.org'],
      custom_fields: { cf_order: 'A-1', cf_count: 2, cf_flag: true, cf_clear: null },
      due_by: '2030-01-02T10:00:00Z',
      fr_due_by: '2030-01-01T10:00+05:30',
      group_id: 5,
      responder_id: 6,
      company_id: 7,
    });
  });

  it('one requester identifier is required', () => {
    const f = problems(T, { subject: 's', description: 'd' });
    expect(f).toEqual([
      { field: 'requester_id', code: 'missing_field', message: expect.stringMatching(/at least 1 of requester_id, email, phone/) },
    ]);
    for (const id of [
      { requester_id: 1 },
      { email: 'a@b.co' },
      { phone: '1', name: 'N' },
      { twitter_id: 't' },
      { facebook_id: 'f' },
      { unique_external_id: 'u' },
    ]) {
      expectValid(T, { subject: 's', description: 'd', ...id });
    }
  });

  it('phone alone needs a name', () => {
    expect(codesByField(T, { subject: 's', description: 'd', phone: '555' })).toEqual({ name: 'missing_field' });
  });

  it('subject and description are required in practice and must not be blank', () => {
    expect(codesByField(T, { email: 'a@b.co' })).toEqual({ subject: 'missing_field', description: 'missing_field' });
    expect(codesByField(T, { ...baseTicket, subject: '  ', description: ' ' })).toEqual({
      subject: 'invalid_value',
      description: 'invalid_value',
    });
    expect(codesByField(T, { ...baseTicket, subject: 'x'.repeat(256) })).toEqual({ subject: 'invalid_value' });
  });

  it('priority and source are enums; status is any positive whole number', () => {
    expect(codesByField(T, { ...baseTicket, priority: 5, source: 4 })).toEqual({ priority: 'invalid_value', source: 'invalid_value' });
    expect(problems(T, { ...baseTicket, priority: 5 })[0]!.message).toMatch(/1 \(Low\), 2 \(Medium\), 3 \(High\), 4 \(Urgent\)/);
    expect(codesByField(T, { ...baseTicket, status: 'open' })).toEqual({ status: 'datatype_mismatch' });
    expect(codesByField(T, { ...baseTicket, status: 0 })).toEqual({ status: 'invalid_value' });
    expectValid(T, { ...baseTicket, status: 12 });
  });

  it('tags: at most 32 characters, no commas, not empty', () => {
    expect(codesByField(T, { ...baseTicket, tags: ['x'.repeat(33)] })).toEqual({ 'tags.0': 'invalid_value' });
    const comma = problems(T, { ...baseTicket, tags: ['ok', 'a,b'] });
    expect(comma).toEqual([{ field: 'tags.1', code: 'invalid_value', message: expect.stringMatching(/commas/) }]);
    expect(codesByField(T, { ...baseTicket, tags: [''] })).toEqual({ 'tags.0': 'invalid_value' });
    expect(codesByField(T, { ...baseTicket, tags: 'a,b' })).toEqual({ tags: 'datatype_mismatch' });
  });

  it('e-mail format, in the requester and every cc; at most 49 cc', () => {
    expect(codesByField(T, { ...baseTicket, email: 'not-an-email' })).toEqual({ email: 'invalid_value' });
    expect(codesByField(T, { ...baseTicket, cc_emails: ['ok@example.org', 'bad@'] })).toEqual({ 'cc_emails.1': 'invalid_value' });
    const fifty = Array.from({ length: 50 }, (_, i) => `c${i}@example.org`);
    expect(codesByField(T, { ...baseTicket, cc_emails: fifty })).toEqual({ cc_emails: 'invalid_value' });
    expectValid(T, { ...baseTicket, cc_emails: fifty.slice(1) });
  });

  it('due_by and fr_due_by go together, in a date-time format, first response not after resolution', () => {
    expect(codesByField(T, { ...baseTicket, due_by: '2030-01-02T10:00:00Z' })).toEqual({ fr_due_by: 'missing_field' });
    expect(codesByField(T, { ...baseTicket, fr_due_by: '2030-01-02T10:00:00Z' })).toEqual({ due_by: 'missing_field' });
    expect(codesByField(T, { ...baseTicket, due_by: '2030-01-01T10:00:00Z', fr_due_by: '2030-01-02T10:00:00Z' })).toEqual({
      fr_due_by: 'invalid_value',
    });
    expect(codesByField(T, { ...baseTicket, due_by: 'tomorrow', fr_due_by: '2030-13-45' })).toEqual({
      due_by: 'invalid_value',
      fr_due_by: 'invalid_value',
    });
    for (const d of [
      '2030-01-02',
      '2030-01-02T10:00',
      '2030-01-02T10:00:00',
      '2030-01-02T10:00:00Z',
      '2030-01-02T10:00:00+05:30',
      '2030-01-02T10:00:00-0800',
      '2030-01-02T10:00+02',
    ]) {
      expectValid(T, { ...baseTicket, due_by: '2031-01-01', fr_due_by: d });
    }
  });

  it('custom_fields values are scalars', () => {
    expect(codesByField(T, { ...baseTicket, custom_fields: { cf_x: { nested: 1 } } })).toEqual({ 'custom_fields.cf_x': 'invalid_value' });
  });

  it('builds POST /api/v2/tickets with the input unchanged as the body, absent optionals omitted', () => {
    const input = toolRegistry[T].schema.parse({ ...baseTicket, priority: 2, tags: ['t'], custom_fields: { cf_a: 'x' } });
    expect(toolRegistry[T].request(input)).toEqual({
      method: 'POST',
      path: '/api/v2/tickets',
      body: {
        email: 'a@example.org',
        subject: 'Subject',
        description: '<p>Body</p>',
        priority: 2,
        tags: ['t'],
        custom_fields: { cf_a: 'x' },
      },
    });
  });
});

describe('freshdesk_ticket_get rules', () => {
  const T = 'freshdesk_ticket_get';
  it('include is a comma-separated subset of conversations, requester, company, stats', () => {
    expectValid(T, { ticket_id: 1, include: 'conversations,requester,company,stats' });
    expect(codesByField(T, { ticket_id: 1, include: 'description' })).toEqual({ include: 'invalid_value' });
    expect(codesByField(T, { ticket_id: 1, include: 'stats, requester' })).toEqual({ include: 'invalid_value' });
    expect(codesByField(T, { ticket_id: 1, include: 'stats,stats' })).toEqual({ include: 'invalid_value' });
    expect(codesByField(T, { ticket_id: 1, include: ['stats'] })).toEqual({ include: 'datatype_mismatch' });
  });
  it('ticket_id goes in the path, include in the query', () => {
    expect(toolRegistry[T].request({ ticket_id: 42, include: 'stats' })).toEqual({
      method: 'GET',
      path: '/api/v2/tickets/42',
      query: { include: 'stats' },
    });
    expect(toolRegistry[T].request({ ticket_id: 42 })).toEqual({ method: 'GET', path: '/api/v2/tickets/42', query: {} });
  });
});

describe('freshdesk_ticket_update rules', () => {
  const T = 'freshdesk_ticket_update';
  it('needs at least one field besides ticket_id (missing_params)', () => {
    expect(problems(T, { ticket_id: 3 })).toEqual([
      { field: 'input', code: 'missing_params', message: expect.stringMatching(/Nothing to update/) },
    ]);
    expectValid(T, { ticket_id: 3, status: 4 });
  });
  it('refuses cc_emails (not updatable); subject/description optional but not blank', () => {
    expect(codesByField(T, { ticket_id: 3, cc_emails: ['a@b.co'] })).toEqual({ cc_emails: 'invalid_field', input: 'missing_params' });
    expect(codesByField(T, { ticket_id: 3, status: 2, cc_emails: ['a@b.co'] })).toEqual({ cc_emails: 'invalid_field' });
    expect(codesByField(T, { ticket_id: 3, subject: ' ' })).toEqual({ subject: 'invalid_value' });
  });
  it('same field rules as create: priority enum, tags, due dates order', () => {
    expect(codesByField(T, { ticket_id: 3, priority: 0, tags: ['a,b'] })).toEqual({ priority: 'invalid_value', 'tags.0': 'invalid_value' });
    expect(codesByField(T, { ticket_id: 3, due_by: '2030-01-01', fr_due_by: '2030-02-01' })).toEqual({ fr_due_by: 'invalid_value' });
    expectValid(T, { ticket_id: 3, due_by: '2030-01-01' });
  });
  it('PUT /api/v2/tickets/:id with the rest as body', () => {
    expect(toolRegistry[T].request({ ticket_id: 9, status: 5 })).toEqual({ method: 'PUT', path: '/api/v2/tickets/9', body: { status: 5 } });
  });
});

describe('freshdesk_tickets_list rules', () => {
  const T = 'freshdesk_tickets_list';
  it('accepts every documented parameter', () => {
    expectValid(T, {
      filter: 'new_and_my_open',
      requester_id: 1,
      email: 'a@b.co',
      company_id: 2,
      updated_since: '2025-01-01T00:00:00Z',
      order_by: 'due_by',
      order_type: 'asc',
      include: 'description,requester,stats',
      page: 300,
      per_page: 100,
    });
  });
  it('enums, per_page ≤ 100, page 1..300, include subset', () => {
    expect(codesByField(T, { filter: 'mine', order_by: 'priority', order_type: 'up' })).toEqual({
      filter: 'invalid_value',
      order_by: 'invalid_value',
      order_type: 'invalid_value',
    });
    expect(codesByField(T, { per_page: 101, page: 301 })).toEqual({ per_page: 'invalid_value', page: 'invalid_value' });
    expect(codesByField(T, { per_page: 0, page: 0 })).toEqual({ per_page: 'invalid_value', page: 'invalid_value' });
    expect(codesByField(T, { per_page: '30' })).toEqual({ per_page: 'datatype_mismatch' });
    expect(codesByField(T, { include: 'conversations' })).toEqual({ include: 'invalid_value' });
    expect(codesByField(T, { updated_since: 'last week', email: 'x' })).toEqual({ updated_since: 'invalid_value', email: 'invalid_value' });
  });
  it('everything goes to the query string unchanged', () => {
    expect(toolRegistry[T].request({ email: 'a+b@c.co', per_page: 10, include: 'stats' })).toEqual({
      method: 'GET',
      path: '/api/v2/tickets',
      query: { email: 'a+b@c.co', per_page: 10, include: 'stats' },
    });
  });
});

describe('freshdesk_tickets_reply rules', () => {
  const T = 'freshdesk_tickets_reply';
  it('ticket_id and a non-blank body are required', () => {
    expect(codesByField(T, {})).toEqual({ ticket_id: 'missing_field', body: 'missing_field' });
    expect(codesByField(T, { ticket_id: 1, body: '  ' })).toEqual({ body: 'invalid_value' });
  });
  it('cc/bcc/from are e-mail addresses, user_id an id; no status input', () => {
    expect(codesByField(T, { ticket_id: 1, body: 'b', cc_emails: ['x'], bcc_emails: ['y@'], from_email: 'z', user_id: 'me' })).toEqual({
      'cc_emails.0': 'invalid_value',
      'bcc_emails.0': 'invalid_value',
      from_email: 'invalid_value',
      user_id: 'datatype_mismatch',
    });
    expect(codesByField(T, { ticket_id: 1, body: 'b', status: 4 })).toEqual({ status: 'invalid_field' });
  });
  it('POST /api/v2/tickets/:id/reply', () => {
    expect(toolRegistry[T].request({ ticket_id: 7, body: '<p>hi</p>', bcc_emails: ['a@b.co'] })).toEqual({
      method: 'POST',
      path: '/api/v2/tickets/7/reply',
      body: { body: '<p>hi</p>', bcc_emails: ['a@b.co'] },
    });
  });
});

describe('freshdesk_contact_create rules', () => {
  const T = 'freshdesk_contact_create';
  it('name is mandatory plus one of email, phone, mobile, twitter_id, unique_external_id', () => {
    expect(codesByField(T, { email: 'a@b.co' })).toEqual({ name: 'missing_field' });
    expect(problems(T, { name: 'N' })).toEqual([
      { field: 'email', code: 'missing_field', message: expect.stringMatching(/at least 1 of email, mobile, phone/) },
    ]);
    for (const id of [{ email: 'a@b.co' }, { phone: '1' }, { mobile: '2' }, { twitter_id: 't' }, { unique_external_id: 'u' }])
      expectValid(T, { name: 'N', ...id });
  });
  it('name: no double quotes, no web address, ≤ 255', () => {
    expect(codesByField(T, { name: 'A "B"', email: 'a@b.co' })).toEqual({ name: 'invalid_value' });
    expect(codesByField(T, { name: 'see https://spam.example', email: 'a@b.co' })).toEqual({ name: 'invalid_value' });
    expect(codesByField(T, { name: 'x'.repeat(256), email: 'a@b.co' })).toEqual({ name: 'invalid_value' });
  });
  it('other_emails needs email; view_all_tickets needs company_id; tags rules; job_title ≤ 255', () => {
    expect(codesByField(T, { name: 'N', phone: '1', other_emails: ['o@b.co'] })).toEqual({ email: 'missing_field' });
    expect(codesByField(T, { name: 'N', email: 'a@b.co', view_all_tickets: true })).toEqual({ company_id: 'missing_field' });
    expectValid(T, { name: 'N', email: 'a@b.co', view_all_tickets: true, company_id: 3, other_emails: ['o@b.co'] });
    expect(codesByField(T, { name: 'N', email: 'a@b.co', tags: ['a,b'], job_title: 'x'.repeat(256) })).toEqual({
      'tags.0': 'invalid_value',
      job_title: 'invalid_value',
    });
  });
});

describe('freshdesk_agent_create rules', () => {
  const T = 'freshdesk_agent_create';
  it('email, name and ticket_scope are required; ticket_scope and agent_type are enums', () => {
    expect(codesByField(T, {})).toEqual({ email: 'missing_field', name: 'missing_field', ticket_scope: 'missing_field' });
    expect(codesByField(T, { email: 'a@b.co', name: 'N', ticket_scope: 4, agent_type: 0 })).toEqual({
      ticket_scope: 'invalid_value',
      agent_type: 'invalid_value',
    });
    expectValid(T, {
      email: 'a@b.co',
      name: 'N',
      ticket_scope: 3,
      agent_type: 2,
      role_ids: [1],
      group_ids: [2],
      occasional: false,
      focus_mode: true,
    });
  });
  it('role_ids, when given, is a non-empty list of ids; booleans are booleans', () => {
    expect(codesByField(T, { email: 'a@b.co', name: 'N', ticket_scope: 1, role_ids: [] })).toEqual({ role_ids: 'invalid_value' });
    expect(codesByField(T, { email: 'a@b.co', name: 'N', ticket_scope: 1, role_ids: ['admin'] })).toEqual({
      'role_ids.0': 'datatype_mismatch',
    });
    expect(codesByField(T, { email: 'a@b.co', name: 'N', ticket_scope: 1, occasional: 'no' })).toEqual({ occasional: 'datatype_mismatch' });
  });
});

describe('freshdesk_agent_delete, freshdesk_agents_list, freshdesk_roles_list rules', () => {
  it('agent_delete: DELETE /api/v2/agents/:id without a body', () => {
    expect(codesByField('freshdesk_agent_delete', {})).toEqual({ agent_id: 'missing_field' });
    expect(toolRegistry.freshdesk_agent_delete.request({ agent_id: 5 })).toEqual({ method: 'DELETE', path: '/api/v2/agents/5' });
  });
  it('agents_list: state enum, e-mail format, paging bounds', () => {
    expect(codesByField('freshdesk_agents_list', { state: 'busy', email: 'x', per_page: 500, page: 0 })).toEqual({
      state: 'invalid_value',
      email: 'invalid_value',
      per_page: 'invalid_value',
      page: 'invalid_value',
    });
    expect(codesByField('freshdesk_agents_list', { name: 'Ann' })).toEqual({ name: 'invalid_field' });
    expect(toolRegistry.freshdesk_agents_list.request({ state: 'fulltime', page: 2 })).toEqual({
      method: 'GET',
      path: '/api/v2/agents',
      query: { state: 'fulltime', page: 2 },
    });
  });
  it('roles_list takes nothing', () => {
    expectValid('freshdesk_roles_list', {});
    expect(toolRegistry.freshdesk_roles_list.request({})).toEqual({ method: 'GET', path: '/api/v2/roles' });
  });
});

describe('types flow from the schemas', () => {
  it('z.infer of a tool schema is what request() takes', () => {
    type ReplyInput = z.infer<typeof toolRegistry.freshdesk_tickets_reply.schema>;
    const input: ReplyInput = { ticket_id: 1, body: 'b' };
    expect(getTool('freshdesk_tickets_reply')!.request(input).path).toBe('/api/v2/tickets/1/reply');
  });
});
