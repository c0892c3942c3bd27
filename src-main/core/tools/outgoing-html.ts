// The one policy for HTML that leaves the app: reply bodies and ticket create/update descriptions
// (docs/approvals.md, "What is sent is what the card shows"). Applied in main only: by the tool
// service before every write (so every path — chat approval, the composer, MCP — sends the same
// cleaned HTML) and by the chat before it raises an approval, so the card shows that cleaned HTML.
// The tool schemas (shared with the renderer) stay free of it.
//
// Kept: text structure, lists, tables, emphasis, links (http, https, mailto; a relative href is
// dropped; the card lists each destination) and inline data: images (the URL rules are shared
// with the renderer, src-shared/html-policy.ts). Dropped: comments (hidden text the card would
// not show), remote images (they report when and where a mail is opened, and can carry data in their URL),
// event handlers, styles, scripts, forms, frames and every other attribute.
import sanitizeHtml from 'sanitize-html';
import type { FieldError } from '../types';
import { HTML_ALLOWED_TAGS, HTML_LINK_SCHEMES, INLINE_IMAGE, SAFE_LINK } from '../../../src-shared/html-policy';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...HTML_ALLOWED_TAGS],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
    '*': ['dir', 'lang'],
  },
  allowedSchemes: [...HTML_LINK_SCHEMES],
  allowedSchemesByTag: { img: ['data'] },
  allowProtocolRelative: false,
  // allowedSchemes lets relative hrefs through; the shared rule (as in the renderer) does not.
  transformTags: {
    a: (tagName, attribs) => {
      const { href, ...rest } = attribs;
      return { tagName, attribs: href !== undefined && SAFE_LINK.test(href.trim()) ? { ...rest, href } : rest };
    },
  },
  // An image that is not inline data is dropped whole (a src-less <img> would still be a box).
  // This filter re-slices the output per image removed, one reason the input is capped below.
  exclusiveFilter: (frame) => frame.tag === 'img' && !INLINE_IMAGE.test(frame.attribs.src ?? ''),
  disallowedTagsMode: 'discard',
};

/** Outgoing HTML larger than this is refused (by the tools' schemas), never cut: the cleaning
 *  library's cost grows faster than linear with the number of nested tags. */
export const OUTGOING_HTML_MAX_CHARS = 512_000;
export const OUTGOING_HTML_MAX_TAGS = 2_000;

/** Counts '<' with indexOf, up to `limit` + 1. */
export function tagCount(html: string, limit = OUTGOING_HTML_MAX_TAGS): number {
  let n = 0;
  for (let i = html.indexOf('<'); i >= 0 && n <= limit; i = html.indexOf('<', i + 1)) n++;
  return n;
}

/** Outgoing HTML as it will be posted. Idempotent: cleaning the result again changes nothing. */
export function sanitizeOutgoingHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

/** The HTML fields of each write tool that goes to Freshdesk. */
export const OUTGOING_HTML_FIELDS: Readonly<Record<string, readonly string[]>> = {
  freshdesk_tickets_reply: ['body'],
  freshdesk_ticket_create: ['description'],
  freshdesk_ticket_update: ['description'],
};

export type PreparedInput = { ok: true; input: unknown } | { ok: false; fields: FieldError[] };

/**
 * A write's input as it will be sent: its HTML fields cleaned with the outgoing policy. Refused
 * (field errors, nothing cleaned) when an HTML field is over the caps, or has nothing left once
 * cleaned. Anything that is not a write with HTML fields passes through unchanged.
 */
export function prepareOutgoing(tool: string, input: unknown): PreparedInput {
  const fields = OUTGOING_HTML_FIELDS[tool];
  if (!fields || !input || typeof input !== 'object' || Array.isArray(input)) return { ok: true, input };
  const out: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  const errors: FieldError[] = [];
  for (const field of fields) {
    const value = out[field];
    if (typeof value !== 'string') continue;
    if (value.length > OUTGOING_HTML_MAX_CHARS) {
      errors.push({
        field,
        message: `Can have at most ${OUTGOING_HTML_MAX_CHARS.toLocaleString('en-US')} characters.`,
        code: 'invalid_value',
      });
    } else if (tagCount(value) > OUTGOING_HTML_MAX_TAGS) {
      errors.push({
        field,
        message: `Has more than ${OUTGOING_HTML_MAX_TAGS.toLocaleString('en-US')} HTML tags; send a simpler message.`,
        code: 'invalid_value',
      });
    } else {
      const cleaned = sanitizeOutgoingHtml(value);
      if (value.trim() !== '' && cleaned.trim() === '') {
        errors.push({
          field,
          message: 'Has nothing left to send once scripts, comments and remote images are removed.',
          code: 'invalid_value',
        });
      }
      out[field] = cleaned;
    }
  }
  return errors.length > 0 ? { ok: false, fields: errors } : { ok: true, input: out };
}
