// Claude's answers as Markdown. The model has read customer-written tickets, so its output is
// treated like ticket HTML: marked renders it, then the same DOMPurify policy as ticket bodies
// (no scripts, no remote images, links only after confirmation) runs before it touches the DOM.
import { memo } from 'react';
import { Marked } from 'marked';
import { SafeHtml } from '../components/SafeHtml';

const md = new Marked({ gfm: true, breaks: true, async: false });

export function markdownToHtml(text: string): string {
  try {
    return md.parse(text, { async: false });
  } catch {
    // A half-streamed construct should never blank the message: fall back to escaped text.
    return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c).replace(/\n/g, '<br>');
  }
}

export const Markdown = memo(function Markdown({ text, label }: { text: string; label?: string }) {
  return <SafeHtml html={markdownToHtml(text)} className="chat-markdown" label={label} />;
});
