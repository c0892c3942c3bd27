import type {
  AgentRecord,
  CompanyRecord,
  CustomFieldDef,
  GroupRecord,
  PlanName,
  Privilege,
  RoleRecord,
  SkillRecord,
  TicketRecord,
  UserRecord,
} from './model.js';
import { RateLimiter, type RateLimitSettings } from './rate-limiter.js';

export type FaultKind = 'latency' | 'status' | 'drop' | 'malformed' | 'slow_body';

export interface Fault {
  kind: FaultKind;
  remaining: number;
  status: number;
  ms: number;
  retryAfter: number;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  /** Raw query string without the leading "?" ("" when none). */
  query: string;
  status: number;
  credits: number;
  agentId: number | null;
  at: string;
}

/** Stored form: the timestamp is formatted only when the log is read. */
export type StoredLogEntry = Omit<RequestLogEntry, 'at'> & { atMs: number };

export interface AccountFixtures {
  hostileHtmlTicketId: number;
  injectionTicketId: number;
  /** A resolved ticket with every optional part filled (attachments, stats, company, tags…). */
  richTicketId: number;
  /** A ticket with more than ten conversations. */
  longThreadTicketId: number;
  spamTicketId: number;
  deletedTicketId: number;
  /** A customer (not an agent) holding an API key: it must get 401. */
  customerApiKey: string;
  customerId: number;
  /** A former agent downgraded to a contact; the old key must get 401. */
  deletedAgentApiKey: string;
  deletedAgentId: number;
}

export interface AccountSettings {
  subdomain: string;
  plan: PlanName;
  timeZone: string;
  supportEmail: string;
  maxAgents: number;
  rate: RateLimitSettings;
  now: () => number;
}

const MAX_LOG_ENTRIES = 20_000;

/** One simulated helpdesk: its data, indexes, keys, limits, queued faults and request log. */
export class HelpdeskAccount {
  readonly subdomain: string;
  plan: PlanName;
  timeZone: string;
  supportEmail: string;
  maxAgents: number;
  suspended = false;
  /** Agent `name` is required unless the account uses Freshworks ID (§7.9). */
  requireAgentName = true;
  readonly limiter: RateLimiter;
  readonly roles = new Map<number, RoleRecord>();
  readonly groups = new Map<number, GroupRecord>();
  readonly skills = new Map<number, SkillRecord>();
  readonly companies = new Map<number, CompanyRecord>();
  readonly users = new Map<number, UserRecord>();
  readonly agents = new Map<number, AgentRecord>();
  readonly tickets = new Map<number, TicketRecord>();
  /** Tickets by ascending id (= creation order). */
  readonly ticketOrder: TicketRecord[] = [];
  readonly customStatuses: { id: number; name: string; slaTimer: boolean }[] = [];
  readonly ticketTypes: string[] = [];
  readonly customFields: CustomFieldDef[] = [];
  faults: Fault[] = [];
  log: StoredLogEntry[] = [];
  fixtures!: AccountFixtures;
  nextTicketId = 1;
  nextUserId = 1;
  nextConversationId = 1;
  nextAttachmentId = 1;

  private readonly emailIndex = new Map<string, number>();
  private readonly twitterIndex = new Map<string, number>();
  private readonly externalIdIndex = new Map<string, number>();
  private readonly facebookIndex = new Map<string, number>();
  private readonly keyIndex = new Map<string, number>();

  constructor(settings: AccountSettings) {
    this.subdomain = settings.subdomain;
    this.plan = settings.plan;
    this.timeZone = settings.timeZone;
    this.supportEmail = settings.supportEmail;
    this.maxAgents = settings.maxAgents;
    this.limiter = new RateLimiter(settings.rate, settings.now);
  }

  statusIds(): number[] {
    return [2, 3, 4, 5, ...this.customStatuses.map((s) => s.id)];
  }

  statusHasSlaTimer(status: number): boolean {
    if (status === 2) return true;
    return this.customStatuses.find((s) => s.id === status)?.slaTimer ?? false;
  }

  privilegesOf(agent: AgentRecord): Set<Privilege> {
    const out = new Set<Privilege>();
    for (const id of agent.roleIds) {
      const role = this.roles.get(id);
      if (role) for (const p of role.privileges) out.add(p);
    }
    return out;
  }

  roleByName(name: string): RoleRecord | undefined {
    for (const r of this.roles.values()) if (r.name === name) return r;
    return undefined;
  }

  // ---- users and their unique identifiers -------------------------------------------------

  addUser(user: UserRecord): void {
    this.users.set(user.id, user);
    this.indexUser(user);
    if (user.id >= this.nextUserId) this.nextUserId = user.id + 1;
  }

  private indexUser(user: UserRecord): void {
    if (user.email) this.emailIndex.set(user.email.toLowerCase(), user.id);
    for (const e of user.otherEmails) this.emailIndex.set(e.toLowerCase(), user.id);
    if (user.twitterId) this.twitterIndex.set(user.twitterId.toLowerCase(), user.id);
    if (user.uniqueExternalId) this.externalIdIndex.set(user.uniqueExternalId, user.id);
    if (user.facebookId) this.facebookIndex.set(user.facebookId, user.id);
    if (user.apiKey) this.keyIndex.set(user.apiKey, user.id);
  }

  userByEmail(email: string): UserRecord | undefined {
    const id = this.emailIndex.get(email.toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  userByTwitter(handle: string): UserRecord | undefined {
    const id = this.twitterIndex.get(handle.toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  userByExternalId(value: string): UserRecord | undefined {
    const id = this.externalIdIndex.get(value);
    return id === undefined ? undefined : this.users.get(id);
  }

  userByFacebook(value: string): UserRecord | undefined {
    const id = this.facebookIndex.get(value);
    return id === undefined ? undefined : this.users.get(id);
  }

  userByPhone(phone: string): UserRecord | undefined {
    for (const u of this.users.values()) if (u.phone === phone || u.mobile === phone) return u;
    return undefined;
  }

  userByKey(key: string): UserRecord | undefined {
    const id = this.keyIndex.get(key);
    return id === undefined ? undefined : this.users.get(id);
  }

  changeEmail(user: UserRecord, email: string): void {
    if (user.email) this.emailIndex.delete(user.email.toLowerCase());
    user.email = email;
    this.emailIndex.set(email.toLowerCase(), user.id);
  }

  /** Replaces a user's key; the old key stops working at once. */
  setApiKey(user: UserRecord, key: string): void {
    if (user.apiKey) this.keyIndex.delete(user.apiKey);
    user.apiKey = key;
    this.keyIndex.set(key, user.id);
  }

  // ---- tickets -----------------------------------------------------------------------------

  addTicket(ticket: TicketRecord): void {
    this.tickets.set(ticket.id, ticket);
    this.ticketOrder.push(ticket);
    if (ticket.id >= this.nextTicketId) this.nextTicketId = ticket.id + 1;
  }

  // ---- request log -------------------------------------------------------------------------

  record(entry: StoredLogEntry): void {
    this.log.push(entry);
    if (this.log.length > MAX_LOG_ENTRIES * 1.5) this.log = this.log.slice(-MAX_LOG_ENTRIES);
  }

  logEntries(): RequestLogEntry[] {
    return this.log.map(({ atMs, ...rest }) => ({ ...rest, at: new Date(atMs).toISOString() }));
  }

  takeFault(): Fault | undefined {
    const fault = this.faults[0];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.shift();
    return fault;
  }
}
