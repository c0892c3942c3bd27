// What Settings → MCP saved (the store), the bearer token sealed apart from it (vault envelope),
// and the endpoint file the stdio bridge reads (url and token, owner-only, written atomically).
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CoreError, type CipherStatus, type KeyValueStore, type SecretCipher } from '../types';
import { open, seal } from '../vault/envelope';
import { newToken } from './gate';

export const ENDPOINT_FILE = 'mcp-endpoint.json';
const TOKEN_KEY = 'mcpToken';
const CONFIG_KEY = 'mcp';
const TOKEN_OWNER = 'triage-desk';
const TOKEN_PURPOSE = 'mcp-token';

/** What the person chose in Settings → MCP (kept in the store; the token is sealed apart). */
export const McpConfig = z.object({
  enabled: z.boolean(),
  port: z.number().int().min(1024).max(65535).optional(),
  profile: z.string().min(1).max(200).optional(),
});
export type McpConfig = z.infer<typeof McpConfig>;

const TokenShape = z.object({ token: z.string().min(16) });

export interface McpConfigDeps {
  store: KeyValueStore;
  cipher: SecretCipher;
  /** the cipher as the vault will use it (weak storage only when the person allowed it) */
  cipherStatus: () => CipherStatus;
  dataDir?: string;
  log: (line: string) => void;
}

export interface McpSaved {
  /** Settings → MCP as saved (off by default) */
  config(): McpConfig;
  saveConfig(c: McpConfig): void;
  saveToken(token: string): void;
  /** the saved token, or a new one (saved) when there is none or it cannot be read */
  tokenOrNew(): string;
  endpointFile: string | undefined;
  /** (re)writes the endpoint file for the server while it runs; logs when it cannot */
  writeEndpointFile(running: { url: string; token: string } | undefined): void;
  removeEndpointFile(): void;
}

export function createMcpSaved(deps: McpConfigDeps, iso: () => string): McpSaved {
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

  function writeEndpointFile(running: { url: string; token: string } | undefined): void {
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

  // ---- config ----------------------------------------------------------------------------

  function config(): McpConfig {
    try {
      const parsed = McpConfig.safeParse(deps.store.get(CONFIG_KEY));
      if (parsed.success) return parsed.data;
    } catch {
      // unreadable: off
    }
    return { enabled: false };
  }

  return {
    config,
    saveConfig: (c) => deps.store.set(CONFIG_KEY, c),
    saveToken,
    tokenOrNew,
    endpointFile,
    writeEndpointFile,
    removeEndpointFile,
  };
}
