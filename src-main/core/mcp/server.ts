// The HTTP side of the MCP server: a listener on 127.0.0.1, the gate (gate.ts) on every request
// before the SDK sees it, and one MCP session (Streamable HTTP transport + SDK server) per
// client, capped at MAX_SESSIONS. Each session lists the profile's usable tools and hands calls
// to tool-call.ts.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { CoreError, type ToolDescriptor } from '../types';
import type { McpApprovals } from './approvals';
import { checkRequest, MCP_PATH } from './gate';
import { text, type CallTool } from './tool-call';
import { clampApprovalTimeout, type McpDeps, type McpStartOptions, type McpStatus, type Running, type Session } from './types';

const MAX_SESSIONS = 32;

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

export interface McpServerContext {
  deps: Pick<McpDeps, 'tools' | 'now' | 'log'>;
  approvals: McpApprovals;
  callTool: CallTool;
  iso(t?: number): string;
}

export interface McpHttpServer {
  /** the server while it listens */
  running(): Running | undefined;
  /** Listens on 127.0.0.1 (the port asked for, or any free one) with this token. */
  listen(opts: McpStartOptions, token: string): Promise<Running>;
  /** Stops listening: cancels waiting writes, closes sessions and connections. False when not running. */
  close(): Promise<boolean>;
  /** closes every session (clients initialize again) */
  closeSessions(): Promise<void>;
  clients(): McpStatus['clients'];
}

export function createMcpServer(ctx: McpServerContext): McpHttpServer {
  const { deps, approvals, callTool, iso } = ctx;
  const sessions = new Map<string, Session>();
  let running: Running | undefined;

  // ---- tools -----------------------------------------------------------------------------

  async function usableTools(profile: string): Promise<ToolDescriptor[]> {
    return (await deps.tools.listFor(profile)).filter((d) => d.available !== false);
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
    approvals.cancelFor(s);
    await s.server.close().catch(() => undefined);
  }

  // ---- HTTP ------------------------------------------------------------------------------

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

  async function listen(opts: McpStartOptions, token: string): Promise<Running> {
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
    running = { http, port, url, profile: opts.profile, approvalTimeoutMs: clampApprovalTimeout(opts.approvalTimeoutMs), token };
    return running;
  }

  async function close(): Promise<boolean> {
    const r = running;
    if (!r) return false;
    running = undefined;
    approvals.cancelAll();
    await Promise.allSettled([...sessions.keys()].map(closeSession));
    r.http.closeAllConnections();
    await new Promise<void>((resolve) => r.http.close(() => resolve()));
    return true;
  }

  return {
    running: () => running,
    listen,
    close,
    async closeSessions() {
      await Promise.allSettled([...sessions.keys()].map(closeSession));
    },
    clients: () =>
      [...sessions.values()].sort((a, b) => b.lastSeen - a.lastSeen).map((s) => ({ name: s.client, lastSeen: iso(s.lastSeen) })),
  };
}
