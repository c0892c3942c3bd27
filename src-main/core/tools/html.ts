// Ticket and conversation HTML → short plain text for the model. Customer-written HTML is data,
// never markup to render here; quoted e-mail history is dropped because it repeats earlier turns.
import { HTML_TEXT_MAX, htmlTextPass } from '../../../src-shared/html-text';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{1,31}\d{0,2});/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return safeChar(parseInt(lower.slice(2), 16), whole);
    if (lower.startsWith('#')) return safeChar(parseInt(lower.slice(1), 10), whole);
    return ENTITIES[lower] ?? whole;
  });
}

function safeChar(code: number, fallback: string): string {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

const BLOCK_END = new Set(['p', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table']);

/** Linear and capped (src-shared/html-text.ts): customer HTML cannot stall main. */
export function htmlToText(html: string): string {
  const s = htmlTextPass(html, {
    dropElements: ['script', 'style', 'head', 'title', 'blockquote'],
    tagText: (name, closing) => (name === 'br' ? '\n' : closing && BLOCK_END.has(name) ? '\n' : !closing && name === 'li' ? '- ' : ''),
  });
  return tidy(decodeEntities(s));
}

/** Collapses runs of spaces and blank lines. */
export function tidy(s: string): string {
  return s
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}

/** At most `max` characters, cut at a word boundary when one is near, marked with an ellipsis. */
export function excerpt(text: string, max = 300): string {
  const t = tidy(text.length > HTML_TEXT_MAX ? text.slice(0, HTML_TEXT_MAX) : text);
  if (t.length <= max) return t;
  let cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.7) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}
