// What a write needs before it may run: which calls ask the person, what the approval card
// shows (every reply recipient, a before/after diff, the agent to delete), and what a typed
// confirmation must match. The reads made here are for the card only; they never reach the model.
import type { ToolDescriptor, ToolResult } from '../types';
import type { ApprovalPreview } from '../../../src-shared/contract/chat';
import { isNeverAutoApproved, unsafeUpdateFields } from '../../../src-shared/approval-rules';
import { unknownValueFlags, untrustedValueFlags } from './untrusted';

export { NEVER_AUTO_APPROVED } from '../../../src-shared/approval-rules';

export const REPLY_TOOL = 'freshdesk_tickets_reply';
export const AGENT_DELETE_TOOL = 'freshdesk_agent_delete';
const UPDATE_TOOL = 'freshdesk_ticket_update';

/** Whether the person may say "allow for this thread" (or list it in Settings). */
export function canAllowAhead(tool: Pick<ToolDescriptor, 'name' | 'effect'>): boolean {
  return tool.effect === 'write' && !isNeverAutoApproved(tool.name);
}

/** What a write is judged against: the allowances, and the values this thread has met. */
export interface CardContext {
  /** tools listed in Settings (anything never-auto in it is ignored) */
  settingsAllowed: readonly string[];
  /** tools the person allowed for this thread */
  threadAllowed: ReadonlySet<string>;
  /** addresses and ids the person typed */
  typed: ReadonlySet<string>;
  /** addresses and ids found in customer-written text (ticket bodies, notes…) */
  seen: ReadonlySet<string>;
  /** ids and addresses the helpdesk returned as record fields */
  returned: ReadonlySet<string>;
}

export interface CardDecision {
  /** true: the write waits for the person's approval */
  card: boolean;
  /** warnings shown on the card (see src-renderer/chat/labels.ts) */
  flags: string[];
  /** why a card is needed, for logs and tests (never shown to the model) */
  why: 'not_allowed_ahead' | 'never_auto' | 'flagged' | 'unsafe_fields' | 'read' | 'allowed';
}

/**
 * The one rule for whether a call runs without a card (docs/approvals.md). Pure: the chat, MCP
 * and any other caller pass what they know and follow the answer.
 * - reads run; replies, agent create and agent delete always ask;
 * - any write naming an address or id the person did not type and the helpdesk did not return,
 *   or copying one from customer text, asks whatever the allowance;
 * - an allowed-ahead ticket update runs only when it changes triage fields (SAFE_UPDATE_FIELDS);
 * - otherwise a write runs without a card only when Settings or this thread allowed its tool.
 */
export function needsCard(tool: Pick<ToolDescriptor, 'name' | 'effect'>, input: unknown, ctx: CardContext): CardDecision {
  if (tool.effect === 'read') return { card: false, flags: [], why: 'read' };
  const flags = [
    ...untrustedValueFlags(input, ctx.seen, ctx.typed),
    ...unknownValueFlags(input, (v) => ctx.typed.has(v) || ctx.seen.has(v) || ctx.returned.has(v)),
  ];
  if (!canAllowAhead(tool)) return { card: true, flags, why: 'never_auto' };
  if (flags.length > 0) return { card: true, flags, why: 'flagged' };
  const allowed = ctx.settingsAllowed.includes(tool.name) || ctx.threadAllowed.has(tool.name);
  if (!allowed) return { card: true, flags, why: 'not_allowed_ahead' };
  if (tool.name === UPDATE_TOOL && unsafeUpdateFields(asRecord(input) ?? {}).length > 0) {
    return { card: true, flags, why: 'unsafe_fields' };
  }
  return { card: false, flags, why: 'allowed' };
}

export type CardRead = (tool: string, input: Record<string, unknown>) => Promise<ToolResult>;

export interface CardData {
  preview: ApprovalPreview;
  /** for agent delete: what the person must type */
  confirmText?: string;
}

type Input = Record<string, unknown>;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const asRecord = (v: unknown): Input | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Input) : undefined);

