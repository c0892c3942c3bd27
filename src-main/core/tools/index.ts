// The tool service: validates a tool's input, sends its one request through the shared
// Freshdesk client for the profile's own helpdesk, and maps the answer to a ToolResult.
// It also knows which tools the profile's role can use (from its roles, or from a 403 seen).
import type {
  AccountService,
  ConnectedAccount,
  CoreEvent,
  ExecuteOptions,
  FreshdeskClient,
  FreshdeskCredentials,
  ToolDescriptor,
  ToolResult,
} from '../types';
import { toToolResult } from '../freshdesk/errors';
import { validateInput, type ToolDefinition } from '../../../src-shared/tools/define';
import { describeTools, getTool, TOOL_NAMES } from '../../../src-shared/tools/registry';
import { helpdesk_ticket_fields, ticketFieldChoices } from '../field-choices';
import { prepareOutgoing } from './outgoing-html';

export { projectForModel, type ProjectionContext } from './projection';
export { prepareOutgoing } from './outgoing-html';
export {
  toolRegistry,
  toolInputSchema,
  validateToolInput,
  describeTools,
  isToolName,
  getTool,
  TOOL_NAMES,
  type ToolName,
} from '../../../src-shared/tools/registry';
export type { ToolInput } from '../../../src-shared/tools/io';
export type { ToolDefinition } from '../../../src-shared/tools/define';

export interface ToolService {
  /** The ten tools; given a profile, the ones its role cannot use are `available: false` + reason. */
  list(identifier?: string): ToolDescriptor[];
  /** As list(identifier), after reading the profile's current account (roles) first. */
  listFor(identifier: string): Promise<ToolDescriptor[]>;
  execute(identifier: string, name: string, input: unknown, opts?: ExecuteOptions): Promise<ToolResult>;
  /** The helpdesk's group and type choices (`TicketFieldChoices`) for the ticket forms; not a
   *  model tool. Same credentials, governor and error mapping as execute(). */
  fieldChoices(identifier: string, opts?: ExecuteOptions): Promise<ToolResult>;
}

export interface ToolServiceDeps {
  accounts: AccountService;
  client: FreshdeskClient;
  now: () => number;
  log: (line: string) => void;
  emit: (e: CoreEvent) => void;
}

const ADMIN_ROLES = new Set(['account administrator', 'administrator']);
const ACCOUNT_CACHE_MS = 30_000;

interface Refusal {
  agentId?: number;
  code: string;
}

