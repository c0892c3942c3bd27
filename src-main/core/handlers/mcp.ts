// Settings → MCP, approvals from every origin, and the activity log over IPC. The token stays
// in main: the page sees the setup lines with it masked; mcp:copy puts the real line on the
// clipboard (docs/mcp.md).
import path from 'node:path';
import type { Handler, HandlerContext } from './context';
import type { mcpChannels, McpView } from '../../../src-shared/contract/mcp';
import { CoreError } from '../types';
import { activeProfile } from './active';

type McpChannel = keyof typeof mcpChannels;

const MASK = '••••••••';
/** The bridge Claude Desktop runs (from a checkout: the packaged app does not ship it yet). */
const BRIDGE_SCRIPT = path.resolve('scripts', 'mcp-stdio.mjs');

function setupLines(url: string, token: string, endpointFile: string | undefined): { claudeCode: string; claudeDesktop: string } {
  const args = [BRIDGE_SCRIPT, ...(endpointFile ? ['--data-dir', path.dirname(endpointFile)] : [])];
  return {
    claudeCode: `claude mcp add --transport http triage-desk ${url} --header "Authorization: Bearer ${token}"`,
    claudeDesktop: JSON.stringify({ mcpServers: { 'triage-desk': { command: 'node', args } } }, null, 2),
  };
}

function view(ctx: HandlerContext): McpView {
  const status = ctx.core.mcp.status();
  const cfg = ctx.core.mcp.config();
  const out: McpView = {
    enabled: cfg.enabled,
    running: status.running,
    clients: status.clients,
    ...(status.url ? { url: status.url } : {}),
    ...((status.profile ?? cfg.profile) ? { profile: status.profile ?? cfg.profile } : {}),
    ...(cfg.port ? { port: cfg.port } : {}),
  };
  if (status.url) Object.assign(out, setupLines(status.url, MASK, status.endpointFile));
  return out;
}

export const mcpHandlers: { [C in McpChannel]: Handler<C> } = {
  'mcp:status': (_input, ctx) => view(ctx),

  'mcp:configure': async ({ enabled, port, profile }, ctx) => {
    const cfg = ctx.core.mcp.config();
    // Turned on without a choice: the profile active in this window.
    const chosen = profile ?? cfg.profile ?? (enabled ? activeProfile(ctx) : undefined);
    await ctx.core.mcp.configure({
      ...(enabled !== undefined ? { enabled } : {}),
      ...(chosen ? { profile: chosen } : {}),
      ...(port !== undefined ? { port: port ?? undefined } : {}),
    });
    return view(ctx);
  },

  'mcp:rotate-token': async (_input, ctx) => {
    await ctx.core.mcp.rotateToken();
    return view(ctx);
  },

  'mcp:copy': async ({ what }, ctx) => {
    const status = ctx.core.mcp.status();
    if (!status.url) throw new CoreError('mcp_off', 'Turn the MCP server on first.');
    if (!ctx.copyText) return { copied: false };
    // The token is read here, in main, and goes straight to the clipboard.
    const token = ctx.core.mcp.token();
    if (!token) throw new CoreError('mcp_off', 'Turn the MCP server on first.');
    const lines = setupLines(status.url, token, status.endpointFile);
    ctx.copyText(what === 'claude-code' ? lines.claudeCode : lines.claudeDesktop);
    return { copied: true };
  },

  'approvals:pending': (_input, ctx) => {
    const identifier = activeProfile(ctx);
    return { approvals: ctx.core.approvals.pending().filter((a) => a.identifier === identifier) };
  },

  'approvals:resolve': async ({ callId, approve, input, reason, confirmText, allowAhead }, ctx) => {
    const identifier = activeProfile(ctx);
    // Another profile's approval cannot be answered from this window.
    if (!ctx.core.approvals.pending().some((a) => a.callId === callId && a.identifier === identifier)) {
      throw new CoreError('unknown_approval', 'This approval is no longer waiting: it was already answered, timed out or was stopped.');
    }
    await ctx.core.approvals.resolve(callId, approve ? { approve: true, input, confirmText, allowAhead } : { approve: false, reason });
    return { ok: true as const };
  },

  'activity:list': async (query, ctx) => ({ entries: await ctx.core.activity.list(activeProfile(ctx), query ?? {}) }),
};
