// Every Anthropic failure becomes a code and a sentence a person can act on, built from the
// error's class and status only: never from the request, which carries the key.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { describeAnthropicError, isAbort } from '../../../src-main/core/chat/anthropic';

const body = (type: string, message: string) => ({ type: 'error', error: { type, message } });
const err = (status: number, type: string, message = 'x', headers: Record<string, string> = {}) =>
  APIError.generate(status, body(type, message), message, new Headers(headers));

describe('describeAnthropicError', () => {
  it.each([
    [err(401, 'authentication_error'), 'anthropic_auth', /Settings → Claude/],
    [err(403, 'permission_error'), 'anthropic_permission', /may not use the model "m"/],
    [err(404, 'not_found_error'), 'anthropic_model', /does not know the model "m"/],
    [err(429, 'rate_limit_error', 'x', { 'retry-after': '7' }), 'anthropic_rate_limited', /about 7 s/],
    [err(529, 'overloaded_error'), 'anthropic_overloaded', /overloaded/],
    [err(503, 'api_error'), 'anthropic_server', /\(503\)/],
    [err(400, 'invalid_request_error', 'max_tokens: too large'), 'anthropic_bad_request', /max_tokens: too large/],
    [new APIConnectionTimeoutError(), 'anthropic_timeout', /in time/],
    [new APIConnectionError({ message: 'ECONNREFUSED' }), 'anthropic_network', /could not reach Anthropic/],
    [new Error('boom sk-ant-secret'), 'anthropic_error', /try again/],
  ])('%s → %s', (e, code, message) => {
    const d = describeAnthropicError(e, 'm');
    expect(d.code).toBe(code);
    expect(d.message).toMatch(message);
    expect(d.message).not.toContain('sk-ant');
  });

  it('a mid-stream error event (no status) is read from its body', () => {
    const midStream = new APIError(undefined, body('overloaded_error', 'Overloaded'), undefined, undefined);
    expect(describeAnthropicError(midStream, 'm').code).toBe('anthropic_overloaded');
  });

  it('recognises an abort', () => {
    expect(isAbort(new APIUserAbortError())).toBe(true);
    expect(isAbort(new Error('x'))).toBe(false);
  });
});
