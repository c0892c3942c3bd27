// Ticket text, conversations and contact fields are written by customers (or anyone who can
// email the helpdesk). They reach the model only as quoted data inside a marker it is told to
// distrust, and any address or id the model copies from them into a write is flagged.

export const UNTRUSTED_TAG = 'untrusted_freshdesk_data';

/** JSON that cannot close the marker early: every `<` inside strings becomes \u003c. */
export function quoteJson(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(/</g, '\\u003c');
}

/** A successful tool result as the model sees it. */
export function wrapUntrusted(tool: string, projected: unknown, note?: string): string {
  const body = `<${UNTRUSTED_TAG} tool="${tool}">\n${quoteJson(projected)}\n</${UNTRUSTED_TAG}>`;
  return note ? `${body}\n${note}` : body;
}

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi;
const NUMBER = /(?<![\w.])\d{1,15}(?!\w)(?!\.\d)/g;
/** timestamps are Freshdesk's own, and their digits would look like ids */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The longest e-mail local part and domain (RFC 5321), so each match is looked for in a window. */
const LOCAL_MAX = 64;
const DOMAIN_MAX = 255;
/** past this many '@' in one string, the rest are not looked at (customer text, not an address book) */
const MAX_AT_SIGNS = 500;

/**
 * E-mail addresses in a string. Matching the pattern over a long run of text without an '@'
 * backtracks quadratically (a 30 KB blob took about a second), so only a window around each '@'
 * is searched: linear in the length of the string.
 */
function emailsIn(text: string): string[] {
  const found: string[] = [];
  let from = 0;
  let count = 0;
  let searchedTo = 0;
  while (count < MAX_AT_SIGNS) {
    const at = text.indexOf('@', from);
    if (at < 0) break;
    count++;
    from = at + 1;
    const start = Math.max(searchedTo, at - LOCAL_MAX);
    if (start > at) continue; // this '@' sat inside an address already found
    const window = text.slice(start, at + DOMAIN_MAX + 1);
    for (const m of window.matchAll(EMAIL)) {
      found.push(m[0]);
      searchedTo = start + (m.index ?? 0) + m[0].length;
    }
  }
  return found;
}

/** Addresses and numbers that appear inside free text (or any string) of a value. */
export function harvestValues(value: unknown, into: Set<string> = new Set(), depth = 0): Set<string> {
  if (depth > 12) return into;
  if (typeof value === 'string') {
    if (ISO_DATE.test(value)) return into;
    for (const email of emailsIn(value)) into.add(normalizeValue(email));
    for (const m of value.matchAll(NUMBER)) into.add(normalizeValue(m[0]));
  } else if (Array.isArray(value)) {
    for (const v of value) harvestValues(v, into, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) harvestValues(v, into, depth + 1);
  }
  return into;
}

/** What the person typed: their messages (and the ticket they asked from). */
export function typedValues(text: string, into: Set<string>): Set<string> {
  return harvestValues(text, into);
}

export function normalizeValue(v: string | number): string {
  const s = String(v).trim().toLowerCase();
  return /^\d+$/.test(s) ? String(Number(s)) : s;
}

/** Fields of a write that address someone or something: ids and email addresses. */
function isAddressField(key: string): boolean {
  return /(^|_)(id|ids)$/.test(key) || /email/.test(key);
}

/**
 * Fields of a write input whose address/id value was seen in Freshdesk data but never typed by
 * the person: e.g. a Cc address that a customer wrote into the ticket body.
 * Returns ['uses_value_from_ticket_content:<field>', ...].
 */
export function untrustedValueFlags(input: unknown, seen: Set<string>, typed: Set<string>): string[] {
  const flags = new Set<string>();
  const check = (field: string, v: unknown) => {
    if (typeof v !== 'string' && typeof v !== 'number') return;
    const n = normalizeValue(v);
    if (n === '' || typed.has(n)) return;
    if (seen.has(n)) flags.add(`uses_value_from_ticket_content:${field}`);
  };
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    for (const [key, v] of Object.entries(input)) {
      if (!isAddressField(key)) continue;
      if (Array.isArray(v)) v.forEach((item) => check(key, item));
      else check(key, v);
    }
  }
  return [...flags];
}
