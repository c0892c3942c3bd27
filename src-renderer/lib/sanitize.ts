// Ticket and conversation HTML is written by customers: it is sanitized before it touches the
// DOM. No scripts, no event handlers, no styles (CSP blocks them anyway), no forms or frames,
// and no remote resources: an http(s) image would tell the sender when and where the ticket was
// read, so it is replaced by a visible "remote image blocked" placeholder. Links stay, but are
// opened only after the person confirms (see SafeHtml).
import DOMPurify from 'dompurify';
import { HTML_TEXT_MAX } from '../../src-shared/html-text';
import { HTML_ALLOWED_TAGS, INLINE_IMAGE, SAFE_LINK } from '../../src-shared/html-policy';

const ALLOWED_TAGS = [...HTML_ALLOWED_TAGS];
const ALLOWED_ATTR = ['href', 'title', 'alt', 'src', 'colspan', 'rowspan', 'dir', 'lang', 'width', 'height', 'cite'];

let purifier: ReturnType<typeof DOMPurify> | undefined;
/** placeholders we created: the only elements allowed a class (customer HTML may not borrow ours) */
const ours = new WeakSet<Node>();

function instance() {
  if (purifier) return purifier;
  const p = DOMPurify(window);
  p.addHook('uponSanitizeAttribute', (node, data) => {
    if (data.attrName === 'class' && !ours.has(node)) data.keepAttr = false;
  });
  p.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    if (el.tagName === 'A') {
      const href = el.getAttribute('href') ?? '';
      if (!SAFE_LINK.test(href.trim())) el.removeAttribute('href');
      el.setAttribute('rel', 'noopener noreferrer');
      el.removeAttribute('target');
    }
    if (el.tagName === 'IMG') {
      const src = (el.getAttribute('src') ?? '').trim();
      if (!INLINE_IMAGE.test(src)) {
        const placeholder = el.ownerDocument.createElement('span');
        placeholder.className = 'blocked-image';
        ours.add(placeholder);
        const alt = el.getAttribute('alt');
        placeholder.textContent = alt ? `[remote image blocked: ${alt.slice(0, 80)}]` : '[remote image blocked]';
        el.replaceWith(placeholder);
      }
    }
  });
  purifier = p;
  return p;
}

/**
 * Renames on…= attributes inside tags before the HTML parser sees them. Not the security
 * boundary (DOMPurify removes every handler anyway, and CSP forbids inline script): Chromium
 * reports a CSP violation for each handler attribute it parses, even in an inert document, and
 * those reports are how we notice our own code breaking the policy. The renamed data- attribute
 * is then dropped by DOMPurify like any other.
 */
export function defuseHandlers(html: string): string {
  // [^<>] (not [^>]): an attempt that fails stops at the next '<', so an unclosed "<a<a<a…"
  // costs one pass, not one pass per '<' (docs/approvals.md, "Customer text").
  return html.replace(/<[a-z][^<>]*>/gi, (tag) => tag.replace(/([\s/"'])on(?=[a-z]+\s*=)/gi, '$1data-defused-on'));
}

/** Customer HTML past this many characters is not rendered (as in main, src-shared/html-text.ts). */
export const TICKET_HTML_MAX = HTML_TEXT_MAX;

export function sanitizeTicketHtml(html: string | null | undefined): string {
  if (!html) return '';
  const capped = html.length > TICKET_HTML_MAX ? html.slice(0, TICKET_HTML_MAX) : html;
  return instance().sanitize(defuseHandlers(capped), {
    ALLOWED_TAGS,
    ALLOWED_ATTR: [...ALLOWED_ATTR, 'class'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    WHOLE_DOCUMENT: false,
    RETURN_TRUSTED_TYPE: false,
  }) as string;
}

/** HTML (e.g. a reply Claude drafted) → the plain text the composer edits. Parsed inertly. */
export function htmlToPlainText(html: string): string {
  const doc = new DOMParser().parseFromString(sanitizeTicketHtml(html), 'text/html');
  doc.querySelectorAll('br').forEach((br) => br.replaceWith('\n'));
  doc.querySelectorAll('p, div, li, h1, h2, h3, h4, h5, h6, blockquote, pre, tr').forEach((el) => el.append('\n\n'));
  return (doc.body.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}

/** Every link of some HTML with its full destination, as the approval card lists them: the
 *  text a reader sees can say anything, the address is what they get. */
export function linksIn(html: string): Array<{ text: string; href: string }> {
  const doc = new DOMParser().parseFromString(sanitizeTicketHtml(html), 'text/html');
  return Array.from(doc.querySelectorAll('a[href]')).map((a) => ({
    text: (a.textContent ?? '').trim(),
    href: a.getAttribute('href') ?? '',
  }));
}
