import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { writeReply } from './respond.js';
import type { Fault, HelpdeskAccount } from './account.js';
import {
  formToBody,
  MAX_ATTACHMENT_BYTES,
  MAX_JSON_BODY_BYTES,
  MAX_MULTIPART_BODY_BYTES,
  multipartBoundary,
  parseMultipart,
  readBody,
} from './body.js';
import type { ApiContext } from './context.js';
import { handleControl } from './control.js';
import type { AgentRecord, AttachmentRecord, UserRecord } from './model.js';
import {
  accessDenied,
  baseError,
  invalidCredentials,
  methodNotAllowed,
  MSG,
  notFound,
  requestError,
  validationFailed,
  type Reply,
} from './replies.js';
import { allowedMethods, matchRoute, methodOf } from './routes.js';
import type { SandboxState } from './state.js';
import { isPlainObject, type Body } from './validation.js';

/**
 * The request pipeline, in Freshdesk's check order (docs/freshdesk-api.md §1): rate 429 → route
 * 404/405 → 415/406/invalid_json → suspension 403 → auth 401 → privilege 403 → the handler
 * (record 404 → state 405/403 → missing_params → invalid_field → field validation).
 */

export interface ServerRuntime {
  state: SandboxState;
  timers: Set<NodeJS.Timeout>;
}

export function createSandboxServer(runtime: ServerRuntime): Server {
  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    handle(runtime, req, res).catch(() => {
      writeReply(res, baseError(500, MSG.internal), randomUUID());
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) {
      const body = JSON.stringify({ message: 'Bad Request' });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nX-Request-Id: ${randomUUID()}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      );
    } else socket.destroy();
  });
  return server;
}

function sleep(ms: number, timers: Set<NodeJS.Timeout>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.add(timer);
  });
}

function acceptsJson(accept: string): boolean {
  if (accept.trim() === '') return true;
  return accept.split(',').some((range) => {
    const media = (range.split(';')[0] ?? '').trim().toLowerCase();
    return media === 'application/json' || media === '*/*' || media === 'application/*';
  });
}

function authenticate(account: HelpdeskAccount, header: string | undefined): { agent: AgentRecord; user: UserRecord } | undefined {
  if (!header) return undefined;
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const key = colon === -1 ? decoded : decoded.slice(0, colon);
  // A user name with "@" is e-mail/password login, retired in 2021.
  if (key === '' || key.includes('@')) return undefined;
  const user = account.userByKey(key);
  if (!user || user.deleted) return undefined;
  const agent = account.agents.get(user.id);
  if (!agent || agent.deactivated) return undefined;
  return { agent, user };
}

/** Body Freshdesk would send for an injected status fault. */
function faultReply(fault: Fault): Reply {
  switch (fault.status) {
    case 401:
      return invalidCredentials();
    case 403:
      return accessDenied();
    case 404:
      return notFound();
    case 429:
      return { status: 429, body: { message: MSG.rateLimited }, headers: { 'Retry-After': String(fault.retryAfter) } };
    case 502:
      return baseError(502, 'Bad Gateway');
    case 503:
      return baseError(503, 'Service Unavailable');
    case 504:
      return baseError(504, 'Gateway Timeout');
    default:
      return baseError(fault.status, fault.status >= 500 ? MSG.internal : 'Request failed');
  }
}

const NO_BODY = { ok: true, bytes: Buffer.alloc(0) } as const;

const SAFE_HOST = /^[A-Za-z0-9.\-:[\]]{1,300}$/;

