// core.mcp: the ten tools over MCP (Streamable HTTP on 127.0.0.1) for Claude Code, Claude
// Desktop (through the stdio bridge) and other agents. docs/mcp.md describes the whole design.
//
// - Every HTTP request passes the gate (gate.ts) before the SDK sees it.
// - Calls act as one profile, at the governor's 'background' priority (below the person's clicks
//   and the chat). Results are the chat's compact projection inside the same untrusted marker.
// - A write waits for the person: an approval (origin 'mcp', the client's name) in
//   core.approvals and a core event; the same never-auto and allow-ahead rules as the chat
//   (chat/approvals.ts). Rejected, unanswered and dropped writes are recorded in the activity log.
//
// This file wires the parts together: the HTTP listener and sessions (server.ts), one tool call
// (tool-call.ts), the writes waiting for the person (approvals.ts) and the saved config, sealed
// token and endpoint file (config.ts).
import { CoreError } from '../types';
import { createMcpApprovals } from './approvals';
import { createMcpSaved, McpConfig } from './config';
import { newToken } from './gate';
import { createMcpServer } from './server';
import { createToolCaller } from './tool-call';
import type { McpDeps, McpService } from './types';

export { ENDPOINT_FILE, McpConfig } from './config';
export { annotationsFor } from './server';
export { DEFAULT_APPROVAL_TIMEOUT_MS, MAX_APPROVAL_TIMEOUT_MS, MIN_APPROVAL_TIMEOUT_MS, clampApprovalTimeout } from './types';
export type { McpDeps, McpService, McpStartOptions, McpStatus } from './types';

export function createMcpService(deps: McpDeps): McpService {
  const iso = (t = deps.now()) => new Date(t).toISOString();
  const saved = createMcpSaved(deps, iso);
  const approvals = createMcpApprovals(deps.emit);
  const callTool = createToolCaller({ deps, approvals, iso, running: () => server.running() });
  const server = createMcpServer({ deps, approvals, callTool, iso });

  async function stop(): Promise<void> {
    if (!(await server.close())) return;
    saved.removeEndpointFile();
  }

  async function apply(c: McpConfig): Promise<void> {
    if (!c.enabled || !c.profile) return stop();
    const running = server.running();
    if (running && running.profile === c.profile && (c.port === undefined || c.port === running.port)) return;
    await service.start({ profile: c.profile, port: c.port });
  }

  const service: McpService = {
    config: saved.config,
    token: () => server.running()?.token,
    async configure(patch) {
      const next = McpConfig.parse({ ...saved.config(), ...patch });
      if (next.port === undefined) delete next.port;
      await apply(next);
      saved.saveConfig(next);
      return service.status();
    },
    async restore() {
      try {
        await apply(saved.config());
      } catch (err) {
        deps.log(`mcp: not started (${err instanceof CoreError ? err.code : 'error'})`);
      }
    },
    async start(opts) {
      if (server.running()) await stop();
      const account = await deps.accounts.get(opts.profile);
      if (!account) throw new CoreError('not_connected', `There is no profile named ${opts.profile.slice(0, 60)}.`);
      const token = saved.tokenOrNew();
      const { url, port } = await server.listen(opts, token);
      saved.writeEndpointFile(server.running());
      deps.log(`mcp: listening on 127.0.0.1:${port}`);
      return { url, token };
    },
    stop,
    status() {
      const running = server.running();
      if (!running) return { running: false, clients: [] };
      return {
        running: true,
        url: running.url,
        profile: running.profile,
        ...(saved.endpointFile ? { endpointFile: saved.endpointFile } : {}),
        clients: server.clients(),
      };
    },
    async rotateToken() {
      const token = newToken();
      saved.saveToken(token);
      const running = server.running();
      if (running) {
        running.token = token;
        await server.closeSessions();
        saved.writeEndpointFile(server.running());
      }
      return { token };
    },
    approvals: {
      origin: 'mcp',
      pending: () => approvals.pending(),
      resolve: approvals.resolve,
    },
  };
  return service;
}
