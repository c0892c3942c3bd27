// The request line without URL objects: requestPath gives exactly what `new URL(path, origin)`
// with searchParams gives (same encoding), and parseOrigin what node:http needs from an origin.
import { describe, expect, it } from 'vitest';
import { buildUrl, requestPath } from '../../../src-main/core/freshdesk/client';
import { parseOrigin } from '../../../src-main/core/freshdesk/transport';

const ORIGIN = 'https://acme.freshdesk.com';

describe('requestPath', () => {
  const cases: Array<{ path: string; query?: Record<string, string | number | boolean | undefined> }> = [
    { path: '/api/v2/tickets/42' },
    { path: '/api/v2/tickets', query: { page: 2, per_page: 30, order_by: 'updated_at', include: 'requester,stats' } },
    { path: '/api/v2/tickets', query: { email: 'a+b@example.com', updated_since: '2026-03-01T00:00:00Z', skipped: undefined } },
    { path: '/api/v2/search/tickets', query: { query: '"status:2 AND priority:4"' } },
    { path: '/api/v2/contacts', query: { name: 'Zoë & Co / ?#%' } },
    { path: '/api/v2/tickets/42/reply', query: {} },
    { path: '/api/v2/agents/me' },
    // not plain: left to the URL parser, with the same answer as before
    { path: '/api/v2/tickets/../agents' },
    { path: '/api/v2/tickets/42?include=stats', query: { page: 1 } },
    { path: '/api/v2/a b' },
    { path: 'api/v2/tickets' },
  ];
  for (const c of cases) {
    it(`${c.path} ${JSON.stringify(c.query ?? {})}`, () => {
      const url = buildUrl(ORIGIN, c);
      expect(requestPath(ORIGIN, c)).toBe(url.pathname + url.search);
    });
  }
});

describe('parseOrigin', () => {
  it('keeps the scheme, the host and a port that is not the default', () => {
    expect(parseOrigin('https://acme.freshdesk.com')).toEqual({ https: true, hostname: 'acme.freshdesk.com', port: undefined });
    expect(parseOrigin('http://acme.localhost:5123')).toEqual({ https: false, hostname: 'acme.localhost', port: 5123 });
    expect(parseOrigin('http://[::1]:80')).toEqual({ https: false, hostname: '::1', port: undefined });
    expect(parseOrigin('http://[::1]:8080')).toEqual({ https: false, hostname: '::1', port: 8080 });
  });
});
