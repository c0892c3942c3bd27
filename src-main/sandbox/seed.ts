import { HelpdeskAccount } from './account.js';
import {
  emptyTicketStats,
  type AgentRecord,
  type AttachmentRecord,
  type ConversationRecord,
  type PlanName,
  type Privilege,
  type TicketRecord,
  type UserRecord,
} from './model.js';
import { createRng, type Rng } from './prng.js';
import { PLAN_LIMITS } from './rate-limiter.js';
import {
  ACCOUNT_CUSTOMERS,
  AGENT_REPLIES,
  CATEGORY_CHOICES,
  CUSTOMER_FOLLOW_UPS,
  FIRST_NAMES,
  FREE_MAIL_DOMAINS,
  GROUPS,
  HOSTILE_HTML_DESCRIPTION,
  INJECTION_DESCRIPTION,
  LAST_NAMES,
  PRIVATE_NOTES,
  PRODUCTS,
  SKILLS,
  TAGS,
  TICKET_TEMPLATES,
  TICKET_TYPES,
} from './seed-content.js';
import { htmlToText, textToHtml } from './text.js';
import { DAY_MS, HOUR_MS } from './time.js';

export interface SeedOptions {
  seed: number;
  ticketsPerAccount: number;
  windowMs: number;
  perMinute?: number;
  now: () => number;
}

interface AgentSpec {
  first: string;
  last: string;
  local: string;
  role: string;
  scope: 1 | 2 | 3;
  groups: string[];
  skills: string[];
  occasional?: boolean;
  jobTitle: string;
}

interface AccountBlueprint {
  subdomain: string;
  plan: PlanName;
  brand: string;
  timeZone: string;
  idBase: number;
  firstTicketId: number;
  maxAgents: number;
  agents: AgentSpec[];
  formerAgent: { first: string; last: string; local: string };
}

/**
 * Every account has the same cast (see index.ts for who is who):
 * Account Administrator (scope 1), Administrator (1), Supervisor (2), Agent (1), Agent (2),
 * Agent (3, restricted), Read-only Triage custom role (1, cannot reply), occasional Agent (1).
 */
function cast(names: string[][]): AgentSpec[] {
  const n = (i: number): [string, string] => [names[i]?.[0] ?? 'Agent', names[i]?.[1] ?? String(i)];
  return [
    {
      first: n(0)[0],
      last: n(0)[1],
      local: `${n(0)[0].toLowerCase()}.admin`,
      role: 'Account Administrator',
      scope: 1,
      groups: ['Billing', 'Escalations'],
      skills: ['VIP accounts', 'Billing disputes'],
      jobTitle: 'Head of Support',
    },
    {
      first: n(1)[0],
      last: n(1)[1],
      local: `${n(1)[0].toLowerCase()}.administrator`,
      role: 'Administrator',
      scope: 1,
      groups: ['Technical Support'],
      skills: ['API integrations'],
      jobTitle: 'Support Operations Manager',
    },
    {
      first: n(2)[0],
      last: n(2)[1],
      local: `${n(2)[0].toLowerCase()}.supervisor`,
      role: 'Supervisor',
      scope: 2,
      groups: ['Billing', 'Technical Support'],
      skills: ['Billing disputes'],
      jobTitle: 'Team Lead',
    },
    {
      first: n(3)[0],
      last: n(3)[1],
      local: `${n(3)[0].toLowerCase()}.agent`,
      role: 'Agent',
      scope: 1,
      groups: ['Technical Support', 'Onboarding'],
      skills: ['API integrations', 'Spanish'],
      jobTitle: 'Support Engineer',
    },
    {
      first: n(4)[0],
      last: n(4)[1],
      local: `${n(4)[0].toLowerCase()}.groupagent`,
      role: 'Agent',
      scope: 2,
      groups: ['Technical Support'],
      skills: [],
      jobTitle: 'Support Specialist',
    },
    {
      first: n(5)[0],
      last: n(5)[1],
      local: `${n(5)[0].toLowerCase()}.restricted`,
      role: 'Agent',
      scope: 3,
      groups: ['Returns & Refunds'],
      skills: [],
      jobTitle: 'Contractor',
    },
    {
      first: n(6)[0],
      last: n(6)[1],
      local: `${n(6)[0].toLowerCase()}.readonly`,
      role: 'Read-only Triage',
      scope: 1,
      groups: ['Escalations'],
      skills: [],
      jobTitle: 'Triage Analyst',
    },
    {
      first: n(7)[0],
      last: n(7)[1],
      local: `${n(7)[0].toLowerCase()}.occasional`,
      role: 'Agent',
      scope: 1,
      groups: ['Returns & Refunds'],
      skills: ['Spanish'],
      occasional: true,
      jobTitle: 'Seasonal Support',
    },
  ];
}

