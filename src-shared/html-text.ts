// One pass over customer-written HTML that turns it into text, linear in the input and capped:
// the core's text for Claude (src-main/core/tools/html.ts) and the sandbox's description_text
// (src-main/sandbox/text.ts) both stand on it. Regexes like `<!--[\s\S]*?-->` or `<[^>]*>`
// retry from every `<` of an unclosed input and take quadratic time (128 KB of "<!--" took
// seconds); here every search starts where the last one ended, and a search that found nothing
// is not repeated (docs/approvals.md, "Customer text").

/** Customer HTML past this many characters is not looked at. */
export const HTML_TEXT_MAX = 1_000_000;

export interface HtmlTextOptions {
  /** elements dropped together with their content, lower-case (e.g. script, blockquote) */
  dropElements?: readonly string[];
  /** what a tag becomes: `name` is lower-case, `closing` for `</name>`; default '' */
  tagText?: (name: string, closing: boolean) => string;
  /** default HTML_TEXT_MAX */
  max?: number;
}

const TAG_NAME = /^<(\/?)([a-z][a-z0-9-]{0,31})/i;

/**
 * Tags removed (or replaced by `tagText`), comments and `dropElements` removed with their content.
 * As browsers do, an unclosed comment runs to the end; an element without its closing tag loses
 * only its tag; a `<` that no `>` follows is text.
 */
export function htmlTextPass(html: string, opts: HtmlTextOptions = {}): string {
  const max = opts.max ?? HTML_TEXT_MAX;
  const s = html.length > max ? html.slice(0, max) : html;
  const drop = new Set(opts.dropElements ?? []);
  /** elements whose closing tag was looked for and is not in the rest of the input */
  const unclosed = new Set<string>();
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt < 0) {
      out.push(s.slice(i));
      break;
    }
    out.push(s.slice(i, lt));
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      if (end < 0) break;
      out.push(' ');
      i = end + 3;
      continue;
    }
    const gt = s.indexOf('>', lt + 1);
    if (gt < 0) {
      // No tag closes after this point: the rest is text.
      out.push(s.slice(lt));
      break;
    }
    const m = TAG_NAME.exec(s.slice(lt, Math.min(gt + 1, lt + 34)));
    const closing = m?.[1] === '/';
    const name = m ? m[2].toLowerCase() : '';
    i = gt + 1;
    if (m && !closing && drop.has(name) && !unclosed.has(name)) {
      const close = new RegExp(`</${name}\\s*>`, 'gi');
      close.lastIndex = i;
      const found = close.exec(s);
      if (found) {
        out.push(' ');
        i = found.index + found[0].length;
        continue;
      }
      unclosed.add(name);
    }
    if (opts.tagText && m) out.push(opts.tagText(name, closing));
  }
  return out.join('');
}

/** Removes spaces and tabs at the end of every line, without a regex that could backtrack. */
export function trimLineEnds(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let end = line.length;
      while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
      return end === line.length ? line : line.slice(0, end);
    })
    .join('\n');
}
