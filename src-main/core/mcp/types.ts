// The MCP service's public shapes: what it needs (McpDeps) and what it offers the core facade
// and the handlers (McpService), and the per-client session and running server the parts share.
// The parts (server.ts, tool-call.ts, approvals.ts, config.ts) and the service that wires them
// (index.ts) import these from here.
import type { Server as HttpServer } from 'node:http';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { AccountService, CipherStatus, CoreEvent, KeyValueStore, SecretCipher } from '../types';
import type { ToolService } from '../tools';
import type { ActivityEntry, ActivityLog } from '../activity';
import type { ApprovalSource } from '../approvals';
import type { McpConfig } from './config';

export const DEFAULT_APPROVAL_TIMEOUT_MS = 10 * 60_000;
export const MIN_APPROVAL_TIMEOUT_MS = 1000;
export const MAX_APPROVAL_TIMEOUT_MS = 24 * 60 * 60_000;

/** How long a write waits for the person: 1 s … 24 h. setTimeout treats ≤0, NaN or more than
 *  2^31−1 ms as ~1 ms, which would time every write out at once; such values are clamped. */
export function clampApprovalTimeout(ms: number | undefined): number {
  if (ms === undefined) return DEFAULT_APPROVAL_TIMEOUT_MS;
  if (Number.isNaN(ms)) return DEFAULT_APPROVAL_TIMEOUT_MS;
  return Math.min(MAX_APPROVAL_TIMEOUT_MS, Math.max(MIN_APPROVAL_TIMEOUT_MS, ms));
}

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

/** The server while it listens (server.ts owns it; the token changes on rotation). */
export interface Running {
  http: HttpServer;
  port: number;
  url: string;
  profile: string;
  approvalTimeoutMs: number;
  token: string;
}

export interface Session {
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
