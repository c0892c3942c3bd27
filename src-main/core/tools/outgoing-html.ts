// The one policy for HTML that leaves the app: reply bodies and ticket create/update descriptions
// (docs/approvals.md, "What is sent is what the card shows"). Applied by the tools' own input
// schemas (fields.ts `html`), so every path — chat approval, the composer, MCP — sends the same
// cleaned HTML, and the chat shows that cleaned HTML on the approval card before anything runs.
//
// Kept: text structure, lists, tables, emphasis, links (http, https, mailto; the card lists each
// destination) and inline data: images. Dropped: comments (hidden text the card would not show),
// remote images (they report when and where a mail is opened, and can carry data in their URL),
// event handlers, styles, scripts, forms, frames and every other attribute.
import sanitizeHtml from 'sanitize-html';

const INLINE_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp);base64,[a-z0-9+/=\s]*$/i;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'a',
    'abbr',
    'b',
    'blockquote',
    'br',
    'caption',
    'code',
    'col',
    'colgroup',
    'dd',
    'del',
    'div',
    'dl',
    'dt',
    'em',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'i',
    'img',
    'ins',
    'kbd',
    'li',
    'mark',
    'ol',
    'p',
    'pre',
    'q',
    's',
    'small',
    'span',
    'strike',
    'strong',
    'sub',
    'sup',
    'table',
    'tbody',
    'td',
    'tfoot',
    'th',
    'thead',
    'tr',
    'u',
    'ul',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
    '*': ['dir', 'lang'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['data'] },
  allowProtocolRelative: false,
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