const BLUEPRINTS: readonly AccountBlueprint[] = [
  {
    subdomain: 'acme',
    plan: 'trial',
    brand: 'Acme Support',
    timeZone: 'Eastern Time (US & Canada)',
    idBase: 43_000_000_000,
    firstTicketId: 42_600,
    maxAgents: 10,
    agents: cast([
      ['Ava', 'Mitchell'],
      ['Ben', 'Okafor'],
      ['Cara', 'Jensen'],
      ['Dan', 'Moreau'],
      ['Eve', 'Lindqvist'],
      ['Finn', 'Walsh'],
      ['Gia', 'Romano'],
      ['Hal', 'Brooks'],
    ]),
    formerAgent: { first: 'Ivy', last: 'Former', local: 'ivy.former' },
  },
  {
    subdomain: 'globex',
    plan: 'growth',
    brand: 'Globex Customer Care',
    timeZone: 'London',
    idBase: 47_000_000_000,
    firstTicketId: 18_300,
    maxAgents: 25,
    agents: cast([
      ['Grace', 'Hopper'],
      ['Hiro', 'Tanaka'],
      ['Ines', 'Duarte'],
      ['Jon', 'Ferris'],
      ['Kai', 'Larsen'],
      ['Lena', 'Vogel'],
      ['Milo', 'Grant'],
      ['Nora', 'Quinn'],
    ]),
    formerAgent: { first: 'Omar', last: 'Former', local: 'omar.former' },
  },
];

const ROLE_DEFS: readonly { name: string; description: string; isDefault: boolean; privileges: Privilege[] }[] = [
  {
    name: 'Account Administrator',
    description:
      'Has complete control over the help desk including access to Account or Billing related information, and receives Invoices.',
    isDefault: true,
    privileges: [
      'manage_account',
      'admin',
      'view_tickets',
      'create_ticket',
      'edit_ticket',
      'delete_ticket',
      'reply_ticket',
      'manage_contacts',
    ],
  },
  {
    name: 'Administrator',
    description: 'Can configure all features through the Admin tab, but is restricted from viewing Account or Billing related information.',
    isDefault: true,
    privileges: ['admin', 'view_tickets', 'create_ticket', 'edit_ticket', 'delete_ticket', 'reply_ticket', 'manage_contacts'],
  },
  {
    name: 'Supervisor',
    description:
      'Can perform all agent related activities and access reports, but cannot access or change configurations in the Admin tab.',
    isDefault: true,
    privileges: ['view_tickets', 'create_ticket', 'edit_ticket', 'delete_ticket', 'reply_ticket', 'manage_contacts'],
  },
  {
    name: 'Agent',
    description: 'Can log, view, reply, update and resolve tickets and manage contacts.',
    isDefault: true,
    privileges: ['view_tickets', 'create_ticket', 'edit_ticket', 'delete_ticket', 'reply_ticket', 'manage_contacts'],
  },
  {
    name: 'Read-only Triage',
    description:
      'Custom role: can view tickets and change their properties for triage, but cannot reply, create or delete tickets, or manage contacts.',
    isDefault: false,
    privileges: ['view_tickets', 'edit_ticket'],
  },
];

