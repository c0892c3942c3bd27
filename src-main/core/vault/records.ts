// The shapes the vault keeps in its store file. Everything read back is parsed again: the file
// sits in the user's profile folder and may have been edited, restored or damaged.
import { z } from 'zod';
import { ThreadItem, TokenUsage } from '../../../src-shared/contract/chat';
import { AgentIdentityShape } from '../../../src-shared/contract/profiles';
import { TriagePlanShape } from '../../../src-shared/contract/triage';
import { SealedSecret } from './envelope';

/** who the key belongs to, as agents/me said: the same shape the contract shows the page */
export const AgentRecord = AgentIdentityShape;

export const DraftSlot = z.object({ ticketId: z.number().int().positive(), sealed: SealedSecret });

/** One record per profile. Plain fields are for display; everything that routes or authorizes is sealed. */
export const ProfileRecord = z.object({
  identifier: z.string().min(1),
  status: z.enum(['PENDING', 'ACTIVE', 'REVOKED']),
  statusReason: z.string().optional(),
  revokedAt: z.string().optional(),
  /** display only; routing uses the sealed copy */
  subdomain: z.string().optional(),
  agent: AgentRecord.optional(),
  /** display only; the sealed payload's origin is what makes a sandbox profile */
  sandbox: z.boolean().optional(),
  updatedAt: z.string(),
  /** { apiKey, subdomain, origin? } */
  freshdesk: SealedSecret.optional(),
  /** { apiKey } */
  anthropic: SealedSecret.optional(),
  drafts: z.array(DraftSlot).optional(),
  /** the profile's chat threads, one sealed ChatPayload */
  chat: SealedSecret.optional(),
  /** the profile's triage plans, one sealed TriagePayload */
  triage: SealedSecret.optional(),
});
export type ProfileRecord = z.infer<typeof ProfileRecord>;

/** The sealed Freshdesk connection of a profile. `origin` only for main's own sandbox flow. */
export const FreshdeskSecret = z.object({
  apiKey: z.string().min(1),
  subdomain: z.string().min(1),
  origin: z.string().optional(),
});
export type FreshdeskSecret = z.infer<typeof FreshdeskSecret>;

export const AnthropicSecret = z.object({ apiKey: z.string().min(1) });

/** The seal purposes: one per slot, so a sealed value cannot be moved between slots either. */
export const PURPOSE = {
  freshdesk: 'freshdesk-connection',
  anthropic: 'anthropic-key',
  draft: (ticketId: number) => `draft:${ticketId}`,
  chat: 'chat-threads',
  triage: 'triage-plans',
} as const;

/** A Messages API message as stored; the chat checks tool_use/tool_result pairing on load. */
const StoredMessage = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), z.array(z.object({ type: z.string() }).passthrough())]),
});

export const StoredThread = z.object({
  threadId: z.string().min(1),
  title: z.string(),
  updatedAt: z.string(),
  history: z.array(StoredMessage),
  items: z.array(ThreadItem),
  /** values the person typed, and values seen in Freshdesk data (kept so flags survive a restart) */
  typed: z.array(z.string()),
  seen: z.array(z.string()),
  /** tokens all its turns used (absent in threads saved before it was counted) */
  usage: TokenUsage.optional(),
});
export type StoredThread = z.infer<typeof StoredThread>;

export const ChatPayload = z.object({ threads: z.array(StoredThread) });
export type ChatPayload = z.infer<typeof ChatPayload>;

/** The profile's triage plans (newest first), sealed as one slot like the chat threads. */
export const TriagePayload = z.object({ plans: z.array(TriagePlanShape) });
export type TriagePayload = z.infer<typeof TriagePayload>;
