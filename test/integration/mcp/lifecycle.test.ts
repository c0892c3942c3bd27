// core.mcp over its life: the choice in Settings survives a restart (a new core on the same
// store and data folder starts the server again), rotating the token refuses the old one at once,
// and a client that gives up on a waiting write drops its approval (recorded, nothing sent).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACTIVITY_FILE } from '../../../src-main/core/activity';
import { ENDPOINT_FILE } from '../../../src-main/core/mcp';
import { makeTestCore } from '../../helpers/core';
import { rawRequest, startMcpRig, until, type McpRig } from './setup';

let rig: McpRig;
beforeAll(async () => {
  rig = await startMcpRig();
});
afterAll(() => rig?.close());

const init = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'probe', version: '1' } },
});
const post = (url: string, token: string) =>
  rawRequest(url, {
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', Authorization: `Bearer ${token}` },
    body: init,
  });

it('off by default; configure() starts it and the choice survives a restart with the same token', async () => {
  expect(rig.t.core.mcp.config()).toEqual({ enabled: false });
  expect(rig.t.core.mcp.status().running).toBe(false);
  const status = await rig.t.core.mcp.configure({ enabled: true, profile: rig.profile });
  expect(status).toMatchObject({ running: true, profile: rig.profile });
  const token = rig.t.core.mcp.token()!;
  await rig.t.core.mcp.stop();

  // the app restarts: a new core on the same vault file, cipher and data folder
  const again = await makeTestCore({ dir: rig.t.dir, cipher: rig.t.cipher, dataDir: rig.dataDir });
  try {
    await again.core.mcp.restore();
    const s = again.core.mcp.status();
    expect(s).toMatchObject({ running: true, profile: rig.profile });
    expect(again.core.mcp.token()).toBe(token);
    expect((await post(s.url!, token)).status).toBe(200);
    // the token is stored sealed, never in plain text
    expect(readFileSync(path.join(rig.t.dir, 'vault.json'), 'utf8')).not.toContain(token);
  } finally {
    await again.cleanup();
  }
});

it('rotating the token refuses the old one at once and rewrites the endpoint file', async () => {
  const { url, token } = await rig.t.core.mcp.start({ profile: rig.profile });
  expect((await post(url, token)).status).toBe(200);
  const { token: fresh } = await rig.t.core.mcp.rotateToken();
  expect(fresh).not.toBe(token);
  expect((await post(url, token)).status).toBe(401);
  expect((await post(url, fresh)).status).toBe(200);
  expect(JSON.parse(readFileSync(path.join(rig.dataDir, ENDPOINT_FILE), 'utf8'))).toMatchObject({ url, token: fresh });
  await rig.t.core.mcp.stop();
});

it('a client that cancels a waiting write drops the approval; it is recorded as cancelled and nothing is sent', async () => {
  const { url, token } = await rig.t.core.mcp.start({ profile: rig.profile });
  const client = await rig.connectClient(url, token);
  const list = await rig.t.core.tools.execute(rig.profile, 'freshdesk_tickets_list', { per_page: 1 });
  const id = ((list.ok ? list.data : []) as { id: number }[])[0]!.id;
  await rig.clearRequests();
  const controller = new AbortController();
  const call = client.callTool({ name: 'freshdesk_ticket_update', arguments: { ticket_id: id, status: 4 } }, undefined, {
    signal: controller.signal,
  });
  await until(() => rig.t.core.approvals.pending().find((a) => a.origin === 'mcp'));
  controller.abort();
  await expect(call).rejects.toThrow();
  await until(() => (rig.t.core.approvals.pending().length === 0 ? true : undefined));
  expect((await rig.requests()).filter((r) => r.method !== 'GET')).toEqual([]);
  expect((await rig.t.core.activity.list(rig.profile))[0]).toMatchObject({
    outcome: 'cancelled',
    origin: 'mcp',
    targets: { ticket_id: id },
  });
  expect(rig.events).toContainEqual(expect.objectContaining({ type: 'approval_resolved', origin: 'mcp', outcome: 'cancelled' }));
});

it('disconnecting the profile MCP acts as turns the server off, forgets the choice and its activity', async () => {
  await rig.t.core.mcp.configure({ enabled: true, profile: rig.profile });
  expect(rig.t.core.mcp.status().running).toBe(true);
  // the cancelled write above left an entry, subject-free but naming the profile
  expect((await rig.t.core.activity.list(rig.profile)).length).toBeGreaterThan(0);
  await rig.t.core.accounts.disconnect(rig.profile);
  expect(rig.t.core.mcp.status().running).toBe(false);
  expect(rig.t.core.mcp.config()).toEqual({ enabled: false });
  expect(await rig.t.core.activity.list(rig.profile)).toEqual([]);
  expect(readFileSync(path.join(rig.dataDir, ACTIVITY_FILE), 'utf8')).not.toContain(`"profile":"${rig.profile}"`);
});

it('disconnecting the profile a server was started as (core.mcp.start, not saved) stops it too', async () => {
  await rig.t.core.accounts.connectSandbox(rig.profile, {
    subdomain: 'acme',
    apiKey: rig.apiKey,
    origin: `http://acme.localhost:${rig.sandbox.port}`,
  });
  await rig.t.core.mcp.start({ profile: rig.profile });
  expect(rig.t.core.mcp.config()).toEqual({ enabled: false });
  expect(rig.t.core.mcp.status()).toMatchObject({ running: true, profile: rig.profile });
  await rig.t.core.accounts.disconnect(rig.profile);
  expect(rig.t.core.mcp.status().running).toBe(false);
});
