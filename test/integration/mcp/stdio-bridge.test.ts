// The stdio bridge (scripts/mcp-stdio.mjs) as Claude Desktop runs it: a child process that
// reads the endpoint file from the data folder and relays stdio to the running core.mcp. The
// SDK's stdio Client lists the tools through it; with the server off it says so in one line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { TOOL_NAMES } from '../../../src-main/core/tools';
import { startMcpRig, type McpRig } from './setup';

const BRIDGE = path.resolve('scripts/mcp-stdio.mjs');
let rig: McpRig;

beforeAll(async () => {
  rig = await startMcpRig();
  await rig.t.core.mcp.start({ profile: rig.profile });
});
afterAll(() => rig?.close());

it('lists the ten tools through a child process, which the app sees as the client it relays', async () => {
  const client = new Client({ name: 'Claude Desktop', version: '1.0.0' });
  const transport = new StdioClientTransport({ command: process.execPath, args: [BRIDGE, '--data-dir', rig.dataDir], stderr: 'pipe' });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...TOOL_NAMES].sort());
    expect(rig.t.core.mcp.status().clients.map((c) => c.name)).toContain('Claude Desktop');
  } finally {
    await client.close();
  }
});

it('with the app not running it says so in one line and exits 1', () => {
  const empty = mkdtempSync(path.join(tmpdir(), 'triage-mcp-off-'));
  try {
    const r = spawnSync(process.execPath, [BRIDGE, '--data-dir', empty], { encoding: 'utf8', input: '', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Triage Desk is not running/)]);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

it('an endpoint file left behind by a crashed app counts as not running', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'triage-mcp-stale-'));
  try {
    const gone = spawnSync(process.execPath, ['-e', ''], { encoding: 'utf8' }).pid!;
    writeFileSync(
      path.join(dir, 'mcp-endpoint.json'),
      JSON.stringify({ url: 'http://127.0.0.1:9/mcp', token: 'x'.repeat(43), pid: gone }),
      {
        mode: 0o600,
      },
    );
    const r = spawnSync(process.execPath, [BRIDGE, '--data-dir', dir], { encoding: 'utf8', input: '', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toMatch(/^Triage Desk is not running/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
