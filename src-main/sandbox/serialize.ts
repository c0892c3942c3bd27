import type { HelpdeskAccount } from './account.js';
import type {
  AgentRecord,
  AttachmentRecord,
  AvatarRecord,
  CompanyRecord,
  ConversationRecord,
  GroupRecord,
  RoleRecord,
  TicketRecord,
  UserRecord,
} from './model.js';
import { isoOrNull, isoSeconds } from './time.js';

/** Record → Freshdesk JSON. Only what is returned is built; blank fields are null. */

const AGENT_TYPES = ['support_agent', 'support_agent', 'field_agent', 'collaborator'] as const;

function cdnUrl(account: HelpdeskAccount, a: { id: number; name: string }, variant = 'original'): string {
  return `https://s3.amazonaws.com/cdn.freshdesk.example/data/helpdesk/attachments/${account.subdomain}/${a.id}/${variant}/${encodeURIComponent(a.name)}`;
}

export function attachmentJson(account: HelpdeskAccount, a: AttachmentRecord): Record<string, unknown> {
  return {
    id: a.id,
    content_type: a.contentType,
    file_size: a.size,
    name: a.name,
    attachment_url: cdnUrl(account, a),
    created_at: isoSeconds(a.createdAt),
    updated_at: isoSeconds(a.createdAt),
  };
}

function avatarJson(account: HelpdeskAccount, a: AvatarRecord): Record<string, unknown> {
  return {
    id: a.id,
    name: a.name,
    content_type: a.contentType,
    size: a.size,
    created_at: isoSeconds(a.createdAt),
    updated_at: isoSeconds(a.createdAt),
    attachment_url: cdnUrl(account, a),
    thumb_url: cdnUrl(account, a, 'thumb'),
  };
}

export type TicketMode = 'full' | 'list';

export function ticketJson(
  account: HelpdeskAccount,
  t: TicketRecord,
  mode: TicketMode,
  withDescription = mode === 'full',
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    cc_emails: t.ccEmails.slice(),
    fwd_emails: t.fwdEmails.slice(),
    reply_cc_emails: t.replyCcEmails.slice(),
    ticket_cc_emails: t.ticketCcEmails.slice(),
    fr_escalated: t.frEscalated,
    spam: t.spam,
    email_config_id: t.emailConfigId,
    group_id: t.groupId,
    priority: t.priority,
    requester_id: t.requesterId,
    responder_id: t.responderId,
    source: t.source,
    company_id: t.companyId,
    status: t.status,
    subject: t.subject,
    association_type: null,
    support_email: t.source === 1 ? account.supportEmail : null,
    to_emails: t.toEmails ? t.toEmails.slice() : null,
    product_id: t.productId,
    id: t.id,
    type: t.type,
    due_by: isoOrNull(t.dueBy),
    fr_due_by: isoOrNull(t.frDueBy),
    is_escalated: t.isEscalated,
    urgent: t.urgent,
    internal_agent_id: null,
    internal_group_id: null,
    custom_fields: { ...t.customFields },
    created_at: isoSeconds(t.createdAt),
    updated_at: isoSeconds(t.updatedAt),
    structured_description: {
      description_contents: [{ type: 'text', data: { content: t.descriptionText } }],
    },
    tags: t.tags.slice(),
  };
  if (withDescription) {
    out.description = t.description;
    out.description_text = t.descriptionText;
  }
  if (mode === 'full') {
    out.attachments = t.attachments.map((a) => attachmentJson(account, a));
    out.source_additional_info = null;
    out.nr_due_by = null;
    out.nr_escalated = false;
  }
  if (t.deleted) out.deleted = true;
  return out;
}

export function statsJson(t: TicketRecord): Record<string, unknown> {
  const s = t.stats;
  return {
    agent_responded_at: isoOrNull(s.agentRespondedAt),
    requester_responded_at: isoOrNull(s.requesterRespondedAt),
    first_responded_at: isoOrNull(s.firstRespondedAt),
    status_updated_at: isoOrNull(s.statusUpdatedAt),
    reopened_at: isoOrNull(s.reopenedAt),
    resolved_at: isoOrNull(s.resolvedAt),
    closed_at: isoOrNull(s.closedAt),
    pending_since: isoOrNull(s.pendingSince),
  };
}

export function requesterJson(u: UserRecord | undefined): Record<string, unknown> {
  if (!u) return {};
  return { id: u.id, name: u.name, email: u.email, mobile: u.mobile, phone: u.phone };
}

export function companyEmbedJson(c: CompanyRecord | undefined): Record<string, unknown> {
  return c ? { id: c.id, name: c.name } : {};
}

