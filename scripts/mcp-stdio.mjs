#!/usr/bin/env node
// The stdio bridge for MCP clients that only speak stdio (Claude Desktop): relays JSON-RPC
// messages between this process's stdin/stdout and the running Triage Desk's MCP endpoint
// (docs/mcp.md, "Claude Desktop"). The endpoint and token come from the endpoint file the app
// writes into its data folder (mode 0600) while its MCP server is on; nothing else is read.
//
//   node scripts/mcp-stdio.mjs [--data-dir <folder>]      (or TRIAGE_DESK_DATA_DIR)
//
// stdout carries the protocol only; the one line saying the app is not running goes to stderr.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const ENDPOINT_FILE = 'mcp-endpoint.json';
const NOT_RUNNING = 'Triage Desk is not running, or its MCP server is off: start the app and turn on Settings → MCP.';

/** Electron's userData folder for an app named triage-desk. */
function defaultDataDir() {
  const home = homedir();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'triage-desk');
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'triage-desk');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'triage-desk');
}

function dataDir() {
  const i = process.argv.indexOf('--data-dir');
  if (i > 0 && process.argv[i + 1]) return process.argv[i + 1];
  return process.env.TRIAGE_DESK_DATA_DIR || defaultDataDir();
}

function fail(line) {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

function readEndpoint() {
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(path.join(dataDir(), ENDPOINT_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed.url !== 'string' || typeof parsed.token !== 'string') return undefined;
  if (typeof parsed.pid === 'number') {
    try {
      process.kill(parsed.pid, 0); // the app that wrote it is still alive
    } catch (err) {
      if (err && err.code === 'ESRCH') return undefined;
    }
  }
  return parsed;
}

const endpoint = readEndpoint();
if (!endpoint) fail(NOT_RUNNING);

const upstream = new StreamableHTTPClientTransport(new URL(endpoint.url), {
  requestInit: { headers: { Authorization: `Bearer ${endpoint.token}` } },
});
const local = new StdioServerTransport();

local.onmessage = (message) => {
  upstream.send(message).catch((err) => {
    const refused = err && (err.cause?.code === 'ECONNREFUSED' || /ECONNREFUSED|fetch failed/.test(String(err.message)));
    if (refused) fail(NOT_RUNNING);
    // A request the app could not take: answer it so the client is not left waiting.
    if (message && 'id' in message && 'method' in message) {
      void local.send({
        jsonrpc: '2.0',
        id: message.id,
        error: { code: -32000, message: `Triage Desk refused the request (${String(err.message).slice(0, 200)})` },
      });
    }
  });
};
upstream.onmessage = (message) => void local.send(message);
local.onclose = () => void upstream.close().finally(() => process.exit(0));
upstream.onerror = () => {};

await upstream.start();
await local.start();
