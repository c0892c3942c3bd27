// Shared shapes of the Electron-free core. The public facade (`TriageCore`) is fixed by
// shared/DESIGN.md; the internal service interfaces below are how the core's rooms talk to
// each other (vault ↔ accounts ↔ freshdesk client ↔ tools ↔ chat).
import type { TriageProgress } from '../../src-shared/contract/triage';

/** Encrypts secrets. safeStorage in the app; AES-256-GCM with a random key in tests. */
export interface SecretCipher {
  status(): CipherStatus;
  encrypt(plaintext: string): Buffer;
  decrypt(ciphertext: Buffer): string;
}
export type CipherStatus =
  | { available: true; backend?: string; weak?: boolean }
  | { available: false; reason: string; backend?: string };

/** The subset of electron-store / conf we use. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export interface CoreOptions {
  store: KeyValueStore;
  cipher: SecretCipher;
  /** default: (sub) => `https://${sub}.freshdesk.com` */
  freshdeskOrigin?: (subdomain: string) => string;
  anthropicBaseURL?: string;
  now?: () => number;
  /** Where diagnostic log lines go (never carries secrets). Default: console.warn. */
  log?: (line: string) => void;
  /** Request timeout for Freshdesk calls (ms). Default 30 000. */
  requestTimeoutMs?: number;
  /** Rate-limit window the Freshdesk client assumes (ms). Default 60 000 (Freshdesk's minute);
   *  tests and benchmarks that shorten the sandbox's window set it to match. */
  freshdeskRateWindowMs?: number;
  /** Problems found while opening the store (e.g. a corrupt file moved aside). */
  startupNotices?: string[];
  /** Folder for files the core writes besides the store (the activity log, the MCP endpoint
   *  file). Main passes Electron's userData; tests a temp folder. Unset: nothing is written. */
  dataDir?: string;
}

export type AccountStatus = 'PENDING' | 'ACTIVE' | 'REVOKED';

export interface AgentIdentity {
  id: number;
  name: string;
  email: string;
  roleIds: number[];
  /** Role names when the key may read /roles (admins), else from what we know. */
  roleNames?: string[];
  /** false when Freshdesk refused this key the roles list (admin only) at connect time: the
   *  role cannot manage agents or roles, even when its name is unknown */
  adminAccess?: boolean;
  ticketScope: number;
}

export interface ConnectedAccount {
  identifier: string;
  connection: 'freshdesk';
  status: AccountStatus;
  statusReason?: string;
  /** display only; routing uses the encrypted copy */
  subdomain?: string;
  agent?: AgentIdentity;
  /** true for the built-in sandbox helpdesk (sample data) */
  sandbox?: boolean;
  updatedAt: string;
}

export type AuthorizeErrorCode =
  | 'invalid_subdomain'
  | 'unknown_helpdesk'
  | 'invalid_key'
  | 'permission'
  | 'network'
  | 'encryption_unavailable';

export type ToolEffect = 'read' | 'write' | 'destructive';

export interface ToolDescriptor {
  name: string;
  description: string;
  /** JSON Schema with top-level type: "object"; usable as an Anthropic input_schema. */
  inputSchema: Record<string, unknown>;
  effect: ToolEffect;
  customerVisible: boolean;
  adminOnly: boolean;
  /** present when listed for a profile */
  available?: boolean;
  reason?: string;
}

export type ToolErrorKind =
  | 'invalid_input'
  | 'unknown_tool'
  | 'not_connected'
  | 'revoked'
  | 'permission'
  | 'not_found'
  | 'conflict'
  | 'not_allowed'
  | 'rate_limited'
  | 'network'
  | 'timeout'
  | 'server'
  | 'uncertain';

export interface RateLimitSeen {
  total: number;
  remaining: number;
  usedByThisCall: number;
}

export interface FieldError {
  field: string;
  message: string;
  code: string;
}

export type ToolResult =
  | {
      ok: true;
      tool: string;
      data: unknown;
      meta: {
        status: number;
        requestId?: string;
        rateLimit?: RateLimitSeen;
        /** next page URL from the Link header, for list tools */
        nextPage?: number;
        /** how long the governor held this call before sending (ms) */
        waitedMs?: number;
      };
    }
  | {
      ok: false;
      tool: string;
      error: {
        kind: ToolErrorKind;
        message: string;
        status?: number;
        code?: string;
        fields?: FieldError[];
        retryAfterSeconds?: number;
        /** for conflict: the existing record's id (contact user_id / agent_id) */
        existingId?: number;
        requestId?: string;
      };
    };

