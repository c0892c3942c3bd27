// The row checks of a triage proposal (core/triage/check.ts), on hand-made tickets and choices.
import { describe, expect, it } from 'vitest';
import { checkChanges, checkProposalRow, type Choices } from '../../../src-main/core/triage/check';
import type { ReadTicket } from '../../../src-main/core/triage/read';
import { TriageRow } from '../../../src-shared/contract/triage';

const choices: Choices = {
  groups: [{ id: 7, name: 'Billing' }],
  types: ['Question', 'Problem'],
  agents: [{ id: 11, name: 'Dan' }],
  statuses: [
    { id: 2, name: 'Open' },
    { id: 3, name: 'Pending' },
  ],
};
const ticket: ReadTicket = {
  id: 5,
  subject: 'Invoice   page\nbroken',
  current: { priority: 1, status: 2, type: 'Question', group_id: null, responder_id: null, tags: ['a', 'b'] },
  text: 'Invoice   page\nbroken\nThe “export” button fails since Monday…',
  description: 'The “export” button fails since Monday…',
};
const run = new Map([[5, ticket]]);
const row = (extra: Record<string, unknown>) => ({
  ticket_id: 5,
  changes: {},
  summary: 'x',
  evidence: ['invoice page'],
  confidence: 'high',
  ...extra,
});

describe('triage row checks', () => {
  it('drops changes equal to the current value (tags in any order) and keeps the rest', () => {
    const r = checkChanges({ priority: 1, status: 3, tags: ['b', 'a'], type: 'Question' }, ticket.current, choices, 5);
    expect(r).toEqual({ changes: { status: 3 }, problems: [] });
  });

  it('refuses fields outside the plan, values outside the helpdesk choices and the update tool rules', () => {
    expect(checkChanges({ description: 'x' }, ticket.current, choices, 5).problems[0]).toMatch(/may only hold .*not description/);
    const r = checkChanges({ group_id: 8, responder_id: 12, type: 'Bug', status: 9 }, ticket.current, choices, 5);
    expect(r.problems).toEqual([
      'group_id 8 is not a group of this helpdesk',
      'responder_id 12 is not an agent of this helpdesk',
      expect.stringMatching(/type "Bug" is not one of this helpdesk's types/),
      'status 9 is not a status of this helpdesk',
    ]);
    expect(checkChanges({ priority: 9 }, ticket.current, choices, 5).problems[0]).toMatch(/^priority: Priority must be one of/);
    expect(checkChanges({ tags: ['x,y'] }, ticket.current, choices, 5).problems[0]).toMatch(/commas/);
    expect(checkChanges({ tags: Array.from({ length: 101 }, (_, i) => `t${i}`) }, ticket.current, choices, 5).problems).toContain(
      'tags: at most 100 tags',
    );
  });

  it('finds evidence after normalising, and refuses a quote that is not in the ticket', () => {
    const ok = checkProposalRow(row({ changes: { group_id: 7 }, evidence: ['INVOICE page   broken', '"export" button'] }), run, choices);
    // stored as checked: white space collapsed, the wrapping quote mark removed
    expect(ok).toMatchObject({ ok: true, row: { changes: { group_id: 7 }, evidence: ['INVOICE page broken', 'export" button'] } });
    const bad = checkProposalRow(row({ evidence: ['refund now'] }), run, choices);
    expect(bad).toEqual({ ok: false, ticketId: 5, problems: ['evidence "refund now" is not in the text of ticket 5'] });
    expect(checkProposalRow(row({ evidence: [] }), run, choices)).toMatchObject({ ok: false, problems: ['give 1 to 3 evidence quotes'] });
  });

  it('a quoted quote of 299-300 characters is stored without its quote marks, within the row schema; 301 is refused', () => {
    const body = 'q'.repeat(150) + ' ' + 'w'.repeat(149); // 300 characters
    const long: ReadTicket = { ...ticket, text: `Subject\n${body} tail`, description: `${body} tail` };
    const longRun = new Map([[5, long]]);
    for (const quote of [`"${body}"`, `“${body.slice(1)}”`, `  '${body}'  `]) {
      const r = checkProposalRow(row({ changes: { group_id: 7 }, evidence: [quote] }), longRun, choices);
      expect(r.ok).toBe(true);
      const evidence = r.ok ? r.row.evidence : [];
      expect(evidence[0]).toBe(quote.trim().slice(1, -1));
      expect(TriageRow.shape.evidence.safeParse(evidence).success).toBe(true);
    }
    const tooLong = checkProposalRow(row({ evidence: [`"${body} t"`] }), new Map([[5, { ...long, text: `${body} tail` }]]), choices);
    expect(tooLong).toMatchObject({ ok: false, problems: ['evidence quote is longer than 300 characters'] });
  });

  it('a ticket outside the run, a bad shape, a long summary', () => {
    expect(checkProposalRow(row({ ticket_id: 6 }), run, choices)).toEqual({
      ok: false,
      ticketId: 6,
      problems: ['ticket 6 is not in this run'],
    });
    expect(checkProposalRow({ ticket_id: 5 }, run, choices)).toMatchObject({ ok: false, ticketId: 5 });
    expect(checkProposalRow(row({ summary: 'y'.repeat(161) }), run, choices)).toMatchObject({
      ok: false,
      problems: ['summary is longer than 160 characters'],
    });
  });
});
