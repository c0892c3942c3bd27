// The link and inline-image rules are written once (src-shared/html-policy.ts) and used by both
// the outgoing cleaner (main) and the customer-HTML sanitizer (renderer). Where the two differed,
// the stricter rule won: relative hrefs are dropped outgoing too (the renderer already dropped
// them), and an inline image must be base64 to the end on screen too (as outgoing already required).
import { describe, expect, it } from 'vitest';
import { HTML_LINK_SCHEMES, INLINE_IMAGE, SAFE_LINK } from '../../../src-shared/html-policy';
import { sanitizeOutgoingHtml } from '../../../src-main/core/tools/outgoing-html';

describe('the shared URL rules', () => {
  it('links: http, https and mailto only', () => {
    expect(HTML_LINK_SCHEMES).toEqual(['http', 'https', 'mailto']);
    for (const ok of ['https://a.example/', 'HTTP://a.example', 'mailto:x@a.example']) expect(SAFE_LINK.test(ok), ok).toBe(true);
    for (const bad of ['/x', '#top', 'foo.html', '//evil.example', 'javascript:alert(1)', 'tel:1', 'ftp://x', 'data:text/html,x'])
      expect(SAFE_LINK.test(bad), bad).toBe(false);
  });

  it('inline images: base64 png/gif/jpeg/webp to the end', () => {
    expect(INLINE_IMAGE.test('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    expect(INLINE_IMAGE.test('data:image/jpeg;base64,/9j/4AAQ')).toBe(true);
    expect(INLINE_IMAGE.test('data:image/svg+xml;base64,PHN2Zz4=')).toBe(false);
    expect(INLINE_IMAGE.test('https://tracker.example/p.png')).toBe(false);
    expect(INLINE_IMAGE.test('data:image/png;base64,AAAA"onerror=x')).toBe(false);
  });
});

describe('outgoing HTML follows them', () => {
  it('keeps http(s)/mailto links and drops every other href, relative ones included', () => {
    expect(sanitizeOutgoingHtml('<a href="https://help.example/x">h</a>')).toBe('<a href="https://help.example/x">h</a>');
    expect(sanitizeOutgoingHtml('<a href="mailto:x@a.example">m</a>')).toBe('<a href="mailto:x@a.example">m</a>');
    for (const href of ['/x', '#top', 'foo.html', '//evil.example', ' javascript:x', 'tel:1'])
      expect(sanitizeOutgoingHtml(`<a href="${href}" title="t">l</a>`), href).toBe('<a title="t">l</a>');
  });

  it('keeps inline images and drops remote ones whole', () => {
    expect(sanitizeOutgoingHtml('<p><img src="data:image/png;base64,iVBORw0KGgo=" alt="a"></p>')).toBe(
      '<p><img src="data:image/png;base64,iVBORw0KGgo=" alt="a" /></p>',
    );
    expect(sanitizeOutgoingHtml('<p>x<img src="https://tracker.example/p.png"></p>')).toBe('<p>x</p>');
  });
});
