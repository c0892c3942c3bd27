// The compact view for the model, on Freshdesk's own documentation samples and hostile HTML.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectForModel } from '../../../src-main/core/tools';
import { excerpt, htmlToText } from '../../../src-main/core/tools/html';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../fixtures/freshdesk/${name}`, import.meta.url), 'utf8'));

describe('htmlToText', () => {
  it('keeps the words, drops markup, scripts, styles, comments and quoted history', () => {
    const html =
      '<div>Hello&nbsp;<b>Ann</b>,<br>your order &amp; invoice &lt;#42&gt; &#x1F600; &#39;ok&#39;</div><script>alert(1)</script><style>p{}</style><!-- hidden --><p>Thanks</p>' +
      '<div class="freshdesk_quote"><blockquote class="freshdesk_quote">On Monday Bob wrote: old text</blockquote></div><img src=x onerror=alert(1)>';
    expect(htmlToText(html)).toBe("Hello Ann,\nyour order & invoice <#42> 😀 'ok'\nThanks");
  });
  it('lists become dashes; whitespace collapses', () => {
    expect(htmlToText('<ul><li>one</li>\n\n<li>two</li></ul>   <p>  end  </p>')).toBe('- one\n- two\nend');
  });
  it('excerpt cuts at a word boundary with an ellipsis and never exceeds the limit', () => {
    const text = 'word '.repeat(200);
    const e = excerpt(text, 300);
    expect(e.length).toBeLessThanOrEqual(300);
    expect(e.endsWith('word…')).toBe(true);
    expect(excerpt('short', 300)).toBe('short');
  });
});

describe('projectForModel', () => {
  it('ticket: ids, subject, status/priority names, dates, description excerpt; no HTML, no nulls', () => {
    const p = projectForModel('freshdesk_ticket_get', fixture('docs_view_ticket_response.json')) as Record<string, unknown>;
    expect(p).toEqual({
      id: 20,
      status: 'Open',
      priority: 'Low',
      source: 'Portal',
      requester: { id: 1 },
      company_id: 1,
      created_at: '2015-08-24T11:56:51Z',
      updated_at: '2015-08-24T11:59:05Z',
      due_by: '2015-08-27T11:30:00Z',
      description: 'Not given.',
    });
  });

  it('ticket with requester and stats (python-freshdesk sample): requester name + email', () => {
    const p = projectForModel('freshdesk_ticket_get', fixture('pyfd_ticket_1.json')) as Record<string, unknown>;
    expect(p.requester).toMatchObject({ name: expect.any(String), email: expect.stringContaining('@') });
    expect(p).toHaveProperty('stats');
    expect(p).not.toHaveProperty('priority_name');
  });

  it('conversations: kind, author, excerpt ≤ 300 characters', () => {
    const conversations = fixture('pyfd_conversations.json') as Record<string, unknown>[];
    const long = { ...conversations[1], body: `<div>${'Long answer. '.repeat(100)}</div>`, body_text: 'x' };
    const p = projectForModel('freshdesk_ticket_get', {
      id: 1,
      subject: 's',
      status: 6,
      priority: 4,
      conversations: [...conversations, long],
    }) as {
      status: string;
      priority: string;
      conversations: { kind: string; body: string }[];
    };
    expect(p.status).toBe('Custom status 6');
    expect(p.priority).toBe('Urgent');
    expect(p.conversations.map((c) => c.kind)).toEqual(['private note', 'public reply', 'public reply']);
    expect(p.conversations[2]!.body.length).toBeLessThanOrEqual(300);
    expect(p.conversations[2]!.body.endsWith('…')).toBe(true);
  });

  it('plain-text bodies lose their "On … wrote:" history', () => {
    const p = projectForModel('freshdesk_tickets_reply', {
      id: 5,
      ticket_id: 9,
      body_text: 'Thanks, fixed.\n\nOn Mon, 1 Jan 2024 Bob <b@x.co> wrote:\n> old\n> older',
      created_at: 'x',
    }) as Record<string, unknown>;
    expect(p.body).toBe('Thanks, fixed.');
  });

  it('ticket list: compact rows, count and next page; ≤ 25% of the docs sample', () => {
    const raw = fixture('docs_list_tickets_response.json');
    const p = projectForModel('freshdesk_tickets_list', raw, { nextPage: 2 }) as { count: number; next_page: number; tickets: unknown[] };
    expect(p.count).toBe(2);
    expect(p.next_page).toBe(2);
    expect(p.tickets[0]).toEqual({
      id: 18,
      subject: 'Please help',
      status: 'Open',
      priority: 'Low',
      requester_id: 5,
      responder_id: 1,
      updated_at: '2015-08-17T12:02Z',
    });
    expect(JSON.stringify(p).length / JSON.stringify(raw).length).toBeLessThanOrEqual(0.25);
  });

  it('contact, agent, agent list, roles', () => {
    expect(projectForModel('freshdesk_contact_create', fixture('docs_create_contact_response.json'))).toMatchObject({
      id: expect.any(Number),
      name: expect.any(String),
    });
    const agent = projectForModel('freshdesk_agent_create', fixture('docs_create_agent_response.json')) as Record<string, unknown>;
    expect(agent).toMatchObject({
      id: expect.any(Number),
      name: expect.any(String),
      email: expect.stringContaining('@'),
      occasional: true,
    });
    expect(agent).not.toHaveProperty('signature');
    const agents = projectForModel('freshdesk_agents_list', fixture('recorded2024_list_agents_sanitized.json')) as {
      count: number;
      agents: Record<string, unknown>[];
    };
    expect(agents.count).toBeGreaterThan(0);
    expect(agents.agents[0]).toHaveProperty('email');
    const roles = projectForModel('freshdesk_roles_list', fixture('docs_list_roles_response.json')) as { roles: { name: string }[] };
    expect(roles.roles.map((r) => r.name)).toEqual(['Account Administrator', 'Administrator', 'Supervisor', 'Agent']);
  });

  it('agent delete (204, no body) reads as done; unknown tools and odd shapes pass through', () => {
    expect(projectForModel('freshdesk_agent_delete', null, { input: { agent_id: 8 } })).toMatchObject({ deleted: true, agent_id: 8 });
    expect(projectForModel('something_else', { a: 1 })).toEqual({ a: 1 });
    expect(projectForModel('freshdesk_ticket_get', 'text')).toBe('text');
    expect(projectForModel('freshdesk_tickets_list', null)).toEqual({ count: 0 });
  });
});
