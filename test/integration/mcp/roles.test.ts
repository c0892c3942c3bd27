// Tools the profile's role cannot use are not offered over MCP: an Agent sees no admin tools,
// and calling one anyway is refused with the reason (nothing reaches the sandbox).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMcpRig, type McpRig } from './setup';

let rig: McpRig;
beforeAll(async () => {
  rig = await startMcpRig({ agentIndex: 3 }); // an Agent, not an administrator
});
afterAll(() => rig?.close());

it('an Agent gets the six tools its role may use; an admin tool called anyway is refused', async () => {
  const { url, token } = await rig.t.core.mcp.start({ profile: rig.profile });
  const client = await rig.connectClient(url, token);
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name);
  expect(names).not.toContain('freshdesk_agent_create');
  expect(names).not.toContain('freshdesk_agent_delete');
  expect(names).not.toContain('freshdesk_roles_list');
  expect(names).toContain('freshdesk_ticket_update');
  expect(names).not.toContain('freshdesk_agents_list');
  expect(names).toHaveLength(6);
  await rig.clearRequests();
  const r = (await client.callTool({ name: 'freshdesk_agent_delete', arguments: { agent_id: 1 } })) as {
    isError?: boolean;
    content: { text: string }[];
  };
  expect(r.isError).toBe(true);
  expect(r.content[0]!.text).toMatch(/not available to this profile.*only administrators/);
  expect(rig.t.core.approvals.pending()).toEqual([]);
  expect(await rig.requests()).toEqual([]);
});
