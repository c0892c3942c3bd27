// core.mcp driven by the MCP SDK's own Client over Streamable HTTP against the sandbox helpdesk:
// tools/list with annotations, compact reads, writes that wait for core.approvals.resolve
// (approve, reject, time out), the HTTP gate (401 / 403 / 403, no CORS), and the profile's key
// absent from every response, log line and activity entry.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { projectForModel, TOOL_NAMES } from '../../../src-main/core/tools';
import { ACTIVITY_FILE } from '../../../src-main/core/activity';
import { ENDPOINT_FILE } from '../../../src-main/core/mcp';
import { quoteJson } from '../../../src-main/core/chat/untrusted';
import { rawRequest, startMcpRig, until, type McpRig } from './setup';

let rig: McpRig;
let url: string;
let token: string;
let client: Client;
/** every MCP answer the client saw, for the canary check */
const seen: string[] = [];

type CallResult = { content: { type: string; text?: string }[]; isError?: boolean };
const textOf = (r: CallResult) => r.content.map((c) => c.text ?? '').join('\n');
async function call(name: string, args: Record<string, unknown>): Promise<CallResult> {
  const r = (await client.callTool({ name, arguments: args })) as CallResult;
  seen.push(JSON.stringify(r));
  return r;
}
async function someTicket(): Promise<{ id: number; priority: number }> {
  const r = await rig.t.core.tools.execute(rig.profile, 'freshdesk_tickets_list', { per_page: 5 });
  if (!r.ok) throw new Error(r.error.message);
  const t = (r.data as { id: number; priority: number }[])[0]!;
  return { id: t.id, priority: t.priority };
}
const writes = async () => (await rig.requests()).filter((r) => r.method !== 'GET');
const pendingMcp = () => rig.t.core.approvals.pending().find((a) => a.origin === 'mcp');

beforeAll(async () => {
  rig = await startMcpRig();
  ({ url, token } = await rig.t.core.mcp.start({ profile: rig.profile, approvalTimeoutMs: 30_000 }));
  client = await rig.connectClient(url, token);
});
afterAll(() => rig?.close());