export function seedAccounts(options: SeedOptions): HelpdeskAccount[] {
  return BLUEPRINTS.map((bp, index) => seedAccount(bp, index, options));
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function seedAccount(bp: AccountBlueprint, index: number, options: SeedOptions): HelpdeskAccount {
  const now = options.now();
  const account = new HelpdeskAccount({
    subdomain: bp.subdomain,
    plan: bp.plan,
    timeZone: bp.timeZone,
    supportEmail: `support@${bp.subdomain}.example`,
    maxAgents: bp.maxAgents,
    rate: {
      perMinute: options.perMinute ?? PLAN_LIMITS[bp.plan].perMinute,
      windowMs: options.windowMs,
      subLimits: options.perMinute !== undefined ? {} : PLAN_LIMITS[bp.plan].subLimits,
    },
    now: options.now,
  });
  // Separate streams: keys do not change when the ticket count changes.
  const keyRng = createRng(options.seed ^ hashString(`${bp.subdomain}:keys`));
  const rng = createRng((options.seed * 7919 + index * 104729) ^ hashString(bp.subdomain));
  const accountCreated = now - 400 * DAY_MS;
  const base = bp.idBase;

  const seeding: Seeding = { account, bp, options, rng, keyRng, now, accountCreated, base };
  // The order of the parts is the order of the random draws: keep it.
  const directory = seedDirectory(seeding);
  const { agents, former } = seedAgents(seeding, directory);
  const { contacts, customer } = seedContacts(seeding, directory);
  const { hostileIndex, injectionIndex, richIndex, longIndex, spamIndex, deletedIndex } = seedTickets(seeding, directory, agents, contacts);

  const ticketAt = (i: number): TicketRecord => account.ticketOrder[i] as TicketRecord;
  account.fixtures = {
    hostileHtmlTicketId: ticketAt(hostileIndex).id,
    injectionTicketId: ticketAt(injectionIndex).id,
    richTicketId: ticketAt(richIndex).id,
    longThreadTicketId: ticketAt(longIndex).id,
    spamTicketId: ticketAt(spamIndex).id,
    deletedTicketId: ticketAt(deletedIndex).id,
    customerApiKey: customer.apiKey as string,
    customerId: customer.id,
    deletedAgentApiKey: former.apiKey as string,
    deletedAgentId: former.id,
  };
  return account;
}

/** What every part of one account's seeding shares. */
interface Seeding {
  account: HelpdeskAccount;
  bp: AccountBlueprint;
  options: SeedOptions;
  /** content (names, tickets, conversations) */
  rng: Rng;
  /** API keys only: they do not change when the ticket count changes */
  keyRng: Rng;
  now: number;
  accountCreated: number;
  /** the account's id base (roles, groups, companies, users are numbered from it) */
  base: number;
}

interface Directory {
  groupId(name: string): number;
  skillId(name: string): number;
  customers: (typeof ACCOUNT_CUSTOMERS)[string];
}

/** Statuses, types, custom fields, roles, groups, skills and customer companies. */
function seedDirectory(seeding: Seeding): Directory {
  const { account, bp, rng, now, accountCreated, base } = seeding;
  account.customStatuses.push(
    { id: 6, name: 'Waiting on Customer', slaTimer: false },
    { id: 7, name: 'Waiting on Third Party', slaTimer: false },
  );
  account.ticketTypes.push(...TICKET_TYPES);
  account.customFields.push(
    { name: 'category', label: 'Category', kind: 'dropdown', choices: [...CATEGORY_CHOICES], requiredForClosure: false },
    { name: 'cf_order_number', label: 'Order number', kind: 'text', requiredForClosure: false },
  );

  ROLE_DEFS.forEach((def, i) => {
    account.roles.set(base + 1 + i, {
      id: base + 1 + i,
      name: def.name,
      description: def.description,
      isDefault: def.isDefault,
      privileges: new Set(def.privileges),
      createdAt: accountCreated,
      updatedAt: def.isDefault ? accountCreated : accountCreated + 30 * DAY_MS,
    });
  });
  GROUPS.forEach((g, i) => {
    account.groups.set(base + 101 + i, {
      id: base + 101 + i,
      name: g.name,
      description: g.description,
      createdAt: accountCreated,
      updatedAt: accountCreated,
    });
  });
  SKILLS.forEach((name, i) => account.skills.set(base + 201 + i, { id: base + 201 + i, name }));
  const groupId = (name: string): number => [...account.groups.values()].find((g) => g.name === name)?.id ?? base + 101;
  const skillId = (name: string): number => [...account.skills.values()].find((s) => s.name === name)?.id ?? base + 201;

  const customers = ACCOUNT_CUSTOMERS[bp.subdomain] ?? [];
  customers.forEach((c, i) => {
    const created = accountCreated + rng.int(1, 200) * DAY_MS;
    account.companies.set(base + 1001 + i, {
      id: base + 1001 + i,
      name: c.name,
      description: `${c.name} (${c.industry.toLowerCase()})`,
      note: i % 3 === 0 ? 'Key account: renewals handled by the account team.' : null,
      domains: [c.domain],
      healthScore: rng.pick(['Happy', 'Doing okay', 'At risk']),
      accountTier: c.tier,
      industry: c.industry,
      renewalDate: now + rng.int(10, 300) * DAY_MS,
      createdAt: created,
      updatedAt: created + rng.int(0, 90) * DAY_MS,
    });
  });

  account.nextUserId = base + 10_001;
  account.nextConversationId = base + 500_001;
  account.nextAttachmentId = base + 900_001;

  return { groupId, skillId, customers };
}

/** The cast of agents (index = role, see ./index) and a former agent, now a contact. */
function seedAgents(seeding: Seeding, directory: Directory): { agents: AgentRecord[]; former: UserRecord } {
  const { account, bp, rng, keyRng, now, accountCreated, base } = seeding;
  const { groupId, skillId } = directory;
  const agents: AgentRecord[] = [];
  bp.agents.forEach((spec, i) => {
    const id = account.nextUserId;
    const created = accountCreated + i * 3 * DAY_MS;
    const rich = i === 0;
    const user = baseUser(id, `${spec.first} ${spec.last}`, `${spec.local}@${bp.subdomain}.example`, created, bp.timeZone);
    user.jobTitle = spec.jobTitle;
    user.active = true;
    user.apiKey = keyRng.token(20);
    user.lastLoginAt = i % 2 === 0 ? now - rng.int(1, 72) * HOUR_MS : null;
    user.updatedAt = created + DAY_MS;
    if (rich) {
      user.phone = '+1 555 0100';
      user.avatar = { id: account.nextAttachmentId++, name: 'avatar.png', contentType: 'image/png', size: 17_921, createdAt: created };
    }
    account.addUser(user);
    const role = account.roleByName(spec.role);
    const agent: AgentRecord = {
      id,
      occasional: spec.occasional ?? false,
      signature: `<div dir="ltr"><p>${spec.first} ${spec.last}<br>${bp.brand}</p>\n</div>`,
      ticketScope: spec.scope,
      groupIds: spec.groups.map(groupId),
      roleIds: role ? [role.id] : [],
      skillIds: spec.skills.map(skillId),
      available: i % 3 !== 2,
      availableSince: i % 3 !== 2 ? now - rng.int(1, 8) * HOUR_MS : null,
      agentType: 1,
      focusMode: true,
      deactivated: false,
      freshcallerAgent: false,
      freshchatAgent: i === 0,
      agentLevelId: base + 301,
      lastActiveAt: now - rng.int(1, 600) * 60_000,
      createdAt: created,
      updatedAt: created + DAY_MS,
    };
    account.agents.set(id, agent);
    agents.push(agent);
  });

  // A former agent, already downgraded to a contact; its key must no longer work.
  const formerId = account.nextUserId;
  const former = baseUser(
    formerId,
    `${bp.formerAgent.first} ${bp.formerAgent.last}`,
    `${bp.formerAgent.local}@${bp.subdomain}.example`,
    accountCreated + 20 * DAY_MS,
    bp.timeZone,
  );
  former.apiKey = keyRng.token(20);
  former.active = true;
  account.addUser(former);

  return { agents, former };
}

/** Customers (some phone-only, most with a company); the first one has an API key that must fail. */
function seedContacts(seeding: Seeding, directory: Directory): { contacts: UserRecord[]; customer: UserRecord } {
  const { account, bp, options, rng, keyRng, now, accountCreated, base } = seeding;
  const { customers } = directory;
  const contactCount = Math.max(60, Math.ceil(options.ticketsPerAccount / 8));
  const contacts: UserRecord[] = [];
  for (let i = 0; i < contactCount; i++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const company = customers.length > 0 && rng.chance(0.75) ? rng.int(0, customers.length - 1) : -1;
    const localPart = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + (i >= 40 ? String(i) : '');
    const domain = company >= 0 ? (customers[company]?.domain ?? 'mail.example') : rng.pick(FREE_MAIL_DOMAINS);
    const created = accountCreated + rng.int(1, 380) * DAY_MS;
    const phoneOnly = i % 23 === 22;
    const user = baseUser(account.nextUserId, `${first} ${last}`, phoneOnly ? null : `${localPart}@${domain}`, created, bp.timeZone);
    if (phoneOnly || rng.chance(0.3)) user.phone = `+1 555 ${String(1000 + i).padStart(4, '0')}`;
    if (rng.chance(0.15)) user.mobile = `+44 7700 ${String(900000 + i)}`;
    if (rng.chance(0.1)) user.twitterId = `${first.toLowerCase()}_${last.toLowerCase().replace(/[^a-z]/g, '')}${i}`;
    if (company >= 0) {
      user.companyId = base + 1001 + company;
      user.viewAllTickets = rng.chance(0.2);
      user.jobTitle = rng.pick(['Office Manager', 'CTO', 'Store Manager', 'Accountant', 'Developer', null]);
    }
    if (rng.chance(0.2)) user.tags = rng.sample(['vip', 'newsletter', 'beta', 'reseller'], rng.int(1, 2));
    user.active = rng.chance(0.8);
    user.updatedAt = Math.min(now, created + rng.int(0, 20) * DAY_MS);
    account.addUser(user);
    contacts.push(user);
  }
  const customer = contacts[0] as UserRecord;
  account.setApiKey(customer, keyRng.token(20));

  return { contacts, customer };
}

/** The tickets, oldest first, with the pinned fixtures (hostile HTML, injection, rich, long, spam, deleted). */
function seedTickets(seeding: Seeding, directory: Directory, agents: AgentRecord[], contacts: UserRecord[]) {
  const { account, bp, options, rng, now } = seeding;
  const { groupId } = directory;
  const total = Math.max(1, options.ticketsPerAccount);
  const ages: number[] = [];
  for (let i = 0; i < total; i++) {
    const r = rng.next();
    ages.push(Math.floor(120 * r * r * DAY_MS) + rng.int(0, 3_600_000));
  }
  ages.sort((a, b) => b - a);
  // The newest tickets are pinned fixtures so they show up in the default 30-day list.
  ages[total - 1] = Math.max(ages[total - 1] ?? 0, 2 * HOUR_MS);
  const pin = (offsetFromNewest: number): number => Math.max(0, total - 1 - offsetFromNewest);
  const hostileIndex = pin(2);
  const injectionIndex = pin(4);
  const richIndex = pin(7);
  const longIndex = pin(9);
  const spamIndex = pin(11);
  const deletedIndex = pin(13);

  const restricted = agents[5] as AgentRecord;
  const fullTime = agents.filter((a) => !a.occasional);
  let nextId = bp.firstTicketId;
  for (let i = 0; i < total; i++) {
    const id = nextId;
    nextId += rng.chance(0.1) ? rng.int(2, 4) : 1;
    const createdAt = now - (ages[i] as number);
    const tpl = rng.pick(TICKET_TEMPLATES);
    const fill = (s: string): string =>
      s.replace(/\{n\}/g, () => String(rng.int(1000, 99999))).replace(/\{product\}/g, () => rng.pick(PRODUCTS));
    let requester = rng.chance(0.3) ? (contacts[rng.int(0, Math.min(9, contacts.length - 1))] as UserRecord) : rng.pick(contacts);
    if (i === richIndex) requester = contacts.find((c) => c.companyId !== null && c.email !== null) ?? requester;
    const ageDays = (now - createdAt) / DAY_MS;
    const statusWeights = ageDays > 30 ? [5, 3, 30, 60, 1, 1] : ageDays > 7 ? [20, 15, 30, 20, 8, 7] : [45, 20, 15, 5, 8, 7];
    const status = [2, 3, 4, 5, 6, 7][rng.weighted(statusWeights)] as number;
    const priority = [1, 2, 3, 4][rng.weighted([35, 35, 20, 10])] as number;
    const source = [1, 2, 3, 7, 9, 10][rng.weighted([45, 25, 10, 15, 3, 2])] as number;
    const grp = rng.chance(0.88) ? groupId(tpl.group) : null;
    let responder: AgentRecord | null = null;
    if (i % 9 === 4) responder = restricted;
    else if (status !== 2 || rng.chance(0.6)) {
      const inGroup = grp === null ? fullTime : fullTime.filter((a) => a.groupIds.includes(grp));
      responder = rng.pick(inGroup.length > 0 ? inGroup : fullTime);
    }
    const subject = fill(tpl.subject);
    const description = `<div>${fill(tpl.body)}</div><div><br></div><div>${requester.name}</div>`;
    const sla = [0, 24, 12, 8, 4][priority] as number;
    const ticket: TicketRecord = {
      id,
      subject,
      description,
      descriptionText: htmlToText(description),
      requesterId: requester.id,
      responderId: responder?.id ?? null,
      groupId: grp,
      companyId: requester.companyId,
      status,
      priority,
      source,
      type: rng.chance(0.9) ? tpl.type : null,
      tags: rng
        .sample(tpl.tags, rng.int(0, tpl.tags.length))
        .concat(rng.chance(0.15) ? [rng.pick(TAGS)] : [])
        .filter((t, k, a) => a.indexOf(t) === k),
      ccEmails: [],
      fwdEmails: [],
      replyCcEmails: [],
      ticketCcEmails: [],
      toEmails: null,
      emailConfigId: null,
      productId: null,
      parentId: null,
      frEscalated: false,
      isEscalated: false,
      spam: false,
      deleted: false,
      urgent: false,
      dueBy: createdAt + sla * 3 * HOUR_MS,
      frDueBy: createdAt + sla * HOUR_MS,
      customFields: {
        category: rng.chance(0.85) ? tpl.category : null,
        cf_order_number: tpl.category === 'Shipping' || tpl.type === 'Refund' ? `ORD-${rng.int(100000, 999999)}` : null,
      },
      attachments: [],
      watchers: new Set<number>(),
      conversations: [],
      stats: emptyTicketStats(),
      createdAt,
      updatedAt: createdAt,
    };
    if (rng.chance(0.15)) {
      const cc = rng.pick(contacts).email;
      if (cc && cc !== requester.email) {
        ticket.ccEmails = [cc];
        ticket.replyCcEmails = [cc];
        ticket.ticketCcEmails = [cc];
      }
    }
    if (source === 1) ticket.toEmails = [account.supportEmail];
    if (rng.chance(0.08) || i === richIndex) ticket.attachments.push(attachment(account, rng, createdAt));
    if (rng.chance(0.2)) for (const a of rng.sample(agents, rng.int(1, 2))) ticket.watchers.add(a.id);

    let conversationCount = status === 2 ? rng.int(0, 3) : rng.int(1, 7);
    if (i % 13 === 6 || i === longIndex) conversationCount = rng.int(11, 16);
    if (i === richIndex) conversationCount = Math.max(conversationCount, 4);
    const pattern = i === richIndex ? (['reply', 'customer', 'note', 'reply'] as const) : undefined;
    addConversations(account, rng, ticket, requester, responder ?? rng.pick(fullTime), conversationCount, now, pattern);
    finishStats(ticket, rng, now);

    if (i === hostileIndex) {
      ticket.subject = 'Invoice page shows strange code';
      ticket.description = HOSTILE_HTML_DESCRIPTION;
      ticket.descriptionText = htmlToText(HOSTILE_HTML_DESCRIPTION);
      ticket.status = 2;
      finishStats(ticket, rng, now);
      ticket.groupId = groupId('Technical Support');
      ticket.responderId = null;
    } else if (i === injectionIndex) {
      ticket.subject = 'Urgent: please read before replying';
      ticket.description = INJECTION_DESCRIPTION;
      ticket.descriptionText = htmlToText(INJECTION_DESCRIPTION);
      ticket.status = 2;
      finishStats(ticket, rng, now);
      ticket.groupId = groupId('Technical Support');
      ticket.responderId = null;
    } else if (i === richIndex) {
      ticket.responderId = (agents[3] as AgentRecord).id;
      ticket.groupId = groupId('Technical Support');
      ticket.type = 'Problem';
      ticket.tags = ['bug', 'export'];
      ticket.customFields = { category: 'Bug', cf_order_number: 'ORD-424242' };
      ticket.ccEmails = ['it-team@northwind.example'];
      ticket.replyCcEmails = ['it-team@northwind.example'];
    } else if (i === spamIndex) {
      ticket.spam = true;
      ticket.subject = 'Cheap watches, best prices!!!';
    } else if (i === deletedIndex) {
      ticket.deleted = true;
    } else {
      const roll = rng.next();
      if (roll < 0.02) ticket.spam = true;
      else if (roll < 0.04) ticket.deleted = true;
    }
    if (i === richIndex) {
      ticket.status = 4;
      finishStats(ticket, rng, now);
      ticket.watchers.add((agents[3] as AgentRecord).id);
    }
    account.addTicket(ticket);
  }

  return { hostileIndex, injectionIndex, richIndex, longIndex, spamIndex, deletedIndex };
}

export function baseUser(id: number, name: string, email: string | null, createdAt: number, timeZone: string): UserRecord {
  return {
    id,
    name,
    email,
    phone: null,
    mobile: null,
    twitterId: null,
    facebookId: null,
    uniqueExternalId: null,
    companyId: null,
    viewAllTickets: false,
    otherEmails: [],
    otherCompanies: [],
    address: null,
    description: null,
    jobTitle: null,
    language: 'en',
    timeZone,
    tags: [],
    customFields: {},
    active: false,
    deleted: false,
    avatar: null,
    apiKey: null,
    lastLoginAt: null,
    createdAt,
    updatedAt: createdAt,
  };
}

function attachment(account: HelpdeskAccount, rng: Rng, createdAt: number): AttachmentRecord {
  const kind = rng.pick([
    { name: 'screenshot.png', contentType: 'image/png' },
    { name: 'invoice.pdf', contentType: 'application/pdf' },
    { name: 'export-log.txt', contentType: 'text/plain' },
  ]);
  return { id: account.nextAttachmentId++, name: kind.name, contentType: kind.contentType, size: rng.int(2_000, 900_000), createdAt };
}

function addConversations(
  account: HelpdeskAccount,
  rng: Rng,
  ticket: TicketRecord,
  requester: UserRecord,
  agent: AgentRecord,
  count: number,
  now: number,
  pattern?: readonly ('reply' | 'customer' | 'note')[],
): void {
  let t = ticket.createdAt;
  const span = Math.max(60_000, now - ticket.createdAt);
  for (let k = 0; k < count; k++) {
    t = Math.min(now - 1000, t + Math.max(60_000, Math.floor((span / (count + 1)) * (0.5 + rng.next()))));
    const kind = pattern?.[k] ?? (k === 0 ? 'reply' : rng.pick(['reply', 'reply', 'customer', 'note'] as const));
    const fill = (s: string): string => s.replace(/\{n\}/g, () => String(rng.int(1000, 99999)));
    let c: ConversationRecord;
    if (kind === 'customer') {
      const text = fill(rng.pick(CUSTOMER_FOLLOW_UPS));
      c = conversation(account, ticket.id, requester.id, text, 0, false, true, requester.email, t);
      c.toEmails = [account.supportEmail];
      c.supportEmail = account.supportEmail;
    } else if (kind === 'note') {
      c = conversation(account, ticket.id, agent.id, fill(rng.pick(PRIVATE_NOTES)), 2, true, false, null, t);
    } else {
      c = conversation(account, ticket.id, agent.id, fill(rng.pick(AGENT_REPLIES)), 0, false, false, account.supportEmail, t);
      c.toEmails = requester.email ? [requester.email] : [];
      c.repliedTo = c.toEmails.slice();
      c.supportEmail = account.supportEmail;
    }
    ticket.conversations.push(c);
  }
}

function conversation(
  account: HelpdeskAccount,
  ticketId: number,
  userId: number,
  text: string,
  source: number,
  isPrivate: boolean,
  incoming: boolean,
  fromEmail: string | null,
  at: number,
): ConversationRecord {
  const body = textToHtml(text);
  return {
    id: account.nextConversationId++,
    ticketId,
    userId,
    body,
    bodyText: text,
    source,
    private: isPrivate,
    incoming,
    fromEmail,
    supportEmail: null,
    toEmails: [],
    ccEmails: [],
    bccEmails: [],
    repliedTo: [],
    attachments: [],
    createdAt: at,
    updatedAt: at,
  };
}

function finishStats(ticket: TicketRecord, rng: Rng, now: number): void {
  const s = ticket.stats;
  const agentReplies = ticket.conversations.filter((c) => c.source === 0 && !c.incoming);
  const customerReplies = ticket.conversations.filter((c) => c.incoming);
  s.firstRespondedAt = agentReplies[0]?.createdAt ?? null;
  s.agentRespondedAt = agentReplies[agentReplies.length - 1]?.createdAt ?? null;
  s.requesterRespondedAt = customerReplies[customerReplies.length - 1]?.createdAt ?? null;
  const last = ticket.conversations[ticket.conversations.length - 1]?.createdAt ?? ticket.createdAt;
  const statusAt = Math.min(now - 1000, last + rng.int(1, 48) * HOUR_MS);
  s.statusUpdatedAt = ticket.status === 2 && ticket.conversations.length === 0 ? null : statusAt;
  s.resolvedAt = ticket.status === 4 || ticket.status === 5 ? statusAt : null;
  s.closedAt = ticket.status === 5 ? statusAt : null;
  s.pendingSince = ticket.status === 3 ? statusAt : null;
  s.reopenedAt = null;
  ticket.updatedAt = Math.max(ticket.createdAt, s.statusUpdatedAt ?? last);
  ticket.isEscalated = ticket.status === 2 && ticket.dueBy !== null && ticket.dueBy < now;
  ticket.frEscalated = ticket.isEscalated && s.firstRespondedAt === null;
}
