// The chat service's public shapes: what it needs from the vault and the tool service, and what
// it offers the core facade and the IPC handlers. The parts (threads.ts, gate.ts, turn.ts,
// tool-call.ts) and the service that wires them (index.ts) share these.
import type { AccountService, ExecuteOptions, ToolDescriptor, ToolResult } from '../types';
import type {
  ApprovalDecision,
  ChatEvent,
  PendingApproval,
  ThreadSummary,
  ThreadView,
  TurnEndReason,
} from '../../../src-shared/contract/chat';
import type { ChatPayload, SecretOpenResult } from '../vault';

export { DEFAULT_MODEL } from '../../../src-shared/contract/settings';
export const DEFAULT_MAX_STEPS = 8;

/** What the chat needs from the vault (the real Vault satisfies this). */
export interface ChatVault {
  anthropicKey: {
    set(identifier: string, key: string | null): void;
    get(identifier: string): string | undefined;
    status(identifier: string): { configured: boolean };
  };
  settings: { get(): { model: string; autoApproveTools: string[] } };
  /** sealed per-profile thread storage; without it threads live in memory only */
  chats?: {
    get(identifier: string): SecretOpenResult<ChatPayload>;
    save(identifier: string, payload: ChatPayload): void;
    delete(identifier: string): void;
  };
}

export interface ChatTools {
  list(identifier?: string): ToolDescriptor[];
  /** as list, after reading the profile's current roles (preferred when present) */
  listFor?(identifier: string): Promise<ToolDescriptor[]>;
  execute(identifier: string, name: string, input: unknown, opts?: ExecuteOptions): Promise<ToolResult>;
}

export interface ChatServiceDeps {
  accounts: Pick<AccountService, 'get'>;
  tools: ChatTools;
  vault: ChatVault;
  anthropicBaseURL?: string;
  now: () => number;
  log: (line: string) => void;
  /** model calls per turn (default 8) */
  maxSteps?: number;
  /** per Anthropic request (default 60 s) */
  requestTimeoutMs?: number;
  /** SDK retries for 429/5xx/network (default 1) */
  maxRetries?: number;
  maxTokens?: number;
  /** history sent to the model per request (default 60 messages / 150 KB of JSON) */
  modelMaxMessages?: number;
  modelMaxBytes?: number;
}

export type ChatEventListener = (event: ChatEvent) => void;

export interface ChatService {
  /** Saves (or with null, removes) the profile's Anthropic key. Never returned anywhere. */
  setApiKey(identifier: string, key: string | null): Promise<void>;
  apiKeyStatus(identifier: string): { configured: boolean };
  /** A cheap authenticated call (the configured model's info) to check key and model. */
  testApiKey(identifier: string): Promise<{ ok: boolean; message: string }>;
  /** One turn. Resolves when it ends (any reason); rejects only when it cannot start. */
  send(identifier: string, threadId: string, text: string, opts?: { ticketId?: number }): Promise<TurnEndReason>;
  onEvent(listener: ChatEventListener): () => void;
  /** Answers a waiting approval. Throws CoreError (invalid_input, confirmation_mismatch,
   *  unknown_approval) and keeps it waiting when the answer cannot be used. */
  resolveApproval(callId: string, decision: Omit<ApprovalDecision, 'callId'>, identifier?: string): Promise<void>;
  /** Stops the thread's running turn; with an identifier, only that profile's thread. */
  cancel(threadId: string, identifier?: string): boolean;
  pendingApprovals(identifier: string): PendingApproval[];
  thread(identifier: string, threadId: string): ThreadView;
  threads(identifier: string): ThreadSummary[];
  /** Drops the profile's threads and approvals (on disconnect). */
  forgetProfile(identifier: string): Promise<void>;
  close(): Promise<void>;
}
