// The one evidence-quote normaliser (src-shared/triage.ts) that main's check and the plan page's
// highlighting share: what main accepts is what the page marks.
import { describe, expect, it } from 'vitest';
import { findTriageQuotes, normalizeTriageText, triageQuoteForm } from '../../../src-shared/triage';
import { checkProposalRow, type Choices } from '../../../src-main/core/triage/check';
import type { ReadTicket } from '../../../src-main/core/triage/read';

const marked = (text: string, quotes: string[]) => findTriageQuotes(text, quotes).map(([s, e]) => text.slice(s, e));

describe('triage evidence quotes (shared by main and the page)', () => {
  it('normalises case, white space and curly quotes, in one linear, capped pass', () => {
    expect(normalizeTriageText('  A\t\n b  “C” ‘d’ ')).toBe('a b "c" \'d\'');
    expect(normalizeTriageText('“Export”  FAILS')).toBe(normalizeTriageText('"export" fails'));
    const long = ' x'.repeat(200_000);
    const t0 = performance.now();
    expect(normalizeTriageText(long).length).toBeLessThanOrEqual(100_000);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('strips white space and the wrapping quote marks of a quote', () => {
    expect(triageQuoteForm('  "the  export\nbutton"  ')).toBe('the export button');
    expect(triageQuoteForm('“fails since Monday”')).toBe('fails since Monday');
  });

  it('marks a straight-quoted, re-spaced, re-cased quote in text with curly quotes, on the original characters', () => {
    const text = 'Invoice   page\nbroken\nThe “export” button fails since Monday…';
    expect(marked(text, ['"The "EXPORT" button"', 'invoice page broken'])).toEqual(['Invoice   page\nbroken', 'The “export” button']);
    expect(marked(text, ['refund now', '""'])).toEqual([]);
    // overlapping quotes merge into one mark
    expect(marked(text, ['export” button', 'button fails'])).toEqual(['export” button fails']);
    expect(marked('a 😀 B c', ['😀 b'])).toEqual(['😀 B']);
  });

  it("agrees with main's check: a quote main accepts is marked on the page", () => {
    const text = 'Login broken\nThe “Reset password” link   says\tEXPIRED every time';
    const ticket: ReadTicket = {
      id: 5,
      subject: 'Login broken',
      current: { priority: 1, status: 2, type: null, group_id: null, responder_id: null, tags: [] },
      text,
      description: text,
    };
    const choices: Choices = { groups: [{ id: 7, name: 'B' }], types: [], agents: [], statuses: [] };
    const quote = '"the "reset password" link says expired"';
    const r = checkProposalRow(
      { ticket_id: 5, changes: { group_id: 7 }, summary: 's', evidence: [quote], confidence: 'high' },
      new Map([[5, ticket]]),
      choices,
    );
    expect(r.ok).toBe(true);
    const stored = r.ok ? r.row.evidence : [];
    expect(marked(text, stored)).toEqual(['The “Reset password” link   says\tEXPIRED']);
  });
});
