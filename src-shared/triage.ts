// Triage plan limits and names, zod-free so the page can import them too (the shapes are in
// ./contract/triage). How a run works: docs/triage.md.
/** The chat's local tool that starts a triage plan (its card opens the plan). */
export const TRIAGE_CHAT_TOOL = 'triage_plan_start';

/** At most this many tickets in one run. */
export const TRIAGE_MAX_TICKETS = 50;
/** A row's one-line summary for the agent. */
export const TRIAGE_SUMMARY_MAX = 160;
/** Evidence quotes per row, and the longest quote. */
export const TRIAGE_EVIDENCE_MAX = 3;
export const TRIAGE_QUOTE_MAX = 300;
/** A drafted reply (HTML); it is never sent from the plan. */
export const TRIAGE_DRAFT_MAX = 10_000;

/** Tags a row may set (its full new list). */
export const TRIAGE_MAX_TAGS = 100;

/** The fields a plan may change; `tags` is the full new list. */
export const TRIAGE_FIELDS = ['priority', 'status', 'type', 'group_id', 'responder_id', 'tags'] as const;
export type TriageField = (typeof TRIAGE_FIELDS)[number];

// ---- Evidence quotes: ONE normaliser for main's check (core/triage/check.ts) and the page's
// highlighting (screens/TriagePlan.tsx), so a quote main accepted is the one the page marks.

/** The longest text the normaliser reads (a plan's ticket text is far shorter); the rest is ignored. */
export const TRIAGE_NORMALIZE_MAX = 100_000;

const STRAIGHT: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"' };
const SPACE = /\s/;

/**
 * Lower case, curly quotes as straight ones, one space for every run of white space, trimmed;
 * `from[i]` is the index in `s` of the character that gave `text[i]`. One linear pass, capped.
 */
export function normalizeTriageTextMapped(s: string): { text: string; from: number[] } {
  let text = '';
  const from: number[] = [];
  const end = Math.min(s.length, TRIAGE_NORMALIZE_MAX);
  let space = -1; // where a pending run of white space began
  for (let i = 0; i < end;) {
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    if (SPACE.test(ch)) {
      if (text !== '' && space < 0) space = i;
    } else {
      if (space >= 0) {
        text += ' ';
        from.push(space);
        space = -1;
      }
      const low = STRAIGHT[ch] ?? ch.toLowerCase();
      text += low;
      for (let k = 0; k < low.length; k++) from.push(i);
    }
    i += ch.length;
  }
  return { text, from };
}

/** What evidence quotes and ticket text are compared in (see normalizeTriageTextMapped). */
export function normalizeTriageText(s: string): string {
  return normalizeTriageTextMapped(s).text;
}

/** A quote as stored and checked: one space for each run of white space, wrapping quote marks removed. */
export function triageQuoteForm(quote: string): string {
  return quote
    .slice(0, TRIAGE_NORMALIZE_MAX)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'“‘]|["'”’]$/g, '')
    .trim();
}

/**
 * Where the quotes are in `text`, as main checks them: sorted, merged [start, end) ranges of
 * `text`. Quotes that are empty or over TRIAGE_QUOTE_MAX once normalised mark nothing.
 */
export function findTriageQuotes(text: string, quotes: readonly string[]): [number, number][] {
  const { text: hay, from } = normalizeTriageTextMapped(text);
  const found: [number, number][] = [];
  for (const quote of quotes.slice(0, TRIAGE_EVIDENCE_MAX)) {
    const q = normalizeTriageText(triageQuoteForm(quote));
    if (q === '' || q.length > TRIAGE_QUOTE_MAX) continue;
    for (let at = hay.indexOf(q); at >= 0; at = hay.indexOf(q, at + q.length)) {
      const last = from[at + q.length - 1];
      found.push([from[at], last + String.fromCodePoint(text.codePointAt(last)!).length]);
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of found) {
    const prev = merged[merged.length - 1];
    if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
