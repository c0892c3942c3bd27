// createTriageCore: the one entry tests, the e2e harness, benchmarks, outside checks and the
// Electron main process all drive the app through. Electron-free: runs under plain Node.
import type {
  AccountService,
  AppSettings,
  CipherStatus,
  CoreEvent,
  CoreEventListener,
  CoreOptions,
  DraftRecord,
  ExecuteOptions,
  ToolDescriptor,
  ToolResult,
} from './types';
import { createFreshdeskClient } from './freshdesk/client';
import { createVault, type Vault } from './vault';
import { createAccountService } from './accounts';
import { createToolService } from './tools';
import { createChatService, type ChatService } from './chat';
import { createBuiltInSandbox, ownBuiltInSandbox } from './builtin-sandbox';
import { createActivityLog, entryForConfirmed, type ActivityEntry, type ActivityQuery } from './activity';
import { withActivity } from './activity/recording';
import { createApprovalRegistry, type ApprovalAnswer, type PendingApproval } from './approvals';
import { chatApprovalSource } from './approvals/chat-source';
import { createMcpService, type McpConfig, type McpStartOptions, type McpStatus } from './mcp';
import { createTriageService, type TriageService } from './triage';
import { withTriageChatTool } from './triage/chat-tool';

export type * from './types';

export interface TriageCore {
  /** the connected accounts (the account service's public part; see AccountService in ./types) */
  accounts: Pick<AccountService, 'getOrCreate' | 'create' | 'authorize' | 'get' | 'list' | 'disconnect' | 'recheck' | 'connectSandbox'>;
  tools: {
    list(identifier?: string): ToolDescriptor[];
    execute(identifier: string, name: string, input: unknown, opts?: ExecuteOptions): Promise<ToolResult>;
    /** the helpdesk's group and type choices for the ticket forms (not a model tool) */
    fieldChoices(identifier: string, opts?: ExecuteOptions): Promise<ToolResult>;
  };
  chat: ChatService;
  /** every write, from any origin, newest first (docs/mcp.md) */
  activity: {
    list(identifier: string, query?: ActivityQuery): Promise<ActivityEntry[]>;
  };
  /** writes waiting for the person, from every origin (chat, MCP, triage) */
  approvals: {
    pending(): PendingApproval[];
    resolve(id: string, answer: ApprovalAnswer): Promise<void>;
  };
  /** the local MCP server (docs/mcp.md); off until started */
  mcp: {
    start(opts: McpStartOptions): Promise<{ url: string; token: string }>;
    stop(): Promise<void>;
    status(): McpStatus;
    rotateToken(): Promise<{ token: string }>;
    /** Settings → MCP: saved choice (off by default), applied by configure() and at app start by restore() */
    config(): McpConfig;
    configure(patch: Partial<McpConfig>): Promise<McpStatus>;
    restore(): Promise<void>;
    /** main only (copies the setup line to the clipboard): never sent to the page */
    token(): string | undefined;
  };
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
  const activity = createActivityLog({ dataDir: options.dataDir, now, log });
  const tools = withActivity(createToolService({ accounts, client, now, log, emit }), activity, emit);
  const triage = createTriageService({
    accounts,
    tools,
    vault,
    anthropicBaseURL: options.anthropicBaseURL,
    now,
    log,
    emit,
    recordConfirmed: (identifier, name, input) =>
      emit({ type: 'activity', entry: activity.record(entryForConfirmed(identifier, name, input)) }),
  });
  // the chat also offers a local tool that starts a triage plan (see core/triage/chat-tool.ts)
  const chatTools = withTriageChatTool(tools, triage);
  const chat = createChatService({ accounts, tools: chatTools, vault, anthropicBaseURL: options.anthropicBaseURL, now, log });
  const sandbox = createBuiltInSandbox();
  const recorded = (entry: ActivityEntry) => emit({ type: 'activity', entry });
  const approvals = createApprovalRegistry();
  approvals.add(chatApprovalSource(chat, activity, recorded));
  const mcp = createMcpService({
    tools,
    accounts,
    store: options.store,
    cipher: options.cipher,
    cipherStatus: () => vault.cipherStatus(),
    settings: () => vault.settings.get(),
    activity,
    dataDir: options.dataDir,
    now,
    log,
    emit,
    recorded,
  });
  approvals.add(mcp.approvals);

  const core: TriageCore = {
    accounts: {
      getOrCreate: (id) => accounts.getOrCreate(id),
      create: (id) => accounts.create(id),
      authorize: (id, c) => accounts.authorize(id, c),
      get: (id) => accounts.get(id),
      list: () => accounts.list(),
      disconnect: async (id) => {
        // MCP calls must not go on acting as a profile that is gone: the server is turned off,
        // whether it was chosen in Settings or started as that profile (core.mcp.start).
        if (mcp.config().profile === id) await mcp.configure({ enabled: false, profile: undefined });
        if (mcp.status().running && mcp.status().profile === id) await mcp.stop();
        await chat.forgetProfile(id);
        await triage.forgetProfile(id);
        await accounts.disconnect(id);
        // its history goes too: a new profile of the same name must not see the old subjects
        activity.forget(id);
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
    activity: { list: (id, q) => activity.list(id, q) },
    approvals: { pending: () => approvals.pending(), resolve: (id, a) => approvals.resolve(id, a) },
    mcp: {
      start: (o) => mcp.start(o),
      stop: () => mcp.stop(),
      status: () => mcp.status(),
      rotateToken: () => mcp.rotateToken(),
      config: () => mcp.config(),
      configure: (p) => mcp.configure(p),
      restore: () => mcp.restore(),
      token: () => mcp.token(),
    },
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
      await mcp.stop();
      await chat.close();
      await triage.close();
      client.close();
      await sandbox.close();
      listeners.clear();
    },
  };
  ownBuiltInSandbox(core, sandbox);
  return core;
}
