// The one decision about links leaving the app (src-shared/external-url.ts, docs/approvals.md).
import { describe, expect, it } from 'vitest';
import { checkExternalUrl, isAllowedExternalUrl } from '../../../src-shared/external-url';

describe('checkExternalUrl', () => {
  it('allows the own helpdesk and the Anthropic console, and hands on the normalised address', () => {
    expect(checkExternalUrl('https://acme.freshdesk.com/a/tickets/1', 'acme')).toEqual({
      ok: true,
      href: 'https://acme.freshdesk.com/a/tickets/1',
    });
    expect(checkExternalUrl('https://Acme.FreshDesk.com', 'acme')).toEqual({ ok: true, href: 'https://acme.freshdesk.com/' });
    expect(checkExternalUrl('https://acme.freshdesk.com/a/%2e%2e/x/../y?q=1#h', 'acme')).toEqual({
      ok: true,
      href: 'https://acme.freshdesk.com/y?q=1#h',
    });
    expect(checkExternalUrl('https://console.anthropic.com/settings/keys', undefined)).toMatchObject({ ok: true });
  });

  it.each([
    ['https://acme.freshdesk.com\\@evil.example', 'acme'],
    ['https://acme.freshdesk.com\\.evil.example/', 'acme'],
    ['https://xn--acme-9ta.freshdesk.com/', 'acme'],
    ['https://xn--acme-9ta.freshdesk.com/', 'any'],
    ['https://globex.freshdesk.com/', 'acme'],
    ['https://acme.freshdesk.com/', undefined],
    ['https://acme.freshdesk.com/\n', 'acme'],
    ['https://acme.freshdesk.com@evil.example/', 'acme'],
    ['https://evil.example#@acme.freshdesk.com', 'acme'],
  ] as const)('refuses %s (own helpdesk: %s)', (url, own) => {
    expect(checkExternalUrl(url, own)).toMatchObject({ ok: false, message: expect.any(String) });
  });

  it('the renderer’s first look accepts any plain helpdesk, never a look-alike', () => {
    expect(isAllowedExternalUrl('https://globex.freshdesk.com/')).toBe(true);
    expect(isAllowedExternalUrl('https://xn--80ak6aa92e.freshdesk.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://acme.freshdesk.com\\@evil.example')).toBe(false);
  });
});
