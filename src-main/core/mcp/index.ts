// core.mcp: the ten tools over MCP (Streamable HTTP on 127.0.0.1) for Claude Code, Claude
// Desktop (through the stdio bridge) and other agents. docs/mcp.md describes the whole design.
//
// - Every HTTP request passes the gate (gate.ts) before the SDK sees it.
// - Calls act as one profile, at the governor's 'background' priority (below the person's clicks
//   and the chat). Results are the chat's compact projection inside the same untrusted marker.
// - A write waits for the person: an approval (origin 'mcp', the client's name) in
//   core.approvals and a core event; the same never-auto and allow-ahead rules as the chat
//   (chat/approvals.ts). Rejected, unanswered and dropped writes are recorded in the activity log.
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import {
  CoreError,
  type AccountService,
  type CipherStatus,
  type CoreEvent,
  type KeyValueStore,
  type SecretCipher,
  type ToolDescriptor,
} from '../types';
import type { PendingApproval } from '../../../src-shared/contract/chat';
import { prepareOutgoing, projectForModel, validateToolInput, type ToolService } from '../tools';
import { buildCard, canAllowAhead, needsCard } from '../chat/approvals';
import { checkApproval } from '../approvals/decision';
import { modelResultFor } from '../chat/results';
import { harvestReturned, harvestValues } from '../chat/untrusted';
import { entryForUnsent, type ActivityEntry, type ActivityLog } from '../activity';
import type { ApprovalAnswer, ApprovalSource } from '../approvals';
import { open, seal } from '../vault/envelope';
import { checkRequest, MCP_PATH, newToken } from './gate';

export const ENDPOINT_FILE = 'mcp-endpoint.json';
export const DEFAULT_APPROVAL_TIMEOUT_MS = 10 * 60_000;
const TOKEN_KEY = 'mcpToken';
const CONFIG_KEY = 'mcp';
const TOKEN_OWNER = 'triage-desk';
const TOKEN_PURPOSE = 'mcp-token';
const MAX_SESSIONS = 32;
/** while a write waits, a client that asked for progress hears from us this often (its own
 *  request timeout is reset by each notification) */
const PROGRESS_EVERY_MS = 15_000;

export interface McpStartOptions {
  profile: string;
  port?: number;
  approvalTimeoutMs?: number;
}
export interface McpStatus {
  running: boolean;
  url?: string;
  profile?: string;
  clients: { name: string; lastSeen: string }[];
  /** where the stdio bridge reads the endpoint from (no secret in the path) */
  endpointFile?: string;
}

/** What the person chose in Settings → MCP (kept in the store; the token is sealed apart). */
export const McpConfig = z.object({
  enabled: z.boolean(),
  port: z.number().int().min(1024).max(65535).optional(),
  profile: z.string().min(1).max(200).optional(),
});
export type McpConfig = z.infer<typeof McpConfig>;

export interface McpService {
  start(opts: McpStartOptions): Promise<{ url: string; token: string }>;
  stop(): Promise<void>;
  status(): McpStatus;
  /** A new token; the old one is refused from now on (the endpoint file is rewritten). */
  rotateToken(): Promise<{ token: string }>;
  /** main only (the clipboard copy of the setup line): the token while running */
  token(): string | undefined;
  /** Settings → MCP as saved (off by default) */
  config(): McpConfig;
  /** Saves the choice and starts, restarts or stops the server to match it. */
  configure(patch: Partial<McpConfig>): Promise<McpStatus>;
  /** At app start: starts the server when it was left on. Never throws (logs instead). */
  restore(): Promise<void>;
  /** the waiting MCP writes, for core.approvals */
  approvals: ApprovalSource;
}

export interface McpDeps {
  tools: ToolService;
  accounts: Pick<AccountService, 'get'>;
  store: KeyValueStore;
  cipher: SecretCipher;
  /** the cipher as the vault will use it (weak storage only when the person allowed it) */
  cipherStatus: () => CipherStatus;
  settings: () => { autoApproveTools: string[] };
  activity: ActivityLog;
  dataDir?: string;
  now: () => number;
  log: (line: string) => void;
  emit: (e: CoreEvent) => void;
  recorded: (e: ActivityEntry) => void;
}

