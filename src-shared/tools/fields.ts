// Field schemas shared by the ten tools. They carry Freshdesk's own rules (docs/freshdesk-api.md §2,
// §4) so that input Freshdesk would refuse is refused here, before it costs a rate-limit credit.
import { z } from 'zod';
import { EMAIL_MAX_LENGTH, EMAIL_PATTERN } from '../email';
import { AGENT_TYPE_NAMES, PRIORITY_NAMES, SOURCE_NAMES, TICKET_SCOPE_NAMES } from '../freshdesk';

/** A Freshdesk record id (ticket, contact, agent, group, company…). */
export const recordId = (what: string) =>
  z
    .number({
      error: (iss) => (iss.input === undefined ? `Required: the ${what} (a whole number).` : `The ${what} must be a whole number.`),
    })
    .int({ error: `The ${what} must be a whole number.` })
    .positive({ error: `The ${what} must be a positive number.` });

export const idList = (what: string) => z.array(recordId(what), { error: `A list of ${what}s (whole numbers).` });

export const email = (what = 'email address') =>
  z
    .email({ pattern: EMAIL_PATTERN, error: `Not a valid ${what}.` })
    .max(EMAIL_MAX_LENGTH, { error: `An email address can have at most ${EMAIL_MAX_LENGTH} characters.` });

/** cc/bcc lists: valid addresses; Freshdesk refuses 50 of them. */
export const emailList = (what: string) =>
  z.array(email(), { error: `${what} must be a list of email addresses.` }).max(49, { error: `${what} can hold at most 49 addresses.` });

export const text = (what: string, max?: number) => {
  const s = z.string({ error: (iss) => (iss.input === undefined ? `Required: ${what}.` : `${what} must be text.`) });
  return max === undefined ? s : s.max(max, { error: `${what} can have at most ${max} characters.` });
};

export const html = (what: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `Required: ${what}.` : `${what} must be text (HTML is allowed).`) })
    .refine((s) => s.trim() !== '', { error: `${what} must not be blank.` });

export const tagList = z
  .array(
    z
      .string({ error: 'Each tag must be text.' })
      .min(1, { error: 'A tag must not be empty.' })
      .max(32, { error: 'A tag can have at most 32 characters.' })
      .regex(/^[^,]*$/, { error: 'A tag must not contain commas; send each tag as its own list item.' }),
    { error: 'Tags must be a list of strings.' },
  )
  .describe('Tags, each at most 32 characters, no commas.');

/** Values of the account's custom fields (keys as Freshdesk names them, e.g. cf_category). */
export const customFields = z
  .record(z.string().min(1), z.union([z.string(), z.number(), z.boolean(), z.null()]), {
    error: 'custom_fields must be an object of field name → value.',
  })
  .describe('Custom field values keyed by the field name (e.g. cf_category).');

function enumOf(names: Record<number, string>, what: string) {
  const values = Object.keys(names).map(Number) as [number, ...number[]];
  const listed = values.map((v) => `${v} (${names[v]})`).join(', ');
  return z
    .literal(values, {
      error: (iss) => (iss.input === undefined ? `Required: ${what}, one of ${listed}.` : `${what} must be one of ${listed}.`),
    })
    .describe(`${what}: ${listed}.`);
}

export const priority = enumOf(PRIORITY_NAMES, 'Priority');
export const source = enumOf(SOURCE_NAMES, 'Source');
export const ticketScope = enumOf(TICKET_SCOPE_NAMES, 'Ticket scope');
export const agentType = enumOf(AGENT_TYPE_NAMES, 'Agent type');

/** 2–5 are built in; accounts add their own (6, 7, …), so any positive number passes and Freshdesk judges the rest. */
export const status = recordId('status').describe(
  "Status: 2 Open, 3 Pending, 4 Resolved, 5 Closed, or one of the account's custom statuses (6, 7, …).",
);

/** Freshdesk's date-time input: YYYY-MM-DD, optionally THH:MM[:SS] and Z / ±hh[:mm]. No zone means UTC. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;
export function parseFreshdeskDate(s: string): number {
  const m = DATE_TIME.exec(s);
  if (!m) return Number.NaN;
  let iso = s;
  if (!s.includes('T')) iso += 'T00:00:00Z';
  else if (!/(Z|[+-]\d{2}(:?\d{2})?)$/.test(s.slice(10))) iso += 'Z';
  iso = iso.replace(/([+-]\d{2})$/, '$1:00').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  return Date.parse(iso);
}
export const dateTime = (what: string) =>
  z
    .string({ error: `${what} must be a date-time text such as 2025-05-01T17:00:00Z.` })
    .refine((s) => Number.isFinite(parseFreshdeskDate(s)), {
      error: `${what} must be a date-time such as 2025-05-01T17:00:00Z (YYYY-MM-DD, optional THH:MM[:SS] and Z or ±hh:mm).`,
    });

export const page = (maxPage?: number) => {
  const p = z
    .number({ error: 'page must be a whole number.' })
    .int({ error: 'page must be a whole number.' })
    .min(1, { error: 'Pages start at 1.' });
  return maxPage === undefined
    ? p
    : p.max(maxPage, { error: `Freshdesk serves at most ${maxPage} pages; narrow the search (e.g. updated_since) instead.` });
};
export const perPage = z
  .number({ error: 'per_page must be a whole number.' })
  .int({ error: 'per_page must be a whole number.' })
  .min(1, { error: 'per_page must be at least 1.' })
  .max(100, { error: 'per_page can be at most 100.' })
  .describe('Results per page, 1–100 (default 30).');

/** A comma-separated include list checked against the allowed values (no repeats). */
export const includeList = (allowed: readonly string[]) =>
  z
    .string({ error: `include must be text: a comma-separated list of ${allowed.join(', ')}.` })
    .superRefine((s, ctx) => {
      const parts = s.split(',');
      const seen = new Set<string>();
      for (const part of parts) {
        if (!allowed.includes(part)) {
          ctx.addIssue({
            code: 'custom',
            message: `"${part}" cannot be included; use a comma-separated list (no spaces) of: ${allowed.join(', ')}.`,
          });
          return;
        }
        if (seen.has(part)) {
          ctx.addIssue({ code: 'custom', message: `"${part}" is listed twice.` });
          return;
        }
        seen.add(part);
      }
    })
    .describe(`Comma-separated, no spaces: ${allowed.join(', ')}.`);

/** An "at least one of" rule, reported on `field` with Freshdesk's missing_field code. */
export function requireOneOf<T extends Record<string, unknown>>(keys: (keyof T & string)[], field: keyof T & string, message: string) {
  return (value: T, ctx: z.RefinementCtx) => {
    if (!keys.some((k) => value[k] !== undefined)) {
      ctx.addIssue({ code: 'custom', path: [field], message, params: { code: 'missing_field' } });
    }
  };
}
