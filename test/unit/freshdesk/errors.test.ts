// Freshdesk answers → ToolResult kinds, on the error bodies of docs/freshdesk-api.md §4, and the
// client's header readers (Link, Retry-After, rate-limit, credit estimate).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimateCredits, readNextPage, readRateLimit, readRetryAfterMs } from '../../../src-main/core/freshdesk/client';
import { toToolResult, type MappingContext } from '../../../src-main/core/freshdesk/errors';
import type { FreshdeskResponse, ToolResult } from '../../../src-main/core/types';

const bodies = JSON.parse(readFileSync(new URL('../../fixtures/freshdesk/error_bodies.json', import.meta.url), 'utf8')) as Record<
  string,
  { status: number; body?: unknown; raw_body?: string; headers?: Record<string, string> }
>;

function answer(key: string): FreshdeskResponse {
  const b = bodies[key]!;
  const bodyText = b.raw_body ?? JSON.stringify(b.body);
  const headers = Object.fromEntries(Object.entries(b.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    kind: 'response',
    status: b.status,
    headers: { 'content-type': 'application/json', 'x-request-id': 'req-1', ...headers },
    bodyText,
    json: b.raw_body ? undefined : b.body,
    requestId: 'req-1',
    waitedMs: 0,
  };
}

const ctx = (o: Partial<MappingContext> = {}): MappingContext => ({
  tool: 'freshdesk_agent_delete',
  effect: 'destructive',
  customerVisible: false,
  adminOnly: true,
  action: 'delete agents',
  target: 'Agent 7',
  ...o,
});
const error = (r: ToolResult) => {
  if (r.ok) throw new Error('expected an error');
  return r.error;
};

describe('toToolResult', () => {
  it('400 validation → invalid_input with every Freshdesk field error', () => {
    const e = error(
      toToolResult(ctx({ tool: 'freshdesk_ticket_create', effect: 'write' }), answer('400_ticket_missing_subject_description_observed')),
    );
    expect(e.kind).toBe('invalid_input');
    expect(e.fields?.map((f) => [f.field, f.code])).toEqual([
      ['subject', 'missing_field'],
      ['description', 'missing_field'],
    ]);
    expect(e.message).toMatch(/^Freshdesk refused the input: subject: It should be a\/an String; description/);
    expect(e.requestId).toBe('req-1');
  });

  it('400 request errors keep their code (missing_params, invalid_json)', () => {
    const e = error(toToolResult(ctx(), answer('400_update_without_params')));
    expect(e).toMatchObject({ kind: 'invalid_input', code: 'missing_params' });
    expect(e.message).toMatch(/Atleast one parameter/);
  });

  it('401 → revoked', () => {
    expect(error(toToolResult(ctx(), answer('401_invalid_credentials_observed')))).toMatchObject({
      kind: 'revoked',
      code: 'invalid_credentials',
      status: 401,
    });
  });

  it('403 access_denied → permission naming the role when known', () => {
    expect(error(toToolResult(ctx({ roleNames: ['Agent'] }), answer('403_access_denied'))).message).toBe(
      'Your role Agent cannot delete agents (Freshdesk: access_denied).',
    );
    expect(error(toToolResult(ctx(), answer('403_access_denied'))).message).toBe(
      'Freshdesk does not let you delete agents (Freshdesk: access_denied). Only administrators can.',
    );
    const scoped = error(
      toToolResult(
        ctx({ scoped: true, action: 'view this ticket', target: 'Ticket 4', ticketScope: 3, roleNames: ['Agent'] }),
        answer('403_access_denied'),
      ),
    );
    expect(scoped.message).toMatch(
      /Ticket 4 is outside your ticket scope \(Restricted: only tickets assigned to you\), or your role Agent/,
    );
  });

  it("other 403s say Freshdesk's own words and code", () => {
    const e = error(toToolResult(ctx(), answer('403_require_feature')));
    expect(e).toMatchObject({ kind: 'permission', code: 'require_feature' });
    expect(e.message).toMatch(/Add Watcher feature/);
    expect(error(toToolResult(ctx(), answer('403_account_suspended'))).code).toBe('account_suspended');
  });

  it('404 " " → not_found; 405 → not_allowed', () => {
    expect(error(toToolResult(ctx(), answer('404_not_found')))).toMatchObject({
      kind: 'not_found',
      message: expect.stringMatching(/^Agent 7 was not found/),
    });
    const e = error(toToolResult(ctx({ target: 'Ticket 9' }), answer('405_method_not_allowed')));
    expect(e).toMatchObject({ kind: 'not_allowed', status: 405 });
    expect(e.message).toMatch(/Ticket 9 cannot be changed: it is spam or deleted/);
  });

  it('409 → conflict with the existing contact or agent id', () => {
    expect(error(toToolResult(ctx(), answer('409_duplicate_contact_email')))).toMatchObject({
      kind: 'conflict',
      existingId: 12345,
      code: 'duplicate_value',
      message: expect.stringMatching(/existing contact \(id 12345\)/),
    });
    expect(error(toToolResult(ctx(), answer('409_duplicate_agent_email')))).toMatchObject({
      kind: 'conflict',
      existingId: 12345,
      message: expect.stringMatching(/existing agent/),
    });
  });

  it('429 (after the client gave up waiting) → rate_limited with Retry-After', () => {
    const e = error(toToolResult(ctx({ effect: 'read' }), answer('429_rate_limited')));
    expect(e).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 34 });
    expect(e.message).toMatch(/34 s/);
  });

  it('5xx → server with the request id; for a write it says the outcome is unknown', () => {
    const read = error(toToolResult(ctx({ effect: 'read' }), answer('500_internal_error')));
    expect(read).toMatchObject({ kind: 'server', status: 500, requestId: 'req-1' });
    expect(read.message).toMatch(/request req-1/);
    expect(error(toToolResult(ctx({ effect: 'write' }), answer('500_internal_error'))).message).toMatch(/may or may not have been saved/);
  });

  it('406/415 (our own bug) → server with the code', () => {
    expect(error(toToolResult(ctx(), answer('415_invalid_content_type')))).toMatchObject({ kind: 'server', code: 'invalid_content_type' });
  });

  it('failures: network, timeout, uncertain (a reply is named as such), cancelled', () => {
    const f = (failure: 'network' | 'timeout' | 'aborted' | 'uncertain', code?: string): FreshdeskResponse => ({
      kind: 'failure',
      failure,
      message: 'No answer within 300 ms.',
      code,
    });
    expect(error(toToolResult(ctx({ effect: 'read' }), f('network', 'ECONNREFUSED')))).toMatchObject({
      kind: 'network',
      code: 'ECONNREFUSED',
    });
    expect(error(toToolResult(ctx({ effect: 'read' }), f('timeout')))).toMatchObject({ kind: 'timeout' });
    const reply = error(toToolResult(ctx({ tool: 'freshdesk_tickets_reply', effect: 'write', customerVisible: true }), f('uncertain')));
    expect(reply.kind).toBe('uncertain');
    expect(reply.message).toMatch(/reply may or may not have been posted/);
    expect(error(toToolResult(ctx({ effect: 'write' }), f('aborted')))).toMatchObject({
      kind: 'network',
      code: 'cancelled',
      message: expect.stringMatching(/nothing was changed/),
    });
  });

  it('2xx: data, meta (status, request id, rate limit, waited, next page for lists); 204 → null', () => {
    const res: FreshdeskResponse = {
      kind: 'response',
      status: 200,
      headers: { link: '<https://acme.freshdesk.com/api/v2/tickets?per_page=2&page=3>; rel="next"' },
      bodyText: '[1]',
      json: [1],
      requestId: 'r',
      rateLimit: { total: 50, remaining: 40, usedByThisCall: 1 },
      waitedMs: 12,
    };
    expect(toToolResult(ctx({ effect: 'read', paginated: true }), res)).toEqual({
      ok: true,
      tool: 'freshdesk_agent_delete',
      data: [1],
      meta: { status: 200, requestId: 'r', rateLimit: { total: 50, remaining: 40, usedByThisCall: 1 }, nextPage: 3, waitedMs: 12 },
    });
    const empty = toToolResult(ctx(), { kind: 'response', status: 204, headers: {}, bodyText: '', waitedMs: 0 });
    expect(empty).toMatchObject({ ok: true, data: null, meta: { status: 204 } });
  });

  it('an unreadable 2xx: server for a read, uncertain for a write', () => {
    const garbled: FreshdeskResponse = {
      kind: 'response',
      status: 200,
      headers: { 'content-type': 'application/json' },
      bodyText: '{"id": 4',
      waitedMs: 0,
    };
    expect(error(toToolResult(ctx({ effect: 'read' }), garbled)).kind).toBe('server');
    expect(error(toToolResult(ctx({ effect: 'write', customerVisible: true }), garbled)).kind).toBe('uncertain');
  });
});