interface Session {
  id?: string;
  transport: StreamableHTTPServerTransport;
  server: Server;
  client: string;
  lastSeen: number;
  /** tools the person allowed for the rest of this session */
  allowAhead: Set<string>;
  /** addresses seen in results sent to this client (customer-controlled) */
  seen: Set<string>;
  /** ids and addresses the helpdesk returned as record fields */
  returned: Set<string>;
}

type Settled =
  | { kind: 'approved'; input: Record<string, unknown>; mode: 'clicked' | 'typed_confirmation' }
  | { kind: 'rejected'; reason?: string }
  | { kind: 'timed_out' }
  | { kind: 'cancelled' };

interface Waiting {
  approval: PendingApproval;
  session: Session;
  confirmText?: string;
  settle(s: Settled): void;
}

const asInput = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const TokenShape = z.object({ token: z.string().min(16) });
/** Client names come from the client: printable, short. */
const cleanName = (s: unknown) =>
  typeof s === 'string' && s.trim()
    ? s
        .replace(/[^\x20-\x7e\u00a0-\uffff]/g, '')
        .trim()
        .slice(0, 60) || 'MCP client'
    : 'MCP client';

/** The MCP annotations of one tool (docs/mcp.md): reads are read-only; only agent delete is
 *  destructive; a reply is open-world (a customer sees it). */
export function annotationsFor(d: ToolDescriptor): NonNullable<Tool['annotations']> {
  return {
    readOnlyHint: d.effect === 'read',
    destructiveHint: d.effect === 'destructive',
    openWorldHint: d.customerVisible,
  };
}

