/** In-memory records of one simulated helpdesk. Times are epoch milliseconds. */

export type PlanName = 'trial' | 'growth' | 'pro' | 'enterprise';

/** What a role lets an agent do. Built-in roles map onto these; the custom role has fewer. */
export type Privilege =
  | 'manage_account' // Account Administrator only
  | 'admin' // agents and roles endpoints
  | 'view_tickets'
  | 'create_ticket'
  | 'edit_ticket'
  | 'delete_ticket'
  | 'reply_ticket'
  | 'manage_contacts';

export interface RoleRecord {
  id: number;
  name: string;
  description: string;
  isDefault: boolean;
  privileges: ReadonlySet<Privilege>;
  createdAt: number;
  updatedAt: number;
}

export interface GroupRecord {
  id: number;
  name: string;
  description: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface SkillRecord {
  id: number;
  name: string;
}

export interface CompanyRecord {
  id: number;
  name: string;
  description: string | null;
  note: string | null;
  domains: string[];
  healthScore: string | null;
  accountTier: string | null;
  industry: string | null;
  renewalDate: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface AvatarRecord {
  id: number;
  name: string;
  contentType: string;
  size: number;
  createdAt: number;
}

/** A user: every agent is also a user (same id); customers are users without an agent record. */
export interface UserRecord {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  twitterId: string | null;
  facebookId: string | null;
  uniqueExternalId: string | null;
  companyId: number | null;
  viewAllTickets: boolean;
  otherEmails: string[];
  otherCompanies: { companyId: number; viewAllTickets: boolean }[];
  address: string | null;
  description: string | null;
  jobTitle: string | null;
  language: string;
  timeZone: string;
  tags: string[];
  customFields: Record<string, unknown>;
  active: boolean;
  deleted: boolean;
  avatar: AvatarRecord | null;
  /** API key; customers may have one too (it gets 401). */
  apiKey: string | null;
  lastLoginAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface AgentRecord {
  id: number;
  occasional: boolean;
  signature: string | null;
  ticketScope: 1 | 2 | 3;
  groupIds: number[];
  roleIds: number[];
  skillIds: number[];
  available: boolean;
  availableSince: number | null;
  agentType: 1 | 2 | 3;
  focusMode: boolean;
  deactivated: boolean;
  freshcallerAgent: boolean;
  freshchatAgent: boolean;
  agentLevelId: number | null;
  lastActiveAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface AttachmentRecord {
  id: number;
  name: string;
  contentType: string;
  size: number;
  createdAt: number;
}

export interface ConversationRecord {
  id: number;
  ticketId: number;
  userId: number;
  body: string;
  bodyText: string;
  /** 0 reply, 2 note. */
  source: number;
  private: boolean;
  incoming: boolean;
  fromEmail: string | null;
  supportEmail: string | null;
  toEmails: string[];
  ccEmails: string[];
  bccEmails: string[];
  repliedTo: string[];
  attachments: AttachmentRecord[];
  createdAt: number;
  updatedAt: number;
}

export interface TicketStats {
  agentRespondedAt: number | null;
  requesterRespondedAt: number | null;
  firstRespondedAt: number | null;
  statusUpdatedAt: number | null;
  reopenedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  pendingSince: number | null;
}

/** A new ticket's stats: nothing has happened yet (a fresh object; callers fill it in). */
export function emptyTicketStats(): TicketStats {
  return {
    agentRespondedAt: null,
    requesterRespondedAt: null,
    firstRespondedAt: null,
    statusUpdatedAt: null,
    reopenedAt: null,
    resolvedAt: null,
    closedAt: null,
    pendingSince: null,
  };
}

export interface TicketRecord {
  id: number;
  subject: string;
  description: string;
  descriptionText: string;
  requesterId: number;
  responderId: number | null;
  groupId: number | null;
  companyId: number | null;
  status: number;
  priority: number;
  source: number;
  type: string | null;
  tags: string[];
  ccEmails: string[];
  fwdEmails: string[];
  replyCcEmails: string[];
  ticketCcEmails: string[];
  toEmails: string[] | null;
  emailConfigId: number | null;
  productId: number | null;
  parentId: number | null;
  frEscalated: boolean;
  isEscalated: boolean;
  spam: boolean;
  deleted: boolean;
  urgent: boolean;
  dueBy: number | null;
  frDueBy: number | null;
  customFields: Record<string, unknown>;
  attachments: AttachmentRecord[];
  watchers: Set<number>;
  conversations: ConversationRecord[];
  stats: TicketStats;
  createdAt: number;
  updatedAt: number;
}

/** A ticket field shown by GET /api/v2/ticket_fields and used to validate custom_fields. */
export interface CustomFieldDef {
  name: string;
  label: string;
  kind: 'dropdown' | 'text' | 'number' | 'checkbox' | 'date';
  choices?: string[];
  requiredForClosure: boolean;
}

export type SubLimitName = 'ticketCreate' | 'ticketUpdate' | 'ticketsList' | 'contactsList';