/** Who asked for a tool call: a person's click in a form or panel, the chat, a triage plan's
 *  Apply, or an MCP client. Every write is recorded with its origin. */
export type WriteOrigin = 'ui' | 'chat' | 'triage' | 'mcp';

export interface ExecuteOptions {
  signal?: AbortSignal;
  /** 'ui' calls go before 'background' calls when both wait on the governor. */
  priority?: 'ui' | 'background' | 'chat';
  /** default 'ui' */
  origin?: WriteOrigin;
}

/** Events the core pushes (to the renderer via IPC, to tests via onEvent). Never secrets. */
export type CoreEvent =
  | { type: 'account_status'; account: ConnectedAccount }
  | { type: 'rate_limit'; subdomain: string; total: number; remaining: number; waitingCalls: number }
  | { type: 'network'; online: boolean }
  /** a triage run's progress and row results (see core/triage) */
  | ({ type: 'triage_progress'; identifier: string } & TriageProgress);

export type CoreEventListener = (event: CoreEvent) => void;

/** Secret material for one profile, decrypted only inside main for one call. */
export interface FreshdeskCredentials {
  identifier: string;
  subdomain: string;
  apiKey: string;
  /** resolved origin, e.g. https://acme.freshdesk.com or http://acme.localhost:PORT (sandbox) */
  origin: string;
  /** identifies which stored key these are (not secret); lets a late 401 for an old key leave a
   *  newly entered key alone */
  keyStamp?: string;
}

export class CoreError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
  }
}

// ---------------------------------------------------------------------------------------------
// Internal service interfaces (how the core's rooms talk to each other).

export interface FreshdeskRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** path under the origin, e.g. `/api/v2/tickets/42` */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  priority?: 'ui' | 'background' | 'chat';
  /** reads are safe to retry; writes only when Freshdesk certainly did not process them */
  safeToRetry: boolean;
  timeoutMs?: number;
}

export type FreshdeskResponse =
  | {
      kind: 'response';
      status: number;
      headers: Record<string, string>;
      bodyText: string;
      /** parsed JSON when the body is JSON, else undefined */
      json?: unknown;
      requestId?: string;
      rateLimit?: RateLimitSeen;
      waitedMs: number;
    }
  | {
      kind: 'failure';
      /** network: never reached Freshdesk (DNS, refused, reset before send) – or a read that failed;
       *  timeout: no answer in time; aborted: caller cancelled;
       *  uncertain: a write that may have been received */
      failure: 'network' | 'timeout' | 'aborted' | 'uncertain';
      message: string;
      /** e.g. ENOTFOUND, ECONNREFUSED */
      code?: string;
    };

export interface FreshdeskClient {
  request(creds: FreshdeskCredentials, req: FreshdeskRequest): Promise<FreshdeskResponse>;
  close(): void;
}

export type CredentialsResult =
  | { ok: true; creds: FreshdeskCredentials; account: ConnectedAccount }
  | { ok: false; kind: 'not_connected' | 'revoked'; message: string };

/** The internal account service: the facade plus what tools/chat need. */
export interface AccountService {
  getOrCreate(identifier: string): Promise<ConnectedAccount>;
  authorize(identifier: string, c: { subdomain: string; apiKey: string }): Promise<ConnectedAccount>;
  get(identifier: string): Promise<ConnectedAccount | undefined>;
  list(): Promise<ConnectedAccount[]>;
  disconnect(identifier: string): Promise<void>;
  /** Decrypts this profile's credentials for one call. Never for a REVOKED/PENDING profile. */
  credentials(identifier: string): Promise<CredentialsResult>;
  /** A 401 on a later call: exactly this profile becomes REVOKED. */
  markRevoked(identifier: string, reason: string, keyStamp?: string): Promise<void>;
  /** Re-check ACTIVE profile with agents/me, at most once per 10 min unless forced. */
  recheck(identifier: string, opts?: { force?: boolean }): Promise<ConnectedAccount | undefined>;
  /** Main's own "Try the sandbox helpdesk" flow only (never user input): stores the loopback
   *  origin inside the encrypted payload and marks the profile as sample data. */
  connectSandbox(identifier: string, c: { subdomain: string; apiKey: string; origin: string }): Promise<ConnectedAccount>;
}