export async function buildCard(tool: string, input: Input, read: CardRead): Promise<CardData> {
  switch (tool) {
    case REPLY_TOOL:
      return { preview: await replyPreview(input, read) };
    case 'freshdesk_ticket_update':
      return { preview: await updatePreview(input, read) };
    case AGENT_DELETE_TOOL: {
      const preview = await agentDeletePreview(input, read);
      return { preview, confirmText: preview.kind === 'agent_delete' ? preview.confirmText : undefined };
    }
    default:
      return { preview: { kind: 'generic', summary: describeWrite(tool, input) } };
  }
}

async function replyPreview(input: Input, read: CardRead): Promise<ApprovalPreview> {
  const ticketId = Number(input.ticket_id);
  let to: string[] = [];
  let subject: string | undefined;
  const r = await read('freshdesk_ticket_get', { ticket_id: ticketId, include: 'requester' }).catch(() => undefined);
  if (r?.ok) {
    const t = asRecord(r.data);
    const requester = asRecord(t?.requester);
    const email = typeof requester?.email === 'string' ? requester.email : undefined;
    if (email) to = [email];
    if (typeof t?.subject === 'string') subject = t.subject;
  }
  return {
    kind: 'reply',
    ticketId,
    ticketSubject: subject,
    to,
    requesterKnown: to.length > 0,
    cc: strings(input.cc_emails),
    bcc: strings(input.bcc_emails),
    fromEmail: typeof input.from_email === 'string' ? input.from_email : undefined,
    body: typeof input.body === 'string' ? input.body : '',
  };
}

async function updatePreview(input: Input, read: CardRead): Promise<ApprovalPreview> {
  const ticketId = Number(input.ticket_id);
  const r = await read('freshdesk_ticket_get', { ticket_id: ticketId }).catch(() => undefined);
  const current = r?.ok ? asRecord(r.data) : undefined;
  const fields = Object.keys(input).filter((k) => k !== 'ticket_id');
  const changes = fields
    .map((field) => ({ field, before: current?.[field], after: input[field] }))
    // Unchanged fields are left out of the diff once we know the current values.
    .filter((c) => !current || JSON.stringify(c.before) !== JSON.stringify(c.after));
  return { kind: 'update', ticketId, currentKnown: current !== undefined, changes };
}

async function agentDeletePreview(input: Input, read: CardRead): Promise<ApprovalPreview> {
  const agentId = Number(input.agent_id);
  const agent = await findAgent(agentId, read);
  const email = agent?.email;
  return {
    kind: 'agent_delete',
    agentId,
    agentName: agent?.name,
    agentEmail: email,
    // Without an email (agent not found or not readable) the person types the id they see.
    confirmText: email ?? String(agentId),
  };
}

/** Agents by id is not a tool: page through the agents list (bounded). */
async function findAgent(agentId: number, read: CardRead): Promise<{ email?: string; name?: string } | undefined> {
  for (let page = 1; page <= 5; page++) {
    const r = await read('freshdesk_agents_list', { page, per_page: 100 }).catch(() => undefined);
    if (!r?.ok || !Array.isArray(r.data)) return undefined;
    for (const a of r.data) {
      const rec = asRecord(a);
      if (rec && Number(rec.id) === agentId) {
        const contact = asRecord(rec.contact);
        const email = contact?.email ?? rec.email;
        const name = contact?.name ?? rec.name;
        return { email: typeof email === 'string' ? email : undefined, name: typeof name === 'string' ? name : undefined };
      }
    }
    if (r.data.length < 100) return undefined;
  }
  return undefined;
}

function describeWrite(tool: string, input: Input): string {
  const s = (k: string) => (typeof input[k] === 'string' ? (input[k] as string) : undefined);
  switch (tool) {
    case 'freshdesk_ticket_create':
      return `Create a ticket${s('subject') ? ` "${s('subject')}"` : ''}${s('email') ? ` for ${s('email')}` : ''}.`;
    case 'freshdesk_contact_create':
      return `Create the contact ${s('name') ?? ''}${s('email') ? ` <${s('email')}>` : ''}.`.replace('  ', ' ');
    case 'freshdesk_agent_create':
      return `Add ${s('email') ?? 'a new person'} as an agent (this uses a paid seat).`;
    default:
      return `Run ${tool} with the input below.`;
  }
}

/** The typed confirmation rule, shared with the approval card. */
export { confirmationMatches } from '../../../src-shared/confirm';
