// The HTML elements Triage Desk keeps, for both directions: customer HTML shown in the page
// (src-renderer/lib/sanitize.ts, DOMPurify) and HTML that leaves the app (core/tools/outgoing-html.ts,
// sanitize-html). Text structure, lists, tables, emphasis, links and images; each side adds its own
// attribute rules. The URL rules are shared too: which link schemes a link may keep, and which
// images count as inline (everything else is remote and dropped or blocked). Pure data, no imports.
export const HTML_ALLOWED_TAGS: readonly string[] = [
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
];

/** The schemes a link may keep; any other href (relative, javascript:, tel:, //host…) is dropped. */
export const HTML_LINK_SCHEMES: readonly string[] = ['http', 'https', 'mailto'];

/** An href (trimmed) that may stay on a link. */
export const SAFE_LINK = new RegExp(`^(?:${HTML_LINK_SCHEMES.join('|')}):`, 'i');

/** An inline image: base64 PNG, GIF, JPEG or WebP data, base64 characters to the end. Any other
 *  src is remote (it would report when and where a mail is opened) and is not loaded. */
export const INLINE_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp);base64,[a-z0-9+/=\s]*$/i;