async function handle(runtime: ServerRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { state, timers } = runtime;
  const requestId = randomUUID();
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const rawQuery = q === -1 ? '' : rawUrl.slice(q + 1);

  if (path === '/_sandbox' || path.startsWith('/_sandbox/')) {
    await handleControl(state, req, res, path, rawQuery, requestId);
    return;
  }

  const account = state.resolveHost(req.headers.host);
  if (!account) {
    writeReply(res, notFound(), requestId);
    return;
  }
  const method = req.method ?? 'GET';
  const now = state.config.now;
  const record = (status: number, credits: number, agentId: number | null): void => {
    account.record({ method, path, query: rawQuery, status, credits, agentId, atMs: now() });
  };

  const match = matchRoute(path);
  const routeMethod = match ? methodOf(match.route, method) : undefined;
  const contentType = req.headers['content-type'];
  const isMultipart = contentType !== undefined && /^\s*multipart\/form-data/i.test(contentType);
  const limit = isMultipart && routeMethod?.multipart ? MAX_MULTIPART_BODY_BYTES : MAX_JSON_BODY_BYTES;
  const hasPayload = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
  const read = hasPayload ? await readBody(req, limit) : NO_BODY;
  if (!read.ok) {
    if (read.reason === 'aborted') {
      record(0, 0, null);
      return;
    }
    writeReply(res, baseError(413, 'Request Entity Too Large'), requestId, { Connection: 'close' });
    record(413, 0, null);
    return;
  }
  const bytes = read.bytes;

  // Injected faults, before Freshdesk would see the request.
  let slowBody: { ms: number; timers: Set<NodeJS.Timeout> } | undefined;
  const fault = account.takeFault();
  if (fault) {
    if (fault.kind === 'drop') {
      record(0, 0, null);
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'status') {
      const reply = faultReply(fault);
      writeReply(res, reply, requestId);
      record(reply.status, 0, null);
      return;
    }
    if (fault.kind === 'malformed') {
      writeReply(res, { status: 200, raw: '{"id": 42, "subject": "Trunc' }, requestId);
      record(200, 0, null);
      return;
    }
    if (fault.kind === 'latency') await sleep(fault.ms, timers);
    if (fault.kind === 'slow_body') slowBody = { ms: fault.ms, timers };
  }

  // Rate limit: the counter rises before anything else is checked.
  const query = new URLSearchParams(rawQuery);
  const cost = routeMethod?.cost ? routeMethod.cost(query) : 1;
  const decision = account.limiter.take(cost, routeMethod?.subLimit);
  if (!decision.ok) {
    writeReply(
      res,
      { status: 429, body: { message: MSG.rateLimited }, headers: { 'Retry-After': String(decision.retryAfterSeconds) } },
      requestId,
      undefined,
      slowBody,
    );
    record(429, 0, null);
    return;
  }
  const rateHeaders = {
    'X-RateLimit-Total': String(decision.total),
    'X-RateLimit-Remaining': String(decision.remaining),
    'X-RateLimit-Used-CurrentRequest': String(decision.usedByThisRequest),
  };
  const respond = (reply: Reply, agentId: number | null): void => {
    writeReply(res, reply, requestId, rateHeaders, slowBody);
    record(reply.status, cost, agentId);
  };

  if (!match) return respond(notFound(), null);
  if (!routeMethod) return respond(methodNotAllowed(method, allowedMethods(match.route)), null);

  const hasBody = method === 'POST' || method === 'PUT';
  const text = bytes.length > 0 ? bytes.toString('utf8') : '';
  const bodyEmpty = text.trim() === '';
  if (hasBody && contentType !== undefined && contentType.trim() !== '') {
    const media = (contentType.split(';')[0] ?? '').trim().toLowerCase();
    if (!(media === 'application/json' || (media === 'multipart/form-data' && routeMethod.multipart))) {
      return respond(
        requestError(415, 'invalid_content_type', `Content-Type header is set to ${media}. It should be set to application/json`),
        null,
      );
    }
  }
  const accept = req.headers.accept;
  if (accept !== undefined && !acceptsJson(accept)) {
    return respond(
      requestError(406, 'invalid_accept_header', `Accept header is set to ${accept}. It should have application/json or */*`),
      null,
    );
  }

  let body: Body = {};
  let files: AttachmentRecord[] = [];
  if (hasBody && isMultipart) {
    const boundary = multipartBoundary(contentType ?? '');
    const parts = boundary ? parseMultipart(bytes, boundary) : null;
    if (!parts) return respond(requestError(400, 'invalid_multipart', MSG.invalidMultipart), null);
    const form = formToBody(parts, routeMethod.multipartTypes ?? {});
    body = form.body;
    const fileField = path === '/api/v2/contacts' ? 'avatar' : 'attachments[]';
    const badFile = form.files.find((f) => f.name !== fileField);
    if (badFile) return respond(validationFailed([{ field: badFile.name, message: MSG.invalidField, code: 'invalid_field' }]), null);
    const totalSize = form.files.reduce((n, f) => n + f.data.length, 0);
    if (totalSize > MAX_ATTACHMENT_BYTES) {
      return respond(
        validationFailed([
          {
            field: fileField.replace('[]', ''),
            message: 'The cumulative size of all attachments must be less than 20MB',
            code: 'invalid_value',
          },
        ]),
        null,
      );
    }
    const at = now();
    files = form.files.map((f) => ({
      id: account.nextAttachmentId++,
      name: f.filename || 'file',
      contentType: f.contentType ?? 'application/octet-stream',
      size: f.data.length,
      createdAt: at,
    }));
  } else if (hasBody && !bodyEmpty) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return respond(requestError(400, 'invalid_json', MSG.invalidJson), null);
    }
    if (!isPlainObject(parsed)) return respond(requestError(400, 'invalid_json', MSG.invalidJson), null);
    body = parsed;
  } else if (!hasBody && !bodyEmpty) {
    return respond(requestError(400, 'no_content_required', MSG.noContent), null);
  }

  if (account.suspended) return respond(requestError(403, 'account_suspended', MSG.suspended), null);
  const auth = authenticate(account, req.headers.authorization);
  if (!auth) return respond(invalidCredentials(), null);
  const privileges = account.privilegesOf(auth.agent);
  if (routeMethod.privilege && !privileges.has(routeMethod.privilege)) return respond(accessDenied(), auth.agent.id);

  const hostHeader = req.headers.host;
  const origin = `http://${hostHeader && SAFE_HOST.test(hostHeader) ? hostHeader : `${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? 80}`}`;
  const ctx: ApiContext = {
    account,
    caller: auth.agent,
    callerUser: auth.user,
    privileges,
    method,
    path,
    query,
    body,
    bodyEmpty: bodyEmpty && files.length === 0,
    files,
    id: match.id,
    origin,
    now,
  };
  let reply: Reply;
  try {
    reply = routeMethod.handler(ctx);
  } catch {
    reply = baseError(500, MSG.internal);
  }
  respond(reply, auth.agent.id);
}
