import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultKind, HelpdeskAccount } from './account.js';
import { MAX_JSON_BODY_BYTES, readBody } from './body.js';
import { PLAN_LIMITS } from './rate-limiter.js';
import { writeReply } from './respond.js';
import { accountInfo, type SandboxState } from './state.js';
import { isPlainObject } from './validation.js';
import type { Reply } from './replies.js';

/**
 * Test-only control endpoints under /_sandbox/ (loopback only, no Freshdesk auth, JSON in/out):
 *   GET    /_sandbox/accounts                              → SandboxAccountInfo[] (current keys)
 *   GET    /_sandbox/accounts/:sub                         → SandboxAccountInfo
 *   POST   /_sandbox/accounts/:sub/agents/:id/reset-key    → { apiKey }
 *   PUT    /_sandbox/accounts/:sub/limits                  { perMinute?, windowMs?, subLimits? } → limits
 *   PUT|POST /_sandbox/accounts/:sub/agents/:id/role       { roleIds?, ticketScope?, groupIds? } → agent info
 *   PUT    /_sandbox/accounts/:sub/suspended               { suspended } → { suspended }
 *   POST   /_sandbox/faults                                { subdomain, count, kind, status?, ms?, retryAfter? }
 *   DELETE /_sandbox/faults[?subdomain=]                   → 204
 *   GET    /_sandbox/requests[?subdomain=]                 → request log
 *   DELETE /_sandbox/requests[?subdomain=]                 → 204
 *   POST   /_sandbox/reset                                 { seed? } → SandboxAccountInfo[] (fresh data)
 */

const FAULT_KINDS: readonly FaultKind[] = ['latency', 'status', 'drop', 'malformed', 'slow_body'];

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function err(status: number, message: string): Reply {
  return { status, body: { error: message } };
}

function ok(body: unknown, status = 200): Reply {
  return { status, body };
}

export async function handleControl(
  state: SandboxState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  rawQuery: string,
  requestId: string,
): Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) {
    writeReply(res, err(403, 'control endpoints answer loopback clients only'), requestId);
    return;
  }
  const read = await readBody(req, MAX_JSON_BODY_BYTES);
  if (!read.ok) {
    writeReply(res, err(413, 'body too large'), requestId, { Connection: 'close' });
    return;
  }
  let body: Record<string, unknown> = {};
  const text = read.bytes.toString('utf8');
  if (text.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(text);
      if (!isPlainObject(parsed)) throw new Error('not an object');
      body = parsed;
    } catch {
      writeReply(res, err(400, 'body must be a JSON object'), requestId);
      return;
    }
  }
  const reply = route(state, req.method ?? 'GET', path.split('/').slice(2), new URLSearchParams(rawQuery), body);
  writeReply(res, reply, requestId);
}

function needAccount(state: SandboxState, sub: string | undefined): HelpdeskAccount | Reply {
  const account = sub ? state.account(sub) : undefined;
  return account ?? err(404, `no sandbox account '${sub ?? ''}'`);
}

function isReply(x: HelpdeskAccount | Reply): x is Reply {
  return !('subdomain' in x);
}

function positiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

