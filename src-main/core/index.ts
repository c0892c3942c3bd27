// createTriageCore: the one entry tests, the e2e harness, benchmarks, outside checks and the
// Electron main process all drive the app through. Electron-free: runs under plain Node.
import type {
  AccountService,
  CipherStatus,
  ConnectedAccount,
  CoreEvent,
  CoreEventListener,
  CoreOptions,
  ExecuteOptions,
  ToolDescriptor,
  ToolResult,
} from './types';
import { createFreshdeskClient } from './freshdesk/client';
import { createVault, type Vault } from './vault';
import { createAccountService } from './accounts';
import { createToolService } from './tools';
import { createChatService, type ChatService } from './chat';
import { createTriageService, type TriageService } from './triage';
import { withTriageChatTool } from './triage/chat-tool';

export type * from './types';

export interface DraftRecord {
  body: string;
  cc: string[];
  bcc: string[];
  updatedAt: string;
}

export interface AppSettings {
  /** Claude model id */
  model: string;
  /** the person accepted weak (obfuscation-only) key storage after a warning */
  allowWeakStorage: boolean;
  /** write tools the person allows per thread without asking (never the reply or agent delete) */
  autoApproveTools: string[];
}

export interface TriageCore {
  accounts: {
    getOrCreate(identifier: string): Promise<ConnectedAccount>;
    authorize(identifier: string, c: { subdomain: string; apiKey: string }): Promise<ConnectedAccount>;
    get(identifier: string): Promise<ConnectedAccount | undefined>;
    list(): Promise<ConnectedAccount[]>;
    disconnect(identifier: string): Promise<void>;
    recheck(identifier: string, opts?: { force?: boolean }): Promise<ConnectedAccount | undefined>;
    /** main's sandbox flow only; never wired to user-supplied origins */
    connectSandbox(identifier: string, c: { subdomain: string; apiKey: string; origin: string }): Promise<ConnectedAccount>;
  };
  tools: {
    list(identifier?: string): ToolDescriptor[];
    execute(identifier: string, name: string, input: unknown, opts?: ExecuteOptions): Promise<ToolResult>;
    /** the helpdesk's group and type choices for the ticket forms (not a model tool) */
    fieldChoices(identifier: string, opts?: ExecuteOptions): Promise<ToolResult>;
  };
  chat: ChatService;
  /** triage plans: Claude proposes for a batch of tickets, the agent reviews, main applies */
  triage: Pick<TriageService, 'start' | 'get' | 'list' | 'decide' | 'apply'>;
  /** drafts are per profile and ticket, encrypted like the other secrets */
  drafts: {
    get(identifier: string, ticketId: number): Promise<DraftRecord | undefined>;
    save(identifier: string, ticketId: number, draft: Omit<DraftRecord, 'updatedAt'>): Promise<DraftRecord>;
    delete(identifier: string, ticketId: number): Promise<void>;
  };
  settings: {
    get(): AppSettings;
    update(patch: Partial<AppSettings>): AppSettings;
  };
  status(): { cipher: CipherStatus; notices: string[] };
  onEvent(listener: CoreEventListener): () => void;
  /** a log line that never carries secrets */
  log(line: string): void;
  close(): Promise<void>;
}

export function createTriageCore(options: CoreOptions): TriageCore {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.warn(`[triage] ${line}`));
  const listeners = new Set<CoreEventListener>();
  const emit = (event: CoreEvent) => {
    for (const l of listeners) {
      try {
        l(event);
      } catch {
        // a listener's failure never breaks the core
      }
    }
  };
  const freshdeskOrigin = options.freshdeskOrigin ?? ((sub: string) => `https://${sub}.freshdesk.com`);

  const vault: Vault = createVault({ store: options.store, cipher: options.cipher, now, log });
  const client = createFreshdeskClient({ timeoutMs: options.requestTimeoutMs, rateWindowMs: options.freshdeskRateWindowMs, now, emit });
  const accounts: AccountService = createAccountService({ vault, client, freshdeskOrigin, now, log, emit });
  const tools = createToolService({ accounts, client, now, log, emit });
  const triage = createTriageService({ accounts, tools, vault, anthropicBaseURL: options.anthropicBaseURL, now, log, emit });
  // the chat also offers a local tool that starts a triage plan (see core/triage/chat-tool.ts)
  const chatTools = withTriageChatTool(tools, triage);
  const chat = createChatService({ accounts, tools: chatTools, vault, anthropicBaseURL: options.anthropicBaseURL, now, log });

  return {
    accounts: {
      getOrCreate: (id) => accounts.getOrCreate(id),
      authorize: (id, c) => accounts.authorize(id, c),
      get: (id) => accounts.get(id),
      list: () => accounts.list(),
      disconnect: async (id) => {
        await chat.forgetProfile(id);
        await triage.forgetProfile(id);
        await accounts.disconnect(id);
      },
      recheck: (id, o) => accounts.recheck(id, o),
      connectSandbox: (id, c) => accounts.connectSandbox(id, c),
    },
    tools: {
      list: (id) => tools.list(id),
      execute: (id, name, input, opts) => tools.execute(id, name, input, opts),
      fieldChoices: (id, opts) => tools.fieldChoices(id, opts),
    },
    chat,
    triage: {
      start: (id, scope, o) => triage.start(id, scope, o),
      get: (id, planId) => triage.get(id, planId),
      list: (id) => triage.list(id),
      decide: (id, planId, ticketId, decision) => triage.decide(id, planId, ticketId, decision),
      apply: (id, planId, o) => triage.apply(id, planId, o),
    },
    drafts: vault.drafts,
    settings: vault.settings,
    status: () => ({ cipher: vault.cipherStatus(), notices: [...(options.startupNotices ?? []), ...vault.notices()] }),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    log,
    async close() {
      await chat.close();
      await triage.close();
      client.close();
      listeners.clear();
    },
  };
}
