// Freshdesk's answer (or the lack of one) → a ToolResult a person can act on. Messages are built
// from status codes and Freshdesk's own error texts, never from the request, so they cannot carry
// the key or the Authorization header.
import type { FieldError, FreshdeskResponse, ToolEffect, ToolErrorKind, ToolResult } from '../types';
import { readNextPage, readRetryAfterMs } from './client';

export interface MappingContext {
  tool: string;
  effect: ToolEffect;
  customerVisible: boolean;
  adminOnly: boolean;
  /** "delete agents" → "Your role Agent cannot delete agents" */
  action: string;
  /** "Ticket 42": the record a 404/405 is about */
  target?: string;
  paginated?: boolean;
  /** the call is about one ticket, which the agent's ticket scope may hide */
  scoped?: boolean;
  /** the connected agent's role names, when known */
  roleNames?: string[];
  /** the connected agent's ticket scope (1 Global, 2 Group, 3 Restricted), when known */
  ticketScope?: number;
}

const SCOPE_WORDS: Record<number, string> = {
  1: 'Global',
  2: "Group: only your groups' tickets",
  3: 'Restricted: only tickets assigned to you',
};

type ToolError = Extract<ToolResult, { ok: false }>['error'];

const isRec = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Freshdesk's validation items `{field, message, code}` (400 and 409 bodies). */
export function readFieldErrors(json: unknown): FieldError[] {
  if (!isRec(json) || !Array.isArray(json.errors)) return [];
  return json.errors.filter(isRec).map((e) => ({
    field: typeof e.field === 'string' ? e.field : typeof e.nested_field === 'string' ? e.nested_field : 'input',
    message: typeof e.message === 'string' ? e.message : 'Invalid value.',
    code: typeof e.code === 'string' ? e.code : 'invalid_value',
  }));
}

function requestError(json: unknown): { code?: string; message?: string } {
  if (!isRec(json)) return {};
  return {
    code: typeof json.code === 'string' ? json.code : undefined,
    message: typeof json.message === 'string' ? json.message : undefined,
  };
}

function summarize(fields: FieldError[]): string {
  const shown = fields.slice(0, 4).map((f) => `${f.field}: ${f.message}`);
  if (fields.length > 4) shown.push(`and ${fields.length - 4} more`);
  return shown.join('; ');
}

function fail(tool: string, error: ToolError): ToolResult {
  const clean: ToolError = { kind: error.kind, message: error.message };
  for (const [k, v] of Object.entries(error)) if (v !== undefined) (clean as Record<string, unknown>)[k] = v;
  return { ok: false, tool, error: clean };
}

const WRITE_OUTCOME_UNKNOWN = 'It may or may not have been saved: check in Freshdesk before trying again.';