describe('the MCP server', () => {
  it('listens on 127.0.0.1 at /mcp, writes the endpoint file (0600), and knows the client by name', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const file = path.join(rig.dataDir, ENDPOINT_FILE);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ url, token });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const status = rig.t.core.mcp.status();
    expect(status).toMatchObject({ running: true, url, clients: [{ name: 'Claude Code' }] });
    expect(JSON.stringify(status)).not.toContain(token);
  });

  it('tools/list gives the ten tools with the chat schemas and annotations', async () => {
    const { tools } = await client.listTools();
    seen.push(JSON.stringify(tools));
    expect(tools.map((t) => t.name).sort()).toEqual([...TOOL_NAMES].sort());
    const byName = new Map(tools.map((t) => [t.name, t]));
    const chatDefs = rig.t.core.tools.list(rig.profile);
    for (const d of chatDefs) expect(byName.get(d.name)!.inputSchema).toEqual(d.inputSchema);
    expect(byName.get('freshdesk_ticket_get')!.annotations).toEqual({ readOnlyHint: true, destructiveHint: false, openWorldHint: false });
    expect(byName.get('freshdesk_ticket_update')!.annotations).toEqual({
      readOnlyHint: false,
      destructiveHint: false,
      openWorldHint: false,
    });
    expect(byName.get('freshdesk_agent_delete')!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName.get('freshdesk_tickets_reply')!.annotations).toMatchObject({ readOnlyHint: false, openWorldHint: true });
  });

  it('a read returns the compact projection inside the untrusted-data marker', async () => {
    const { id } = await someTicket();
    const r = await call('freshdesk_ticket_get', { ticket_id: id });
    expect(r.isError).toBeFalsy();
    const text = textOf(r);
    expect(text.startsWith('<untrusted_freshdesk_data tool="freshdesk_ticket_get">')).toBe(true);
    const raw = await rig.t.core.tools.execute(rig.profile, 'freshdesk_ticket_get', { ticket_id: id });
    if (!raw.ok) throw new Error('read failed');
    expect(text).toContain(quoteJson(projectForModel('freshdesk_ticket_get', raw.data, { input: { ticket_id: id } })));
    expect(text.length).toBeLessThan(JSON.stringify(raw.data).length);
  });

  it('a write waits for core.approvals.resolve, then is posted exactly once and recorded', async () => {
    const { id, priority } = await someTicket();
    const target = priority === 4 ? 3 : 4;
    await rig.clearRequests();
    const pending = call('freshdesk_ticket_update', { ticket_id: id, priority: target });
    const approval = await until(pendingMcp);
    expect(approval).toMatchObject({
      origin: 'mcp',
      client: 'Claude Code',
      tool: 'freshdesk_ticket_update',
      input: { ticket_id: id, priority: target },
      preview: { kind: 'update', ticketId: id, changes: [{ field: 'priority', before: priority, after: target }] },
    });
    expect(rig.events).toContainEqual({ type: 'approval_required', origin: 'mcp', approval });
    await new Promise((r) => setTimeout(r, 200));
    expect(await writes()).toEqual([]);

    await rig.t.core.approvals.resolve(approval.callId, { approve: true });
    const r = await pending;
    expect(r.isError).toBeFalsy();
    expect(textOf(r)).toContain('untrusted_freshdesk_data');
    expect(await writes()).toEqual([expect.objectContaining({ method: 'PUT', path: `/api/v2/tickets/${id}`, status: 200 })]);
    expect(rig.t.core.approvals.pending()).toEqual([]);
    await expect(rig.t.core.approvals.resolve(approval.callId, { approve: true })).rejects.toMatchObject({ code: 'unknown_approval' });

    const [entry] = await rig.t.core.activity.list(rig.profile, { origin: 'mcp' });
    expect(entry).toMatchObject({
      origin: 'mcp',
      client: 'Claude Code',
      tool: 'freshdesk_ticket_update',
      targets: { ticket_id: id },
      approval: 'clicked',
      outcome: 'ok',
      status: 200,
    });
    expect(entry!.requestId).toMatch(/[0-9a-f-]{36}/);
  });

  it('a rejected write returns isError with the reason; nothing reaches the sandbox', async () => {
    const { id } = await someTicket();
    await rig.clearRequests();
    const pending = call('freshdesk_tickets_reply', { ticket_id: id, body: '<p>Hello</p>' });
    const approval = await until(pendingMcp);
    expect(approval.canAllowForThread).toBe(false);
    await rig.t.core.approvals.resolve(approval.callId, { approve: false, reason: 'Wrong customer' });
    const r = await pending;
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/rejected.*nothing was sent.*Wrong customer/);
    expect(await writes()).toEqual([]);
    expect((await rig.t.core.activity.list(rig.profile))[0]).toMatchObject({
      tool: 'freshdesk_tickets_reply',
      outcome: 'rejected',
      client: 'Claude Code',
    });
  });

  it('allowed ahead for the session: the next call of that tool runs without a card; replies never', async () => {
    const { id } = await someTicket();
    const first = call('freshdesk_ticket_update', { ticket_id: id, tags: ['mcp-a'] });
    const a = await until(pendingMcp);
    await rig.t.core.approvals.resolve(a.callId, { approve: true, allowAhead: true });
    expect((await first).isError).toBeFalsy();
    const second = await call('freshdesk_ticket_update', { ticket_id: id, tags: ['mcp-b'] });
    expect(second.isError).toBeFalsy();
    expect((await rig.t.core.activity.list(rig.profile))[0]).toMatchObject({ approval: 'allowed_ahead', outcome: 'ok' });
  });

  it("invalid input is refused before sending, naming at most five fields like the chat's", async () => {
    await rig.clearRequests();
    const r = await call('freshdesk_ticket_create', {
      email: 5,
      subject: 6,
      description: 7,
      priority: 'high',
      status: 'open',
      source: 'web',
      tags: 'x',
      cc_emails: 'y',
    });
    expect(r.isError).toBe(true);
    const t = textOf(r);
    expect(t).toMatch(/^Tool error \(invalid_input\): the input was refused before sending: .+\.$/);
    expect(t.split(': the input was refused before sending: ')[1]!.split('; ')).toHaveLength(5);
    expect(await writes()).toEqual([]);
    expect(rig.t.core.approvals.pending()).toEqual([]);
  });

  it('agent delete needs the typed confirmation, cannot be allowed ahead, and is recorded as typed_confirmation', async () => {
    const victim = rig.sandbox.accounts.find((a) => a.subdomain === 'acme')!.agents[7]!;
    await rig.clearRequests();
    const pending = call('freshdesk_agent_delete', { agent_id: victim.id });
    const approval = await until(pendingMcp);
    expect(approval).toMatchObject({
      requiresConfirmText: true,
      canAllowForThread: false,
      preview: { kind: 'agent_delete', agentId: victim.id },
    });
    await expect(rig.t.core.approvals.resolve(approval.callId, { approve: true })).rejects.toMatchObject({ code: 'confirmation_mismatch' });
    await expect(
      rig.t.core.approvals.resolve(approval.callId, { approve: true, input: { agent_id: victim.id + 1 }, confirmText: victim.email }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await writes()).toEqual([]);
    await rig.t.core.approvals.resolve(approval.callId, {
      approve: true,
      confirmText: ` ${victim.email.toUpperCase()} `,
      allowAhead: true,
    });
    expect((await pending).isError).toBeFalsy();
    expect(await writes()).toEqual([expect.objectContaining({ method: 'DELETE', path: `/api/v2/agents/${victim.id}` })]);
    expect((await rig.t.core.activity.list(rig.profile))[0]).toMatchObject({
      tool: 'freshdesk_agent_delete',
      approval: 'typed_confirmation',
      targets: { agent_id: victim.id },
      outcome: 'ok',
    });
  });

  it('the gate: wrong or missing token 401, foreign Host 403, foreign Origin 403, no CORS', async () => {
    const port = new URL(url).port;
    const init = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
    });
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
    const good = { ...headers, Authorization: `Bearer ${token}` };
    const answers = [
      await rawRequest(url, { headers: { ...headers, Authorization: 'Bearer wrong' }, body: init }),
      await rawRequest(url, { headers, body: init }),
      await rawRequest(url, { headers: { ...good, Host: `evil.example:${port}` }, body: init }),
      await rawRequest(url, { headers: { ...good, Host: `127.0.0.1:1` }, body: init }),
      await rawRequest(url, { headers: { ...good, Origin: 'https://evil.example' }, body: init }),
      await rawRequest(url, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } }),
      await rawRequest(url.replace('/mcp', '/other'), { headers: good, body: init }),
      await rawRequest(url, { headers: { ...good, Origin: `http://localhost:${port}` }, body: init }),
    ];
    expect(answers.map((a) => a.status)).toEqual([401, 401, 403, 403, 403, 403, 404, 200]);
    expect(answers[0]!.headers['www-authenticate']).toMatch(/^Bearer/);
    // refused by our gate, before the MCP SDK saw the request
    expect(answers.slice(0, 7).map((a) => (JSON.parse(a.body) as { error: string }).error)).toEqual([
      expect.stringMatching(/^Unauthorized/),
      expect.stringMatching(/^Unauthorized/),
      expect.stringMatching(/only on its loopback address/),
      expect.stringMatching(/only on its loopback address/),
      expect.stringMatching(/web pages may not call/),
      expect.stringMatching(/web pages may not call/),
      expect.stringMatching(/^Not found/),
    ]);
    for (const a of answers) {
      expect(Object.keys(a.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
      seen.push(a.body);
    }
  });

  it('a write left unanswered times out with isError, and nothing is sent; a timeout ≤0 is clamped to 1 s', async () => {
    await rig.t.core.mcp.stop();
    // 0 would be ~1 ms to setTimeout (every write timing out at once): start clamps it to 1 s
    ({ url, token } = await rig.t.core.mcp.start({ profile: rig.profile, approvalTimeoutMs: 0 }));
    client = await rig.connectClient(url, token);
    const { id } = await someTicket();
    await rig.clearRequests();
    const started = Date.now();
    const r = await call('freshdesk_ticket_update', { ticket_id: id, status: 3 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('No one approved it in Triage Desk within 1 second;');
    expect(await writes()).toEqual([]);
    expect((await rig.t.core.activity.list(rig.profile))[0]).toMatchObject({ outcome: 'timed_out', origin: 'mcp' });
    expect(rig.t.core.approvals.pending()).toEqual([]);
  });

  it('stop() closes the endpoint and removes the endpoint file', async () => {
    await rig.t.core.mcp.stop();
    expect(rig.t.core.mcp.status()).toEqual({ running: false, clients: [] });
    expect(() => statSync(path.join(rig.dataDir, ENDPOINT_FILE))).toThrow();
    await expect(rawRequest(url, { headers: {} })).rejects.toThrow();
  });

  it('the profile key is absent from every MCP answer, log line and activity line', () => {
    const activity = readFileSync(path.join(rig.dataDir, ACTIVITY_FILE), 'utf8');
    const all = [...seen, ...rig.logs, activity, JSON.stringify(rig.events)].join('\n');
    expect(seen.length).toBeGreaterThan(10);
    expect(all).not.toContain(rig.apiKey);
    expect(all).not.toContain(Buffer.from(`${rig.apiKey}:X`).toString('base64'));
    expect(all).not.toContain(token);
  });
});