export function conversationJson(account: HelpdeskAccount, c: ConversationRecord, forReply = false): Record<string, unknown> {
  const out: Record<string, unknown> = {
    body: c.body,
    body_text: c.bodyText,
    id: c.id,
    incoming: c.incoming,
    private: c.private,
    user_id: c.userId,
    support_email: c.supportEmail,
    source: c.source,
    category: c.private ? 2 : c.incoming ? 7 : 3,
    ticket_id: c.ticketId,
    to_emails: c.toEmails.slice(),
    from_email: c.fromEmail,
    cc_emails: c.ccEmails.slice(),
    bcc_emails: c.bccEmails.slice(),
    email_failure_count: null,
    outgoing_failures: null,
    created_at: isoSeconds(c.createdAt),
    updated_at: isoSeconds(c.updatedAt),
    attachments: c.attachments.map((a) => attachmentJson(account, a)),
    source_additional_info: null,
  };
  if (forReply) {
    out.structured_body = { body_contents: [{ type: 'text', data: { content: c.bodyText } }] };
    out.replied_to = c.repliedTo.slice();
  }
  return out;
}

function agentContactJson(account: HelpdeskAccount, u: UserRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    active: u.active,
    email: u.email,
    job_title: u.jobTitle,
    language: u.language,
    last_login_at: isoOrNull(u.lastLoginAt),
    mobile: u.mobile,
    name: u.name,
    phone: u.phone,
    time_zone: u.timeZone,
    created_at: isoSeconds(u.createdAt),
    updated_at: isoSeconds(u.updatedAt),
  };
  if (u.avatar) out.avatar = avatarJson(account, u.avatar);
  return out;
}

/** `list` omits group_ids, role_ids and skill_ids, as the list endpoint does. */
export function agentJson(account: HelpdeskAccount, a: AgentRecord, u: UserRecord, list = false): Record<string, unknown> {
  const out: Record<string, unknown> = {
    available: a.available,
    occasional: a.occasional,
    id: a.id,
    ticket_scope: a.ticketScope,
    signature: a.signature,
  };
  if (!list) {
    out.group_ids = a.groupIds.slice();
    out.role_ids = a.roleIds.slice();
    out.skill_ids = a.skillIds.slice();
  }
  Object.assign(out, {
    available_since: isoOrNull(a.availableSince),
    type: AGENT_TYPES[a.agentType],
    created_at: isoSeconds(a.createdAt),
    updated_at: isoSeconds(a.updatedAt),
    last_active_at: isoOrNull(a.lastActiveAt),
    contact: agentContactJson(account, u),
    deactivated: a.deactivated,
    focus_mode: a.focusMode,
    freshcaller_agent: a.freshcallerAgent,
    freshchat_agent: a.freshchatAgent,
    agent_level_id: a.agentLevelId,
  });
  return out;
}

export function contactJson(account: HelpdeskAccount, u: UserRecord): Record<string, unknown> {
  return {
    active: u.active,
    address: u.address,
    company_id: u.companyId,
    view_all_tickets: u.viewAllTickets,
    deleted: u.deleted,
    description: u.description,
    email: u.email,
    id: u.id,
    contact_type: 'contact',
    job_title: u.jobTitle,
    language: u.language,
    mobile: u.mobile,
    name: u.name,
    phone: u.phone,
    time_zone: u.timeZone,
    twitter_id: u.twitterId,
    facebook_id: u.facebookId,
    unique_external_id: u.uniqueExternalId,
    social_handler: [],
    other_emails: u.otherEmails.slice(),
    other_companies: u.otherCompanies.map((c) => ({ company_id: c.companyId, view_all_tickets: c.viewAllTickets })),
    custom_fields: { ...u.customFields },
    created_at: isoSeconds(u.createdAt),
    updated_at: isoSeconds(u.updatedAt),
    tags: u.tags.slice(),
    avatar: u.avatar ? avatarJson(account, u.avatar) : null,
  };
}

export function companyJson(c: CompanyRecord): Record<string, unknown> {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    note: c.note,
    domains: c.domains.slice(),
    health_score: c.healthScore,
    account_tier: c.accountTier,
    renewal_date: isoOrNull(c.renewalDate),
    industry: c.industry,
    custom_fields: {},
    created_at: isoSeconds(c.createdAt),
    updated_at: isoSeconds(c.updatedAt),
  };
}

export function roleJson(r: RoleRecord): Record<string, unknown> {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    default: r.isDefault,
    created_at: isoSeconds(r.createdAt),
    updated_at: isoSeconds(r.updatedAt),
  };
}

export function groupJson(account: HelpdeskAccount, g: GroupRecord): Record<string, unknown> {
  const agentIds: number[] = [];
  for (const a of account.agents.values()) if (a.groupIds.includes(g.id)) agentIds.push(a.id);
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    escalate_to: null,
    unassigned_for: null,
    business_hour_id: null,
    group_type: 'support_agent_group',
    agent_ids: agentIds,
    auto_ticket_assign: false,
    created_at: isoSeconds(g.createdAt),
    updated_at: isoSeconds(g.updatedAt),
  };
}