export function createToolService(deps: ToolServiceDeps): ToolService {
  const { accounts, client, log } = deps;
  const clock = () => performance.now();
  /** latest account record per profile, for the synchronous list() */
  const known = new Map<string, { account: ConnectedAccount; at: number }>();
  /** 403s seen per profile and tool */
  const refusals = new Map<string, Map<string, Refusal>>();
  /** role id → name per helpdesk, learned from a successful roles list */
  const roleNamesByHelpdesk = new Map<string, Map<number, string>>();
  const refreshing = new Set<string>();

  function remember(account: ConnectedAccount): void {
    known.set(account.identifier, { account, at: clock() });
  }

  function refreshInBackground(identifier: string): void {
    if (refreshing.has(identifier)) return;
    refreshing.add(identifier);
    accounts
      .get(identifier)
      .then((a) => {
        if (a) remember(a);
        else known.delete(identifier);
      })
      .catch(() => undefined)
      .finally(() => refreshing.delete(identifier));
  }

  function roleNamesOf(account: ConnectedAccount | undefined): string[] | undefined {
    const agent = account?.agent;
    if (!agent) return undefined;
    if (agent.roleNames?.length) return agent.roleNames;
    const learned = account.subdomain ? roleNamesByHelpdesk.get(account.subdomain) : undefined;
    if (!learned || !agent.roleIds?.length) return undefined;
    const names = agent.roleIds.map((id) => learned.get(id));
    return names.every((n): n is string => n !== undefined) ? names : undefined;
  }

  function availability(
    identifier: string,
    def: ToolDefinition,
    account: ConnectedAccount | undefined,
  ): { available: boolean; reason?: string } {
    if (account && account.status !== 'ACTIVE') {
      return {
        available: false,
        reason:
          account.status === 'REVOKED'
            ? "Freshdesk no longer accepts this profile's key; reconnect it first."
            : 'Connect this profile to Freshdesk first.',
      };
    }
    const roles = roleNamesOf(account);
    if (def.adminOnly && roles && !roles.some((r) => ADMIN_ROLES.has(r.trim().toLowerCase()))) {
      return { available: false, reason: `Your role ${roles.join(', ')} cannot ${def.action}; only administrators can.` };
    }
    if (def.adminOnly && !roles && account?.agent?.adminAccess === false) {
      return {
        available: false,
        reason: `Your role cannot ${def.action}; only administrators can (Freshdesk refused this key the roles list when you connected).`,
      };
    }
    const refused = refusals.get(identifier)?.get(def.name);
    if (refused && (refused.agentId === undefined || refused.agentId === account?.agent?.id)) {
      return { available: false, reason: `Freshdesk refused this earlier: you may not ${def.action} (Freshdesk: ${refused.code}).` };
    }
    return { available: true };
  }

  function list(identifier?: string): ToolDescriptor[] {
    const tools = describeTools();
    if (identifier === undefined) return tools;
    const entry = known.get(identifier);
    if (!entry || clock() - entry.at > ACCOUNT_CACHE_MS) refreshInBackground(identifier);
    return tools.map((d) => ({ ...d, ...availability(identifier, getTool(d.name)!, entry?.account) }));
  }

  async function listFor(identifier: string): Promise<ToolDescriptor[]> {
    try {
      const a = await accounts.get(identifier);
      if (a) remember(a);
      else known.delete(identifier);
    } catch {
      // the cached account (if any) still answers
    }
    return list(identifier);
  }

  function failure(
    tool: string,
    kind: Extract<ToolResult, { ok: false }>['error']['kind'],
    message: string,
    extra: Partial<Extract<ToolResult, { ok: false }>['error']> = {},
  ): ToolResult {
    return { ok: false, tool, error: { kind, message, ...extra } };
  }

  // Not async: it hands back run()'s own promise (no extra promise and ticks per call).
  function execute(identifier: string, name: string, input: unknown, opts: ExecuteOptions = {}): Promise<ToolResult> {
    const def = getTool(name);
    if (!def) {
      return Promise.resolve(
        failure(
          String(name).slice(0, 80),
          'unknown_tool',
          `There is no tool named "${String(name).slice(0, 60)}". Known tools: ${TOOL_NAMES.join(', ')}.`,
        ),
      );
    }
    return run(identifier, def, input, opts);
  }

  async function fieldChoices(identifier: string, opts: ExecuteOptions = {}): Promise<ToolResult> {
    const result = await run(identifier, helpdesk_ticket_fields, {}, opts);
    return result.ok ? { ...result, data: ticketFieldChoices(result.data) } : result;
  }

  async function run(identifier: string, def: ToolDefinition, input: unknown, opts: ExecuteOptions): Promise<ToolResult> {
    // Outgoing HTML is cleaned with the one policy before anything else (./outgoing-html).
    const prepared = prepareOutgoing(def.name, input);
    // Validation first: bad input never reaches Freshdesk and costs no rate-limit credit.
    const checked = prepared.ok ? validateInput(def, prepared.input) : prepared;
    if (!checked.ok) {
      const summary = checked.fields
        .slice(0, 4)
        .map((f) => `${f.field}: ${f.message}`)
        .join('; ');
      return failure(def.name, 'invalid_input', `Fix the input and try again: ${summary}`, { fields: checked.fields });
    }
    const value = checked.value as Record<string, unknown>;

    let creds: FreshdeskCredentials;
    try {
      const c = await accounts.credentials(identifier);
      if (!c.ok) return failure(def.name, c.kind, c.message);
      creds = c.creds;
      remember(c.account);
    } catch (e) {
      const message = e instanceof Error && 'code' in e ? e.message : 'The profile could not be read.';
      return failure(def.name, 'not_connected', message);
    }
    const account = known.get(identifier)?.account;

    if (def.name === 'freshdesk_agent_delete' && account?.agent && value.agent_id === account.agent.id) {
      return failure(def.name, 'invalid_input', 'You cannot delete your own agent account; ask another administrator.', {
        fields: [{ field: 'agent_id', message: 'This is your own agent id.', code: 'invalid_value' }],
      });
    }

    const started = clock();
    const req = def.request(value);
    const res = await client.request(creds, {
      ...req,
      safeToRetry: def.effect === 'read',
      priority: opts.priority ?? 'ui',
      signal: opts.signal,
    });
    const result = scrub(
      toToolResult(
        {
          tool: def.name,
          effect: def.effect,
          customerVisible: def.customerVisible,
          adminOnly: def.adminOnly,
          action: def.action,
          target: def.target?.(value),
          paginated: def.paginated,
          scoped: def.scoped,
          roleNames: roleNamesOf(account),
          ticketScope: account?.agent?.ticketScope,
        },
        res,
      ),
      creds.apiKey,
    );
    // An answer that went well teaches synchronously; only a failure may need the vault.
    const learning = learnFrom(identifier, def, account, result, creds.keyStamp);
    if (learning) await learning;
    log(
      `tool ${def.name} ${result.ok ? `ok ${result.meta.status}` : `${result.error.kind}${result.error.status ? ` ${result.error.status}` : ''}`} in ${Math.round(clock() - started)} ms${result.ok || !result.error.requestId ? '' : ` (request ${result.error.requestId})`}`,
    );
    return result;
  }

  function learnFrom(
    identifier: string,
    def: ToolDefinition,
    account: ConnectedAccount | undefined,
    result: ToolResult,
    keyStamp: string | undefined,
  ): Promise<void> | undefined {
    if (result.ok) {
      refusals.get(identifier)?.delete(def.name);
      if (def.name === 'freshdesk_roles_list' && Array.isArray(result.data) && account?.subdomain) {
        const names = roleNamesByHelpdesk.get(account.subdomain) ?? new Map<number, string>();
        for (const r of result.data) {
          if (
            r &&
            typeof r === 'object' &&
            typeof (r as { id?: unknown }).id === 'number' &&
            typeof (r as { name?: unknown }).name === 'string'
          ) {
            names.set((r as { id: number }).id, (r as { name: string }).name);
          }
        }
        roleNamesByHelpdesk.set(account.subdomain, names);
      }
      return undefined;
    }
    return learnFromFailure(identifier, def, account, result.error, keyStamp);
  }

  async function learnFromFailure(
    identifier: string,
    def: ToolDefinition,
    account: ConnectedAccount | undefined,
    error: Extract<ToolResult, { ok: false }>['error'],
    keyStamp: string | undefined,
  ): Promise<void> {
    const { kind, code } = error;
    if (kind === 'revoked') {
      try {
        await accounts.markRevoked(identifier, 'Freshdesk rejected the API key (HTTP 401); it was probably reset.', keyStamp);
        const a = await accounts.get(identifier);
        if (a) remember(a);
      } catch (e) {
        log(`tool ${def.name}: could not mark the profile revoked (${e instanceof Error ? e.name : 'error'})`);
      }
    }
    // An administrator's 403 is about the record (e.g. the account owner), not about the tool.
    const roles = roleNamesOf(account);
    const knownAdmin = roles?.some((r) => ADMIN_ROLES.has(r.trim().toLowerCase())) ?? false;
    // A ticket tool's 403 may be about that one ticket (outside the agent's scope): not remembered.
    if (kind === 'permission' && code === 'access_denied' && !def.scoped && !knownAdmin) {
      const perTool = refusals.get(identifier) ?? new Map<string, Refusal>();
      perTool.set(def.name, { agentId: account?.agent?.id, code });
      refusals.set(identifier, perTool);
    }
  }

  return { list, listFor, execute, fieldChoices };
}

/** Belt and braces: no message, field or code may carry the key, even if a server echoed it. */
function scrub(result: ToolResult, apiKey: string): ToolResult {
  if (result.ok || apiKey.length < 4) return result;
  const secrets = [apiKey, Buffer.from(`${apiKey}:X`).toString('base64')];
  const clean = (s: string) => secrets.reduce((acc, secret) => acc.split(secret).join('[redacted]'), s);
  const e = result.error;
  const error = { ...e, message: clean(e.message) };
  if (e.code !== undefined) error.code = clean(e.code);
  if (e.fields) error.fields = e.fields.map((f) => ({ field: clean(f.field), message: clean(f.message), code: clean(f.code) }));
  return { ...result, error };
}
