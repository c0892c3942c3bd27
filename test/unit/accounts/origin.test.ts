import { describe, expect, it } from 'vitest';
import { helpdeskAddress, normalizeSubdomain } from '../../../src-shared/subdomain';
import { isAllowedFreshdeskOrigin, isSandboxOrigin } from '../../../src-main/core/accounts/origin';

describe('normalizeSubdomain: what people paste', () => {
  it.each([
    ['acme', 'acme'],
    ['ACME', 'acme'],
    ['  acme  ', 'acme'],
    ['\tacme.freshdesk.com\n', 'acme'],
    ['acme.freshdesk.com', 'acme'],
    ['Acme.FreshDesk.com', 'acme'],
    ['acme.freshdesk.com.', 'acme'],
    ['acme.freshdesk.com/', 'acme'],
    ['https://acme.freshdesk.com', 'acme'],
    ['http://acme.freshdesk.com', 'acme'],
    ['https://acme.freshdesk.com/a/tickets/42', 'acme'],
    [' https://acme.freshdesk.com/a/tickets/42?foo=bar#reply ', 'acme'],
    ['acme.freshdesk.com/support/home', 'acme'],
    ['//acme.freshdesk.com', 'acme'],
    ['my-company2', 'my-company2'],
    ['a', 'a'],
    ['x'.repeat(63), 'x'.repeat(63)],
  ])('%j → %s', (input, expected) => {
    expect(normalizeSubdomain(input)).toEqual({ ok: true, subdomain: expected });
  });

  const rejects = (input: string, pattern: RegExp) => {
    const r = normalizeSubdomain(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(pattern);
  };

  it('rejects empty input and says what to enter', () => {
    rejects('', /part before \.freshdesk\.com/);
    rejects('   ', /part before \.freshdesk\.com/);
  });
  it('rejects other hosts and custom domains, saying the API only works on freshdesk.com', () => {
    rejects('support.acme.com', /only works on your freshdesk\.com address/);
    rejects('https://help.example.org/tickets', /only works on your freshdesk\.com address/);
    rejects('acme.freshservice.com', /not a freshdesk\.com address/);
    rejects('acme.myfreshworks.com', /Freshworks account address/);
    rejects('freshdesk.com.evil.com', /not a freshdesk\.com address/);
    rejects('acme.freshdesk.co', /not a freshdesk\.com address/);
  });
  it('rejects more than one label before freshdesk.com', () => {
    rejects('a.b.freshdesk.com', /exactly one name/);
    rejects('acme.freshdesk.com.freshdesk.com', /exactly one name/);
  });
  it("rejects Freshdesk's own site", () => {
    rejects('freshdesk.com', /Freshdesk's own site/);
    rejects('https://www.freshdesk.com/pricing', /Freshdesk's own sites/);
  });
  it('rejects IP addresses', () => {
    rejects('127.0.0.1', /IP address/);
    rejects('http://10.0.0.8/api', /IP address/);
    rejects('[::1]', /IP address/);
    rejects('http://[::1]:80/', /IP address/);
    rejects('::1', /IP address/);
  });
  it('rejects localhost', () => {
    rejects('localhost', /not a Freshdesk helpdesk/);
    rejects('acme.localhost', /not a Freshdesk helpdesk/);
    rejects('http://localhost:3000', /port|localhost/);
  });
  it('rejects ports', () => {
    rejects('acme.freshdesk.com:443', /no port number/);
    rejects('https://acme.freshdesk.com:8443/a', /no port number/);
    rejects('acme:80', /no port number/);
  });
  it('rejects user info', () => {
    rejects('https://user:pass@acme.freshdesk.com', /without a user name/);
    rejects('agent@acme.freshdesk.com', /without a user name/);
    rejects('https://acme.freshdesk.com@evil.com/', /without a user name/);
  });
  it('rejects labels Freshdesk cannot have', () => {
    rejects('-acme', /start or end with a hyphen/);
    rejects('acme-', /start or end with a hyphen/);
    rejects('ac_me', /letters a–z, digits and hyphens/);
    rejects('acmé', /letters a–z, digits and hyphens/);
    rejects('xn--acm-bpa', /letters a–z, digits and hyphens/);
    rejects('ac%6De', /letters a–z, digits and hyphens/);
    rejects('x'.repeat(64), /at most 63/);
    rejects('acme corp', /no spaces/);
    rejects('https://acme .freshdesk.com', /no spaces/);
  });
  it('refuses an API key pasted into the subdomain box, saying the fields are swapped', () => {
    for (const key of ['aB3dE6gH9jK2mN5pQ8sT', 'Xk29FhQpL0zv7TmcW3rY', 'https://aB3dE6gH9jK2mN5pQ8sT'.slice(8)]) {
      rejects(key, /API key.*swapped/);
    }
    // helpdesk names stay fine: one case, or no digits, or short
    expect(normalizeSubdomain('acmesupport2024team')).toEqual({ ok: true, subdomain: 'acmesupport2024team' });
    expect(normalizeSubdomain('AcmeSupportEurope')).toEqual({ ok: true, subdomain: 'acmesupporteurope' });
    expect(normalizeSubdomain('Acme2')).toEqual({ ok: true, subdomain: 'acme2' });
    expect(normalizeSubdomain('ab3de6gh9jk2mn5pq8st')).toEqual({ ok: true, subdomain: 'ab3de6gh9jk2mn5pq8st' });
  });
  it('rejects other schemes and backslash tricks', () => {
    rejects('ftp://acme.freshdesk.com', /not a web address/);
    rejects('javascript://acme', /not a web address/);
    rejects('https://acme.freshdesk.com\\@evil.com', /backslash/);
  });
  it('never puts the input back into a message for a non-host', () => {
    const r = normalizeSubdomain('CANARY-SECRET-VALUE with spaces');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).not.toContain('CANARY');
  });
  it('helpdeskAddress shows the address a person knows', () => {
    expect(helpdeskAddress('acme')).toBe('https://acme.freshdesk.com');
  });
});

describe('where a key may be sent', () => {
  it('production: exactly https://<sub>.freshdesk.com', () => {
    expect(isAllowedFreshdeskOrigin('https://acme.freshdesk.com', 'acme')).toBe(true);
    expect(isAllowedFreshdeskOrigin('https://globex.freshdesk.com', 'acme')).toBe(false);
    expect(isAllowedFreshdeskOrigin('http://acme.freshdesk.com', 'acme')).toBe(false);
    expect(isAllowedFreshdeskOrigin('https://acme.freshdesk.com:8443', 'acme')).toBe(false);
    expect(isAllowedFreshdeskOrigin('https://u:p@acme.freshdesk.com', 'acme')).toBe(false);
    expect(isAllowedFreshdeskOrigin('https://acme.freshdesk.com/x', 'acme')).toBe(false);
    expect(isAllowedFreshdeskOrigin('https://evil.example', 'acme')).toBe(false);
    expect(isAllowedFreshdeskOrigin('not a url', 'acme')).toBe(false);
  });
  it('loopback overrides (tests, harness) are allowed', () => {
    expect(isAllowedFreshdeskOrigin('http://acme.localhost:4100', 'acme')).toBe(true);
    expect(isAllowedFreshdeskOrigin('http://127.0.0.1:4100', 'acme')).toBe(true);
  });
  it('sandbox origins are loopback http with a port, nothing else', () => {
    expect(isSandboxOrigin('http://acme.localhost:4100')).toBe(true);
    expect(isSandboxOrigin('http://127.0.0.1:4100')).toBe(true);
    expect(isSandboxOrigin('https://acme.localhost:4100')).toBe(false);
    expect(isSandboxOrigin('http://acme.localhost')).toBe(false);
    expect(isSandboxOrigin('http://acme.localhost:4100/')).toBe(false);
    expect(isSandboxOrigin('http://evil.com:80')).toBe(false);
    expect(isSandboxOrigin('http://a.b.localhost:80')).toBe(false);
    expect(isSandboxOrigin('http://127.0.0.1:99999')).toBe(false);
    expect(isSandboxOrigin('http://user@127.0.0.1:80')).toBe(false);
  });
});
