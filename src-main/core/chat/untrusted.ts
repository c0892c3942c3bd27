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
export function isAddressField(key: string): boolean {
  return /(^|_)(id|ids)$/.test(key) || /email/.test(key);
}

/**
 * Fields of a write input whose address/id value was seen in Freshdesk data but never typed by
 * the person: e.g. a Cc address that a customer wrote into the ticket body.
 * Returns ['uses_value_from_ticket_content:<field>', ...].
 */
export function untrustedValueFlags(input: unknown, seen: ReadonlySet<string>, typed: ReadonlySet<string>): string[] {
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

/** past this many characters of one string, an address written out in words is not looked for */
const SPELLED_MAX = 64 * 1024;

/**
 * "mallory at evil dot example", "mallory [at] evil (dot) example", "mallory @ evil . example"
 * → "mallory@evil.example", so an address spelled out to slip past a check is still an address.
 * Every pattern has bounded repeats and starts at a fixed character or a word, so each pass is
 * linear in the (capped) length.
 */
export function spelledOutAddresses(text: string): string {
  const s = text.length > SPELLED_MAX ? text.slice(0, SPELLED_MAX) : text;
  if (!/\b(?:at|dot)\b|\s@|@\s/i.test(s)) return s;
  return s
    .replace(/[[({<]\s{0,3}(at|dot)\s{0,3}[\])}>]/gi, (_m, w: string) => (w.toLowerCase() === 'at' ? '@' : '.'))
    .replace(/\s{1,3}\b(at|dot)\b\s{1,3}/gi, (_m, w: string) => (w.toLowerCase() === 'at' ? '@' : '.'))
    .replace(/\s{1,3}@\s{0,3}|@\s{1,3}/g, '@')
    .replace(/@([a-z0-9-]{1,63})\s{1,3}\.\s{0,3}(?=[a-z])/gi, '@$1.');
}

/**
 * Ids and addresses the helpdesk itself returned (record ids, requester ids, agent e-mails…):
 * with what the person typed, the only values a write may name without being asked about.
 */
export function harvestReturned(value: unknown, into: Set<string>, depth = 0): Set<string> {
  if (depth > 12 || !value || typeof value !== 'object') return into;
  if (Array.isArray(value)) {
    for (const v of value) harvestReturned(v, into, depth + 1);
    return into;
  }
  for (const [key, v] of Object.entries(value)) {
    if (isAddressField(key)) {
      for (const item of Array.isArray(v) ? v : [v]) {
        if (typeof item === 'number' || typeof item === 'string') into.add(normalizeValue(item));
      }
    }
    if (v && typeof v === 'object') harvestReturned(v, into, depth + 1);
  }
  return into;
}

/**
 * Addresses and ids in a write that the person never typed and the helpdesk never returned in
 * this thread: an address field with a value from nowhere ('unknown_value:<field>'), or an e-mail
 * address (plain or spelled out) anywhere in the input's text ('unknown_address:<field>').
 */
export function unknownValueFlags(input: unknown, known: (normalized: string) => boolean): string[] {
  const flags = new Set<string>();
  const walk = (field: string, v: unknown, depth: number, addressField: boolean) => {
    if (depth > 6) return;
    if (typeof v === 'number' || typeof v === 'string') {
      if (addressField) {
        const n = normalizeValue(v);
        if (n !== '' && !known(n)) flags.add(`unknown_value:${field}`);
      } else if (typeof v === 'string') {
        for (const email of emailsIn(spelledOutAddresses(v))) {
          if (!known(normalizeValue(email))) flags.add(`unknown_address:${field}`);
        }
      }
    } else if (Array.isArray(v)) {
      for (const item of v.slice(0, 100)) walk(field, item, depth + 1, addressField);
    } else if (v && typeof v === 'object') {
      for (const item of Object.values(v).slice(0, 100)) walk(field, item, depth + 1, false);
    }
  };
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    for (const [key, v] of Object.entries(input)) walk(key, v, 0, isAddressField(key));
  }
  return [...flags];
}