function route(state: SandboxState, method: string, seg: string[], query: URLSearchParams, body: Record<string, unknown>): Reply {
  const [head, sub, kind, id, action] = seg;
  if (head === 'accounts') {
    if (seg.length === 1 && method === 'GET') return ok(state.info());
    const account = needAccount(state, sub);
    if (isReply(account)) return account;
    if (seg.length === 2 && method === 'GET') return ok(accountInfo(account));
    if (seg.length === 3 && kind === 'limits' && method === 'PUT') return putLimits(account, body);
    if (seg.length === 3 && kind === 'suspended' && method === 'PUT') {
      if (typeof body.suspended !== 'boolean') return err(400, 'suspended must be a boolean');
      account.suspended = body.suspended;
      return ok({ suspended: account.suspended });
    }
    if (seg.length === 5 && kind === 'agents') {
      const agentId = Number(id);
      const agent = account.agents.get(agentId);
      const user = account.users.get(agentId);
      if (!agent || !user) return err(404, `no agent ${id ?? ''} in ${account.subdomain}`);
      if (action === 'reset-key' && method === 'POST') {
        const apiKey = randomBytes(15).toString('base64url').slice(0, 20);
        account.setApiKey(user, apiKey);
        return ok({ apiKey });
      }
      if (action === 'role' && (method === 'PUT' || method === 'POST')) {
        const { roleIds, ticketScope, groupIds } = body;
        if (
          roleIds !== undefined &&
          (!Array.isArray(roleIds) || roleIds.length === 0 || !roleIds.every((r) => positiveInt(r) && account.roles.has(r)))
        ) {
          return err(400, 'roleIds must be a non-empty array of role ids of this account');
        }
        if (ticketScope !== undefined && ticketScope !== 1 && ticketScope !== 2 && ticketScope !== 3)
          return err(400, 'ticketScope must be 1, 2 or 3');
        if (groupIds !== undefined && (!Array.isArray(groupIds) || !groupIds.every((g) => positiveInt(g) && account.groups.has(g)))) {
          return err(400, 'groupIds must be an array of group ids of this account');
        }
        if (roleIds !== undefined) agent.roleIds = [...new Set(roleIds as number[])];
        if (ticketScope !== undefined) agent.ticketScope = ticketScope;
        if (groupIds !== undefined) agent.groupIds = [...new Set(groupIds as number[])];
        return ok(accountInfo(account).agents.find((a) => a.id === agent.id));
      }
    }
    return err(404, 'unknown control route');
  }
  if (head === 'faults' && seg.length === 1) {
    if (method === 'POST') return postFault(state, body);
    if (method === 'DELETE') {
      for (const a of filtered(state, query)) a.faults = [];
      return { status: 204 };
    }
    return err(405, 'use POST or DELETE');
  }
  if (head === 'requests' && seg.length === 1) {
    const accounts = filtered(state, query);
    if (method === 'GET') {
      const one = query.get('subdomain') !== null;
      return ok(accounts.flatMap((a) => (one ? a.logEntries() : a.logEntries().map((e) => ({ subdomain: a.subdomain, ...e })))));
    }
    if (method === 'DELETE') {
      for (const a of accounts) a.log = [];
      return { status: 204 };
    }
    return err(405, 'use GET or DELETE');
  }
  if (head === 'reset' && seg.length === 1 && method === 'POST') {
    const seed = body.seed;
    if (seed !== undefined && !(typeof seed === 'number' && Number.isSafeInteger(seed))) return err(400, 'seed must be an integer');
    state.reset(seed as number | undefined);
    return ok(state.info());
  }
  return err(404, 'unknown control route');
}

function filtered(state: SandboxState, query: URLSearchParams): HelpdeskAccount[] {
  const sub = query.get('subdomain');
  if (sub === null) return state.accounts;
  const a = state.account(sub);
  return a ? [a] : [];
}

function putLimits(account: HelpdeskAccount, body: Record<string, unknown>): Reply {
  const { perMinute, windowMs, subLimits } = body;
  if (perMinute !== undefined && !positiveInt(perMinute)) return err(400, 'perMinute must be a positive integer');
  if (windowMs !== undefined && !positiveInt(windowMs)) return err(400, 'windowMs must be a positive integer (milliseconds)');
  let subs: Record<string, number> | undefined;
  if (subLimits !== undefined) {
    if (!isPlainObject(subLimits)) return err(400, 'subLimits must be an object');
    const names = ['ticketCreate', 'ticketUpdate', 'ticketsList', 'contactsList'];
    subs = {};
    for (const [k, v] of Object.entries(subLimits)) {
      if (!names.includes(k) || !positiveInt(v))
        return err(400, `subLimits.${k} must be one of ${names.join(', ')} with a positive integer`);
      subs[k] = v;
    }
  }
  const next = account.limiter.configure({
    perMinute: (perMinute as number | undefined) ?? PLAN_LIMITS[account.plan].perMinute,
    windowMs: (windowMs as number | undefined) ?? 60_000,
    subLimits: subs ?? PLAN_LIMITS[account.plan].subLimits,
  });
  return ok(next);
}

function postFault(state: SandboxState, body: Record<string, unknown>): Reply {
  const { subdomain, count, kind, status, ms, retryAfter } = body;
  const account = typeof subdomain === 'string' ? state.account(subdomain) : state.accounts[0];
  if (!account) return err(404, `no sandbox account '${String(subdomain)}'`);
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind))
    return err(400, `kind must be one of ${FAULT_KINDS.join(', ')}`);
  if (count !== undefined && !positiveInt(count)) return err(400, 'count must be a positive integer');
  if (kind === 'status' && !(typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599)) {
    return err(400, 'status must be an HTTP error status (400-599)');
  }
  if ((kind === 'latency' || kind === 'slow_body') && !(typeof ms === 'number' && ms >= 0 && ms <= 600_000)) {
    return err(400, 'ms must be a number of milliseconds (0-600000)');
  }
  if (retryAfter !== undefined && !positiveInt(retryAfter)) return err(400, 'retryAfter must be a positive integer');
  const fault = {
    kind: kind as FaultKind,
    remaining: (count as number | undefined) ?? 1,
    status: (status as number | undefined) ?? 500,
    ms: (ms as number | undefined) ?? 0,
    retryAfter: (retryAfter as number | undefined) ?? 1,
  };
  account.faults.push(fault);
  return ok(
    {
      subdomain: account.subdomain,
      kind: fault.kind,
      count: fault.remaining,
      status: fault.status,
      ms: fault.ms,
      queued: account.faults.reduce((n, f) => n + f.remaining, 0),
    },
    201,
  );
}