export function createMcpService(deps: McpDeps): McpService {
  const sessions = new Map<string, Session>();
  const waiting = new Map<string, Waiting>();
  let running: { http: HttpServer; port: number; url: string; profile: string; approvalTimeoutMs: number; token: string } | undefined;
  const iso = (t = deps.now()) => new Date(t).toISOString();
  const endpointFile = deps.dataDir ? path.join(deps.dataDir, ENDPOINT_FILE) : undefined;

  // ---- token -----------------------------------------------------------------------------

  function storedToken(): string | undefined {
    const opened = open(deps.cipher, TOKEN_OWNER, TOKEN_PURPOSE, deps.store.get(TOKEN_KEY), TokenShape);
    return opened.ok ? opened.data.token : undefined;
  }
  function saveToken(token: string): void {
    const status = deps.cipherStatus();
    if (!status.available) throw new CoreError('encryption_unavailable', `The MCP token cannot be stored safely here. ${status.reason}`);
    deps.store.set(TOKEN_KEY, seal(deps.cipher, TOKEN_OWNER, TOKEN_PURPOSE, { token }, iso()));
  }
  function tokenOrNew(): string {
    let token: string | undefined;
    try {
      token = storedToken();
    } catch {
      token = undefined;
    }
    if (token) return token;
    token = newToken();
    saveToken(token);
    return token;
  }

  function writeEndpointFile(): void {
    if (!endpointFile || !running) return;
    try {
      mkdirSync(path.dirname(endpointFile), { recursive: true });
      const tmp = `${endpointFile}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ url: running.url, token: running.token, pid: process.pid }), { mode: 0o600 });
      chmodSync(tmp, 0o600);
      renameSync(tmp, endpointFile);
    } catch (err) {
      deps.log(`mcp: the endpoint file could not be written (${err instanceof Error && 'code' in err ? String(err.code) : 'error'})`);
    }
  }
  function removeEndpointFile(): void {
    if (endpointFile) rmSync(endpointFile, { force: true });
  }

  // ---- tools -----------------------------------------------------------------------------

  async function usableTools(profile: string): Promise<ToolDescriptor[]> {
    return (await deps.tools.listFor(profile)).filter((d) => d.available !== false);
  }

  const text = (t: string, isError = false): CallToolResult => ({
    content: [{ type: 'text', text: t }],
    ...(isError ? { isError: true } : {}),
  });

  async function callTool(
    session: Session,
    name: string,
    args: unknown,
    signal: AbortSignal,
    progress: (() => Promise<void>) | undefined,
  ): Promise<CallToolResult> {
    const r = running;
    if (!r) return text('The Triage Desk MCP server is stopping.', true);
    const profile = r.profile;
    const listed = await deps.tools.listFor(profile);
    const tool = listed.find((d) => d.name === name);
    if (!tool) return text(`There is no tool named ${String(name).slice(0, 60)}.`, true);
    if (tool.available === false)
      return text(`${tool.name} is not available to this profile: ${tool.reason ?? "the agent's role cannot use it"}.`, true);
    const input = asInput(args);
    const base = { signal, priority: 'background' as const, origin: 'mcp' as const, client: session.client };

    const run = async (toolInput: Record<string, unknown>, approval?: 'clicked' | 'typed_confirmation' | 'allowed_ahead') => {
      const result = await deps.tools.execute(profile, tool.name, toolInput, { ...base, approval });
      const account = await deps.accounts.get(profile).catch(() => undefined);
      const m = modelResultFor(result, projectForModel, account, toolInput);
      if (m.projected !== undefined) harvestValues(m.projected, session.seen);
      if (m.projected !== undefined) harvestReturned(m.projected, session.returned);
      return text(m.content, m.isError);
    };

    if (tool.effect === 'read') return run(input);

    const checked = validateToolInput(tool.name, input);
    if (!checked.ok) {
      return text(
        `Tool error (invalid_input): the input was refused before sending: ${checked.fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
        true,
      );
    }
    // The one outgoing-HTML policy first: the card shows exactly what will be sent.
    const prepared = prepareOutgoing(tool.name, input);
    if (!prepared.ok) {
      return text(
        `Tool error (invalid_input): the input was refused before sending: ${prepared.fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
        true,
      );
    }
    const toSend = asInput(prepared.input);
    // Nothing the person typed is known here: any address seen in results counts as the customer's.
    const { card: asks, flags } = needsCard(tool, toSend, {
      settingsAllowed: deps.settings().autoApproveTools,
      threadAllowed: session.allowAhead,
      typed: new Set(),
      seen: session.seen,
      returned: session.returned,
    });
    if (!asks) return run(toSend, 'allowed_ahead');

    const read = (readName: string, readInput: Record<string, unknown>) =>
      deps.tools.execute(profile, readName, readInput, { ...base, approval: undefined });
    const card = await buildCard(tool.name, toSend, read);
    const approval: PendingApproval = {
      callId: randomUUID(),
      identifier: profile,
      threadId: 'mcp',
      tool: tool.name,
      effect: tool.effect,
      input: toSend,
      flags,
      preview: card.preview,
      canAllowForThread: canAllowAhead(tool),
      requiresConfirmText: card.confirmText !== undefined,
      createdAt: iso(),
      origin: 'mcp',
      client: session.client,
    };
    const decision = await new Promise<Settled>((resolve) => {
      const timer = setTimeout(() => entry.settle({ kind: 'timed_out' }), r.approvalTimeoutMs);
      const ticker = progress ? setInterval(() => void progress().catch(() => undefined), PROGRESS_EVERY_MS) : undefined;
      const onAbort = () => entry.settle({ kind: 'cancelled' });
      const entry: Waiting = {
        approval,
        session,
        confirmText: card.confirmText,
        settle(s) {
          if (!waiting.has(approval.callId)) return;
          waiting.delete(approval.callId);
          clearTimeout(timer);
          if (ticker) clearInterval(ticker);
          signal.removeEventListener('abort', onAbort);
          resolve(s);
        },
      };
      waiting.set(approval.callId, entry);
      if (signal.aborted) return entry.settle({ kind: 'cancelled' });
      signal.addEventListener('abort', onAbort, { once: true });
      deps.emit({ type: 'approval_required', origin: 'mcp', approval });
    });
    deps.emit({ type: 'approval_resolved', origin: 'mcp', id: approval.callId, outcome: decision.kind });
    if (decision.kind === 'approved') return run(decision.input, decision.mode);
    deps.recorded(
      deps.activity.record(entryForUnsent(profile, tool.name, input, { origin: 'mcp', client: session.client }, decision.kind)),
    );
    if (decision.kind === 'rejected') {
      const why = decision.reason?.trim();
      return text(
        `The person rejected this call in Triage Desk; nothing was sent to Freshdesk.${why ? ` Their reason: ${why}` : ' They gave no reason; ask them what they want instead.'}`,
        true,
      );
    }
    if (decision.kind === 'timed_out') {
      const minutes = Math.max(1, Math.round(r.approvalTimeoutMs / 60_000));
      return text(
        `No one approved it in Triage Desk within ${r.approvalTimeoutMs < 60_000 ? `${Math.round(r.approvalTimeoutMs / 1000)} seconds` : `${minutes} minute${minutes === 1 ? '' : 's'}`}; nothing was sent to Freshdesk.`,
        true,
      );
    }
    return text('The call was cancelled before anyone approved it; nothing was sent to Freshdesk.', true);
  }

  async function resolveApproval(id: string, answer: ApprovalAnswer): Promise<void> {
    const entry = waiting.get(id);
    if (!entry)
      throw new CoreError('unknown_approval', 'This approval is no longer waiting: it was already answered, timed out or was stopped.');
    if (!answer.approve) return entry.settle({ kind: 'rejected', reason: answer.reason?.slice(0, 2000) });
    const { input } = checkApproval(entry.approval.tool, entry.approval.input, answer, entry.confirmText);
    if (answer.allowAhead && entry.approval.canAllowForThread) entry.session.allowAhead.add(entry.approval.tool);
    entry.settle({ kind: 'approved', input, mode: entry.confirmText !== undefined ? 'typed_confirmation' : 'clicked' });
  }

  // ---- MCP sessions ----------------------------------------------------------------------

  function newSession(): Session {
    const server = new Server({ name: 'triage-desk', version: '1.0.0' }, { capabilities: { tools: {} } });
    const session: Session = {
      transport: undefined as unknown as StreamableHTTPServerTransport,
      server,
      client: 'MCP client',
      lastSeen: deps.now(),
      allowAhead: new Set(),
      seen: new Set(),
      returned: new Set(),
    };
    session.transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        session.id = id;
        sessions.set(id, session);
        // the oldest session gives way past the cap
        if (sessions.size > MAX_SESSIONS) void closeSession(sessions.keys().next().value as string);
      },
    });
    session.transport.onclose = () => {
      if (session.id) sessions.delete(session.id);
    };
    server.oninitialized = () => {
      session.client = cleanName(server.getClientVersion()?.title ?? server.getClientVersion()?.name);
    };
    server.setRequestHandler(ListToolsRequestSchema, async () => {
      const profile = running?.profile;
      const tools = profile ? await usableTools(profile) : [];
      return {
        tools: tools.map((d) => ({
          name: d.name,
          description: d.description,
          inputSchema: d.inputSchema as Tool['inputSchema'],
          annotations: annotationsFor(d),
        })),
      };
    });
    server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      const token = request.params._meta?.progressToken;
      let n = 0;
      const progress =
        token === undefined
          ? undefined
          : () =>
              extra.sendNotification({
                method: 'notifications/progress',
                params: { progressToken: token, progress: ++n, message: 'Waiting for approval in Triage Desk' },
              });
      try {
        return await callTool(session, request.params.name, request.params.arguments ?? {}, extra.signal, progress);
      } catch {
        deps.log(`mcp: ${String(request.params.name).slice(0, 60)} failed unexpectedly`);
        return text('The tool failed unexpectedly inside Triage Desk. Check Freshdesk before retrying a write.', true);
      }
    });
    return session;
  }

  async function closeSession(id: string): Promise<void> {
    const s = sessions.get(id);
    sessions.delete(id);
    if (!s) return;
    for (const w of [...waiting.values()]) if (w.session === s) w.settle({ kind: 'cancelled' });
    await s.server.close().catch(() => undefined);
  }

  function refuse(res: ServerResponse, status: number, message: string): void {
    res.writeHead(status, {
      'Content-Type': 'application/json',
      ...(status === 401 ? { 'WWW-Authenticate': 'Bearer realm="triage-desk"' } : {}),
    });
    res.end(JSON.stringify({ error: message }));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const r = running;
    if (!r) return refuse(res, 503, 'The Triage Desk MCP server is stopping.');
    const verdict = checkRequest(req.headers, req.url, r.port, r.token);
    if (!verdict.ok) return refuse(res, verdict.status, verdict.message);
    const sid = req.headers['mcp-session-id'];
    const sessionId = Array.isArray(sid) ? sid[0] : sid;
    let session: Session | undefined;
    if (sessionId !== undefined) {
      session = sessions.get(sessionId);
      if (!session) return refuse(res, 404, 'Unknown or expired MCP session: initialize again.');
    } else {
      if (req.method !== 'POST') return refuse(res, 400, 'Initialize a session first (POST).');
      session = newSession();
      await session.server.connect(session.transport);
    }
    session.lastSeen = deps.now();
    await session.transport.handleRequest(req, res);
    if (sessionId === undefined && !session.id) await session.server.close().catch(() => undefined);
  }

  async function stop(): Promise<void> {
    const r = running;
    if (!r) return;
    running = undefined;
    for (const w of [...waiting.values()]) w.settle({ kind: 'cancelled' });
    await Promise.allSettled([...sessions.keys()].map(closeSession));
    r.http.closeAllConnections();
    await new Promise<void>((resolve) => r.http.close(() => resolve()));
    removeEndpointFile();
  }

  function config(): McpConfig {
    try {
      const parsed = McpConfig.safeParse(deps.store.get(CONFIG_KEY));
      if (parsed.success) return parsed.data;
    } catch {
      // unreadable: off
    }
    return { enabled: false };
  }

  async function apply(c: McpConfig): Promise<void> {
    if (!c.enabled || !c.profile) return stop();
    if (running && running.profile === c.profile && (c.port === undefined || c.port === running.port)) return;
    await service.start({ profile: c.profile, port: c.port });
  }

  const service: McpService = {
    config,
    token: () => running?.token,
    async configure(patch) {
      const next = McpConfig.parse({ ...config(), ...patch });
      if (next.port === undefined) delete next.port;
      await apply(next);
      deps.store.set(CONFIG_KEY, next);
      return service.status();
    },
    async restore() {
      try {
        await apply(config());
      } catch (err) {
        deps.log(`mcp: not started (${err instanceof CoreError ? err.code : 'error'})`);
      }
    },
    async start(opts) {
      if (running) await stop();
      const account = await deps.accounts.get(opts.profile);
      if (!account) throw new CoreError('not_connected', `There is no profile named ${opts.profile.slice(0, 60)}.`);
      const token = tokenOrNew();
      const http = createServer((req, res) => {
        handle(req, res).catch(() => {
          deps.log('mcp: a request failed unexpectedly');
          if (!res.headersSent) refuse(res, 500, 'The request failed inside Triage Desk.');
          else res.end();
        });
      });
      await new Promise<void>((resolve, reject) => {
        http.once('error', (e: NodeJS.ErrnoException) =>
          reject(
            new CoreError(
              'port_unavailable',
              e.code === 'EADDRINUSE' ? `Port ${opts.port} is in use; pick another or leave it empty.` : 'The MCP server could not start.',
            ),
          ),
        );
        http.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
      });
      const port = (http.address() as AddressInfo).port;
      const url = `http://127.0.0.1:${port}${MCP_PATH}`;
      running = { http, port, url, profile: opts.profile, approvalTimeoutMs: opts.approvalTimeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS, token };
      writeEndpointFile();
      deps.log(`mcp: listening on 127.0.0.1:${port}`);
      return { url, token };
    },
    stop,
    status() {
      if (!running) return { running: false, clients: [] };
      return {
        running: true,
        url: running.url,
        profile: running.profile,
        ...(endpointFile ? { endpointFile } : {}),
        clients: [...sessions.values()].sort((a, b) => b.lastSeen - a.lastSeen).map((s) => ({ name: s.client, lastSeen: iso(s.lastSeen) })),
      };
    },
    async rotateToken() {
      const token = newToken();
      saveToken(token);
      if (running) {
        running.token = token;
        await Promise.allSettled([...sessions.keys()].map(closeSession));
        writeEndpointFile();
      }
      return { token };
    },
    approvals: {
      origin: 'mcp',
      pending: () => [...waiting.values()].map((w) => w.approval),
      resolve: resolveApproval,
    },
  };
  return service;
}