describe('header readers', () => {
  it('Link rel="next" with either spacing; absent or other rels = no next page', () => {
    expect(readNextPage('<https://a.freshdesk.com/api/v2/agents?per_page=2&page=2>; rel="next"')).toBe(2);
    expect(readNextPage('< https://a.freshdesk.com/api/v2/tickets?page=7&per_page=30 >;rel="next"')).toBe(7);
    expect(
      readNextPage(
        '<https://a.freshdesk.com/api/v2/tickets?page=1>; rel="prev", <https://a.freshdesk.com/api/v2/tickets?page=3>; rel=next',
      ),
    ).toBe(3);
    expect(readNextPage('<https://a.freshdesk.com/api/v2/tickets?page=1>; rel="prev"')).toBeUndefined();
    expect(readNextPage(undefined)).toBeUndefined();
    expect(readNextPage('garbage')).toBeUndefined();
  });
  it('Retry-After in seconds or as a date', () => {
    expect(readRetryAfterMs({ 'retry-after': '34' })).toBe(34_000);
    expect(readRetryAfterMs({ 'retry-after': new Date(Date.UTC(2030, 0, 1, 0, 0, 10)).toUTCString() }, Date.UTC(2030, 0, 1))).toBe(10_000);
    expect(readRetryAfterMs({})).toBeUndefined();
    expect(readRetryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
  });
  it('X-RateLimit-* (lower-cased by the transport); absent on a 429', () => {
    expect(readRateLimit({ 'x-ratelimit-total': '50', 'x-ratelimit-remaining': '49', 'x-ratelimit-used-currentrequest': '3' })).toEqual({
      total: 50,
      remaining: 49,
      usedByThisCall: 3,
    });
    expect(readRateLimit({ 'retry-after': '3' })).toBeUndefined();
  });
  it('credit estimate: +1 per include on a ticket view, +2 per include on the ticket list', () => {
    expect(estimateCredits({ method: 'GET', path: '/api/v2/tickets/5', query: { include: 'conversations,requester' } })).toBe(3);
    expect(estimateCredits({ method: 'GET', path: '/api/v2/tickets', query: { include: 'description,stats' } })).toBe(5);
    expect(estimateCredits({ method: 'GET', path: '/api/v2/agents' })).toBe(1);
    expect(estimateCredits({ method: 'POST', path: '/api/v2/tickets', query: { include: 'x' } })).toBe(1);
  });
});
