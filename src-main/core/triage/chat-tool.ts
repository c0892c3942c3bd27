// Starting a triage run from the chat ("triage my new tickets"): one local tool the chat offers
// beside the Freshdesk tools. It never writes: it creates a plan the agent reviews on the Triage
// plan screen (the chat's card opens it). The chat itself is not changed: core/index.ts hands it
// a tool list and executor that know this tool (withTriageChatTool).
import { z } from 'zod';
import { CoreError, type ExecuteOptions, type ToolDescriptor, type ToolErrorKind, type ToolResult } from '../types';
import { TRIAGE_CHAT_TOOL, TRIAGE_MAX_TICKETS } from '../../../src-shared/contract/triage';
import type { TriageService } from './index';

export { TRIAGE_CHAT_TOOL };

const Input = z
  .object({
    filter: z.enum(['new_and_my_open', 'watching']).optional(),
    ticket_ids: z.array(z.number().int().positive()).min(1).max(TRIAGE_MAX_TICKETS).optional(),
  })
  .strict();

export const triageChatToolDescriptor: ToolDescriptor = {
  name: TRIAGE_CHAT_TOOL,
  description: [
    `Prepare a triage plan for several tickets at once (at most ${TRIAGE_MAX_TICKETS}): a separate run proposes priority, status, type, group, assignee and tags for each, with evidence, and the agent reviews the whole plan on the Triage plan screen.`,
    'Nothing changes in Freshdesk until the agent applies the plan there. Use it when the agent asks to triage their queue or several tickets; for one ticket, read and update it directly.',
    'Input: filter (new_and_my_open, the default, or watching) or ticket_ids. Returns the plan id and how many rows were proposed.',
  ].join(' '),
  inputSchema: {
    type: 'object',
    properties: {
      filter: { type: 'string', enum: ['new_and_my_open', 'watching'] },
      ticket_ids: { type: 'array', items: { type: 'integer' }, maxItems: TRIAGE_MAX_TICKETS },
    },
    additionalProperties: false,
  },
  effect: 'read',
  customerVisible: false,
  adminOnly: false,
};

const KINDS: Record<string, ToolErrorKind> = {
  invalid_input: 'invalid_input',
  not_connected: 'not_connected',
  revoked: 'revoked',
  permission: 'permission',
  not_found: 'not_found',
  network: 'network',
  timeout: 'timeout',
  rate_limited: 'rate_limited',
};

async function runTriageTool(
  triage: Pick<TriageService, 'start'>,
  identifier: string,
  input: unknown,
  opts: ExecuteOptions,
): Promise<ToolResult> {
  const parsed = Input.safeParse(input ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      tool: TRIAGE_CHAT_TOOL,
      error: { kind: 'invalid_input', message: `Give a filter (new_and_my_open or watching) or 1–${TRIAGE_MAX_TICKETS} ticket_ids.` },
    };
  }
  try {
    const plan = await triage.start(identifier, { ticketIds: parsed.data.ticket_ids, filter: parsed.data.filter }, { signal: opts.signal });
    const count = (state: string) => plan.rows.filter((r) => r.state === state).length;
    return {
      ok: true,
      tool: TRIAGE_CHAT_TOOL,
      data: {
        plan_id: plan.id,
        tickets: plan.rows.length,
        proposed: count('proposed'),
        needs_a_look: count('invalid'),
        nothing_to_change: count('skipped'),
        note: 'The agent reviews and applies the plan on the Triage plan screen; nothing was changed in Freshdesk.',
      },
      meta: { status: 200 },
    };
  } catch (err) {
    const code = err instanceof CoreError ? err.code : 'server';
    const message = err instanceof CoreError ? err.message : 'The triage run failed inside Triage Desk.';
    return { ok: false, tool: TRIAGE_CHAT_TOOL, error: { kind: KINDS[code] ?? 'server', message, code } };
  }
}

export interface ChatToolSource {
  list(identifier?: string): ToolDescriptor[];
  listFor(identifier: string): Promise<ToolDescriptor[]>;
  execute(identifier: string, name: string, input: unknown, opts?: ExecuteOptions): Promise<ToolResult>;
}

/** The tools the chat sees: the Freshdesk tools plus the triage tool (for a profile only). */
export function withTriageChatTool(tools: ChatToolSource, triage: Pick<TriageService, 'start'>): ChatToolSource {
  return {
    list: (identifier) =>
      identifier === undefined ? tools.list() : [...tools.list(identifier), { ...triageChatToolDescriptor, available: true }],
    listFor: async (identifier) => [...(await tools.listFor(identifier)), { ...triageChatToolDescriptor, available: true }],
    execute: (identifier, name, input, opts = {}) =>
      name === TRIAGE_CHAT_TOOL ? runTriageTool(triage, identifier, input, opts) : tools.execute(identifier, name, input, opts),
  };
}
