// Shapes of the Electron-free core (the public facade is described in docs/architecture.md). What
// crosses to the page or is a domain rule is defined once in src-shared (zod schemas, types
// inferred from them) and re-exported here; the internal service interfaces below are how the
// core's rooms talk to each other (vault ↔ accounts ↔ freshdesk client ↔ tools ↔ chat).
import type { CipherStatus } from '../../src-shared/contract/app';
import type { ConnectedAccount } from '../../src-shared/contract/profiles';
import type { ToolRequest } from '../../src-shared/tools/define';
import type { RateLimitSeen } from '../../src-shared/contract/tools';

export type { CipherStatus } from '../../src-shared/contract/app';
export type { AccountStatus, AgentIdentity, ConnectedAccount } from '../../src-shared/contract/profiles';
export type { FieldError, ToolDescriptor, ToolEffect } from '../../src-shared/tools/define';
export type { RateLimitSeen, ToolErrorKind, ToolResult } from '../../src-shared/contract/tools';
import type { PendingApproval } from '../../src-shared/contract/chat';
import type { ActivityEntry } from '../../src-shared/contract/activity';
import type { TriageProgress } from '../../src-shared/contract/triage';

/** Encrypts secrets. safeStorage in the app; AES-256-GCM with a random key in tests. */
export interface SecretCipher {
  status(): CipherStatus;
  encrypt(plaintext: string): Buffer;
  decrypt(ciphertext: Buffer): string;
}
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

export type AuthorizeErrorCode =
  'invalid_subdomain' | 'unknown_helpdesk' | 'invalid_key' | 'permission' | 'network' | 'encryption_unavailable';

/** Who asked for a tool call: a person's click in a form or panel, the chat, a triage plan's
 *  Apply, or an MCP client. Every write is recorded with its origin. */
export type WriteOrigin = 'ui' | 'chat' | 'triage' | 'mcp';

export interface ExecuteOptions {
  signal?: AbortSignal;
  /** 'ui' calls go before 'background' calls when both wait on the governor. */
  priority?: 'ui' | 'background' | 'chat';
  /** default 'ui' */
  origin?: WriteOrigin;
  /** how the person let a write go, for the activity log (default: 'plan_apply' for 'triage',
   *  else 'clicked') */
  approval?: 'clicked' | 'typed_confirmation' | 'allowed_ahead' | 'plan_apply';
  /** the MCP client's name, for origin 'mcp' */
  client?: string;
}

/** Events the core pushes (to the renderer via IPC, to tests via onEvent). Never secrets. */
export type CoreEvent =
  | { type: 'account_status'; account: ConnectedAccount }
  | { type: 'rate_limit'; subdomain: string; total: number; remaining: number; waitingCalls: number }
  | { type: 'network'; online: boolean }
  /** a write from an MCP client waits for the person (core.approvals.resolve) */
  | { type: 'approval_required'; origin: 'mcp'; approval: PendingApproval }
  /** an MCP approval was answered, timed out or dropped: its card goes away */
  | { type: 'approval_resolved'; origin: 'mcp'; id: string; outcome: 'approved' | 'rejected' | 'timed_out' | 'cancelled' }
  /** a write was recorded in the activity log */
  | { type: 'activity'; entry: ActivityEntry }
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

export interface FreshdeskRequest extends ToolRequest {
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
  { ok: true; creds: FreshdeskCredentials; account: ConnectedAccount } | { ok: false; kind: 'not_connected' | 'revoked'; message: string };

/** The internal account service: the facade plus what tools/chat need. */
export interface AccountService {
  getOrCreate(identifier: string): Promise<ConnectedAccount>;
  /** A new PENDING profile; CoreError('profile_exists') when the name is taken. */
  create(identifier: string): Promise<ConnectedAccount>;
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

/** A saved reply draft (per profile and ticket; sealed in the vault). */
/** A reply draft and the app settings: their shapes live in the contract (src-shared). */
export type { Draft as DraftRecord } from '../../src-shared/contract/drafts';
export type { Settings as AppSettings } from '../../src-shared/contract/settings';
