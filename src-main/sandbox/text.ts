import { htmlTextPass, trimLineEnds } from '../../src-shared/html-text';

const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

const LINE_END = new Set(['div', 'p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr']);

/** Plain-text rendering of stored HTML, as Freshdesk fills `description_text` / `body_text`.
 *  Linear and capped (src-shared/html-text.ts): every test and benchmark stands on it. */
export function htmlToText(html: string): string {
  const text = htmlTextPass(html, { tagText: (name, closing) => (name === 'br' || (closing && LINE_END.has(name)) ? '\n' : '') });
  return trimLineEnds(text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (m) => ENTITIES[m] ?? m))
    .replace(/\n{2,}/g, '\n')
    .trim();
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function textToHtml(text: string): string {
  return `<div>${escapeHtml(text)}</div>`;
}
