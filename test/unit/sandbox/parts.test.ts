import { describe, expect, it } from 'vitest';
import { formToBody, multipartBoundary, parseMultipart } from '../../../src-main/sandbox/body.js';
import { isLoopback } from '../../../src-main/sandbox/control.js';
import { RateLimiter } from '../../../src-main/sandbox/rate-limiter.js';
import { SandboxState } from '../../../src-main/sandbox/state.js';
import { htmlToText } from '../../../src-main/sandbox/text.js';
import { isoSeconds, parseApiDate, startOfTodayMinusOneMonth } from '../../../src-main/sandbox/time.js';
import { checkEnum, checkPositiveInt, checkString, checkStringArray, parsePaging } from '../../../src-main/sandbox/validation.js';

describe('time', () => {
  it('formats UTC without milliseconds', () => {
    expect(isoSeconds(Date.UTC(2024, 0, 2, 3, 4, 5, 678))).toBe('2024-01-02T03:04:05Z');
  });

  it('parses the documented date inputs', () => {
    expect(parseApiDate('2024-01-02')).toBe(Date.UTC(2024, 0, 2));
    expect(parseApiDate('2024-01-02T03:04')).toBe(Date.UTC(2024, 0, 2, 3, 4));
    expect(parseApiDate('2024-01-02T03:04Z')).toBe(Date.UTC(2024, 0, 2, 3, 4));
    expect(parseApiDate('2024-01-02T03:04:05Z')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(parseApiDate('2024-01-02T08:34:05+05:30')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(parseApiDate('2024-01-02T01:04:05-02')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(parseApiDate('2024-01-02T08:34:05+0530')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    for (const bad of ['2024-02-30', '2024-13-01', 'yesterday', '2024-01-02T25:00', '']) expect(parseApiDate(bad)).toBeNull();
  });

  it('the 30-day cut-off is start of today in the zone minus one month', () => {
    const now = Date.UTC(2024, 2, 31, 2, 0, 0); // 31 Mar 02:00 UTC = 30 Mar 22:00 in New York
    expect(new Date(startOfTodayMinusOneMonth(now, 'UTC')).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(new Date(startOfTodayMinusOneMonth(now, 'Eastern Time (US & Canada)')).toISOString()).toBe('2024-02-29T05:00:00.000Z');
    expect(new Date(startOfTodayMinusOneMonth(now, 'Chennai')).toISOString()).toBe('2024-02-28T18:30:00.000Z');
  });
});

describe('RateLimiter', () => {
  it('fixed window from the first request; refuses once used up; Retry-After ≥ 1', () => {
    let now = 1000;
    const l = new RateLimiter({ perMinute: 3, windowMs: 10_000, subLimits: { ticketsList: 1 } }, () => now);
    expect(l.take(1, undefined)).toEqual({ ok: true, total: 3, remaining: 2, usedByThisRequest: 1 });
    expect(l.take(5, undefined)).toEqual({ ok: true, total: 3, remaining: 0, usedByThisRequest: 5 });
    now += 9_999;
    expect(l.take(1, undefined)).toEqual({ ok: false, retryAfterSeconds: 1 });
    now += 1;
    expect(l.take(1, 'ticketsList')).toMatchObject({ ok: true, remaining: 2 });
    now += 500;
    expect(l.take(1, 'ticketsList')).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(l.take(1, undefined)).toMatchObject({ ok: true, remaining: 1 });
  });
});

describe('validation messages', () => {
  it('uses the Freshdesk codes and texts', () => {
    expect(checkEnum('status', '2', [2, 3])).toEqual({
      field: 'status',
      message: "Value set is of type String.It should be one of these values: '2,3'",
      code: 'datatype_mismatch',
    });
    expect(checkEnum('priority', 9, [1, 2])).toEqual({
      field: 'priority',
      message: "It should be one of these values: '1,2'",
      code: 'invalid_value',
    });
    expect(checkString('subject', null)).toEqual({
      field: 'subject',
      message: 'Value set is of type Null.It should be a/an String',
      code: 'datatype_mismatch',
    });
    expect(checkPositiveInt('group_id', '7')).toMatchObject({ code: 'datatype_mismatch' });
    expect(checkStringArray('tags', ['a', 2])).toMatchObject({ code: 'datatype_mismatch' });
    const errors: unknown[] = [];
    expect(parsePaging(new URLSearchParams('per_page=100&page=2'), errors as never[], 300)).toEqual({ page: 2, perPage: 100 });
    expect(errors).toEqual([]);
  });
});

describe('multipart', () => {
  it('parses fields, arrays, nested objects and files', () => {
    const b = 'XyZ';
    const body = Buffer.from(
      [
        `--${b}`,
        'Content-Disposition: form-data; name="subject"',
        '',
        'Hello',
        `--${b}`,
        'Content-Disposition: form-data; name="priority"',
        '',
        '3',
        `--${b}`,
        'Content-Disposition: form-data; name="tags[]"',
        '',
        'a',
        `--${b}`,
        'Content-Disposition: form-data; name="tags[]"',
        '',
        'b',
        `--${b}`,
        'Content-Disposition: form-data; name="custom_fields[category]"',
        '',
        'Bug',
        `--${b}`,
        'Content-Disposition: form-data; name="attachments[]"; filename="log.txt"',
        'Content-Type: text/plain',
        '',
        'line1',
        `--${b}--`,
        '',
      ].join('\r\n'),
    );
    expect(multipartBoundary(`multipart/form-data; boundary=${b}`)).toBe(b);
    const parts = parseMultipart(body, b)!;
    const { body: fields, files } = formToBody(parts, { priority: 'int' });
    expect(fields).toEqual({ subject: 'Hello', priority: 3, tags: ['a', 'b'], custom_fields: { category: 'Bug' } });
    expect(files.map((f) => [f.name, f.filename, f.contentType, f.data.toString()])).toEqual([
      ['attachments[]', 'log.txt', 'text/plain', 'line1'],
    ]);
    expect(parseMultipart(Buffer.from('garbage'), b)).toBeNull();
  });
});

describe('host routing and loopback', () => {
  const state = new SandboxState({ seed: 1, ticketsPerAccount: 10, windowMs: 60_000, now: Date.now });
  it('picks accounts from the Host header', () => {
    const sub = (h: string | undefined) => state.resolveHost(h)?.subdomain;
    expect(sub('acme.freshdesk.com')).toBe('acme');
    expect(sub('GLOBEX.localhost:8080')).toBe('globex');
    expect(sub('127.0.0.1:9')).toBe('acme');
    expect(sub('[::1]:9')).toBe('acme');
    expect(sub('localhost')).toBe('acme');
    expect(sub(undefined)).toBe('acme');
    expect(sub('initech.freshdesk.com')).toBeUndefined();
    expect(sub('intranet')).toBeUndefined();
  });
  it('recognises loopback peers', () => {
    for (const a of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.1.2.3']) expect(isLoopback(a)).toBe(true);
    for (const a of ['10.0.0.1', '::ffff:192.168.1.2', undefined]) expect(isLoopback(a)).toBe(false);
  });
});

describe('htmlToText', () => {
  it('keeps the text and line breaks', () => {
    expect(htmlToText('<div>Hi &amp; welcome</div><div>Line <b>two</b><br>three</div>')).toBe('Hi & welcome\nLine two\nthree');
  });
});