export function toToolResult(ctx: MappingContext, res: FreshdeskResponse): ToolResult {
  const { tool } = ctx;
  if (res.kind === 'failure') {
    const kind: ToolErrorKind = res.failure === 'uncertain' ? 'uncertain' : res.failure === 'timeout' ? 'timeout' : 'network';
    let message: string;
    switch (res.failure) {
      case 'uncertain':
        message = ctx.customerVisible
          ? `The reply may or may not have been posted (${res.message}). Open the ticket and check its conversation before sending it again.`
          : `${res.message} Freshdesk may have received the request. ${WRITE_OUTCOME_UNKNOWN}`;
        break;
      case 'timeout':
        message = `Freshdesk did not answer in time. ${res.message}`;
        break;
      case 'aborted':
        message = ctx.effect === 'read' ? 'Cancelled.' : 'Cancelled before it was sent; nothing was changed.';
        break;
      default:
        message = res.code === 'insecure_origin' ? res.message : `Could not reach the helpdesk: ${res.message}`;
    }
    return fail(tool, { kind, message, code: res.failure === 'aborted' ? 'cancelled' : res.code });
  }

  const { status, json, requestId } = res;
  if (status >= 200 && status < 300) {
    const empty = res.bodyText.trim() === '';
    if (!empty && json === undefined) {
      if (ctx.effect === 'read') {
        return fail(tool, {
          kind: 'server',
          status,
          requestId,
          message: `Freshdesk's answer could not be read (request ${requestId ?? 'unknown'}). Try again in a moment.`,
        });
      }
      // A garbled "success" proves nothing about a write.
      return fail(tool, {
        kind: 'uncertain',
        status,
        requestId,
        message: ctx.customerVisible
          ? "Freshdesk's answer could not be read, so the reply may or may not have been posted. Open the ticket and check its conversation before sending it again."
          : `Freshdesk's answer could not be read. ${WRITE_OUTCOME_UNKNOWN}`,
      });
    }
    const meta: Extract<ToolResult, { ok: true }>['meta'] = { status };
    if (requestId) meta.requestId = requestId;
    if (res.rateLimit) meta.rateLimit = res.rateLimit;
    if (ctx.paginated) {
      const next = readNextPage(res.headers['link']);
      if (next !== undefined) meta.nextPage = next;
    }
    meta.waitedMs = res.waitedMs;
    return { ok: true, tool, data: empty ? null : (json ?? null), meta };
  }

  const fields = readFieldErrors(json);
  const { code, message: fdMessage } = requestError(json);
  const base = { status, requestId };

  switch (status) {
    case 400:
      return fail(tool, {
        ...base,
        kind: 'invalid_input',
        code: code ?? fields[0]?.code,
        fields: fields.length ? fields : undefined,
        message: fields.length
          ? `Freshdesk refused the input: ${summarize(fields)}.`
          : `Freshdesk refused the request: ${fdMessage ?? 'invalid input'}${code ? ` (Freshdesk: ${code})` : ''}.`,
      });
    case 401:
      return fail(tool, {
        ...base,
        kind: 'revoked',
        code: code ?? 'invalid_credentials',
        message:
          "Freshdesk no longer accepts this profile's API key (it was probably reset or the agent removed). Reconnect the profile with the current key.",
      });
    case 403: {
      const deniedCode = code ?? fields[0]?.code ?? 'access_denied';
      let message: string;
      const roles = ctx.roleNames?.filter((r) => r.trim() !== '');
      if (deniedCode === 'access_denied' && ctx.scoped) {
        const scope = ctx.ticketScope !== undefined ? SCOPE_WORDS[ctx.ticketScope] : undefined;
        message = `Freshdesk does not let you ${ctx.action}: ${ctx.target ?? 'the ticket'} is outside your ticket scope${scope ? ` (${scope})` : ''}, or your role${roles?.length ? ` ${roles.join(', ')}` : ''} does not allow it (Freshdesk: access_denied).`;
      } else if (deniedCode === 'access_denied') {
        message = roles?.length
          ? `Your role ${roles.join(', ')} cannot ${ctx.action} (Freshdesk: access_denied).`
          : `Freshdesk does not let you ${ctx.action} (Freshdesk: access_denied).${ctx.adminOnly ? ' Only administrators can.' : ''}`;
      } else {
        message = `Freshdesk refused: ${fdMessage ?? fields[0]?.message ?? 'not permitted'} (Freshdesk: ${deniedCode}).`;
      }
      return fail(tool, { ...base, kind: 'permission', code: deniedCode, message, fields: fields.length ? fields : undefined });
    }
    case 404:
      return fail(tool, {
        ...base,
        kind: 'not_found',
        message: ctx.target
          ? `${ctx.target} was not found: it does not exist, was deleted, or is outside your ticket scope.`
          : 'Freshdesk answered "not found": the helpdesk or record does not exist.',
      });
    case 405:
      return fail(tool, {
        ...base,
        kind: 'not_allowed',
        code: 'method_not_allowed',
        message: `${ctx.target ?? 'This record'} cannot be changed: it is spam or deleted${fdMessage ? ` (Freshdesk: ${fdMessage})` : ''}. Restore it in Freshdesk first.`,
      });
    case 409: {
      let existingId: number | undefined;
      let existingKind = 'record';
      if (isRec(json) && Array.isArray(json.errors)) {
        for (const e of json.errors) {
          if (!isRec(e) || !isRec(e.additional_info)) continue;
          const info = e.additional_info;
          if (typeof info.agent_id === 'number') {
            existingId = info.agent_id;
            existingKind = 'agent';
          } else if (typeof info.user_id === 'number') {
            existingId = info.user_id;
            existingKind = 'contact';
          }
          if (existingId !== undefined) break;
        }
      }
      const clash = fields[0]?.field;
      return fail(tool, {
        ...base,
        kind: 'conflict',
        code: code ?? fields[0]?.code ?? 'duplicate_value',
        fields: fields.length ? fields : undefined,
        existingId,
        message:
          existingId !== undefined
            ? `An existing ${existingKind} (id ${existingId}) already uses this ${clash ?? 'value'}. Use that ${existingKind} instead.`
            : `Freshdesk refused a duplicate: ${fields.length ? summarize(fields) : (fdMessage ?? 'record already exists')}.`,
      });
    }
    case 429: {
      const retryAfterMs = readRetryAfterMs(res.headers);
      const retryAfterSeconds = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
      return fail(tool, {
        ...base,
        kind: 'rate_limited',
        retryAfterSeconds,
        message: `This helpdesk's Freshdesk API limit is used up${retryAfterSeconds !== undefined ? `; it accepts calls again in ${retryAfterSeconds} s` : ''}. ${ctx.effect === 'read' ? 'Try again then.' : 'Nothing was changed; send it again then.'}`,
      });
    }
  }
  if (status >= 500) {
    return fail(tool, {
      ...base,
      kind: 'server',
      code,
      message: `Freshdesk had a server problem (HTTP ${status}, request ${requestId ?? 'unknown'}).${ctx.effect === 'read' ? ' Try again in a moment.' : ` ${WRITE_OUTCOME_UNKNOWN}`}`,
    });
  }
  return fail(tool, {
    ...base,
    kind: 'server',
    code,
    message: `Freshdesk answered HTTP ${status}${fdMessage ? `: ${fdMessage}` : ''}${code ? ` (Freshdesk: ${code})` : ''}.`,
  });
}
