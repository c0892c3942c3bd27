import { randomBytes } from 'node:crypto';
import type { HelpdeskAccount } from '../account.js';
import { location, paginate, type ApiContext } from '../context.js';
import type { AgentRecord, UserRecord } from '../model.js';
import { accessDenied, missingParams, notFound, validationFailed, type FieldError, type Reply } from '../replies.js';
import { baseUser } from '../seed.js';
import { agentJson, roleJson } from '../serialize.js';
import { TIME_ZONES } from '../time.js';
import {
  checkBool,
  checkEnum,
  checkIntArray,
  checkObject,
  checkPositiveInt,
  checkString,
  checkStringEnum,
  emailQuery,
  enumMessage,
  missing,
  parsePaging,
  unknownKeys,
  unknownQueryKeys,
  type Body,
} from '../validation.js';

export const LANGUAGES = [
  'ar',
  'ca',
  'cs',
  'cy-GB',
  'da',
  'de',
  'en',
  'es',
  'es-LA',
  'et',
  'fi',
  'fr',
  'he',
  'hu',
  'id',
  'it',
  'ja-JP',
  'ko',
  'lv-LV',
  'nb-NO',
  'nl',
  'pl',
  'pt-BR',
  'pt-PT',
  'ro',
  'ru-RU',
  'sk',
  'sl',
  'sv-SE',
  'th',
  'tr',
  'uk',
  'vi',
  'zh-CN',
  'zh-TW',
] as const;

const DEFAULT_SIGNATURE = '<div dir="ltr"><p><br></p>\n</div>';

const CREATE_FIELDS = new Set([
  'email',
  'ticket_scope',
  'name',
  'role_ids',
  'group_ids',
  'skill_ids',
  'occasional',
  'agent_type',
  'signature',
  'language',
  'time_zone',
  'focus_mode',
  'phone',
  'mobile',
  'job_title',
  'agent_level_id',
  'freshcaller_agent',
  'freshchat_agent',
  'avatar_id',
  'contribution_group_ids',
  'ticket_assignment',
]);
// an agent's type is fixed when it is created
const UPDATE_FIELDS = new Set([...CREATE_FIELDS].filter((f) => f !== 'agent_type'));
const LIST_QUERY = new Set(['email', 'mobile', 'phone', 'state', 'page', 'per_page']);

export function agentsMe(ctx: ApiContext): Reply {
  const unknown = unknownQueryKeys(ctx.query, new Set());
  if (unknown.length > 0) return validationFailed(unknown);
  return { status: 200, body: agentJson(ctx.account, ctx.caller, ctx.callerUser) };
}

/** The person fields an agent create or update may set (already validated). */
function applyPersonFields(user: UserRecord, body: Record<string, unknown>): void {
  if (typeof body.name === 'string') user.name = body.name;
  if (typeof body.phone === 'string') user.phone = body.phone;
  if (typeof body.mobile === 'string') user.mobile = body.mobile;
  if (typeof body.job_title === 'string') user.jobTitle = body.job_title;
  if (typeof body.language === 'string') user.language = body.language;
  if (typeof body.time_zone === 'string') user.timeZone = body.time_zone;
}

export function listAgents(ctx: ApiContext): Reply {
  const { account, query } = ctx;
  const unknown = unknownQueryKeys(query, LIST_QUERY);
  if (unknown.length > 0) return validationFailed(unknown);
  const errors: FieldError[] = [];
  const email = emailQuery(query, errors);
  const state = query.get('state');
  if (state !== null && state !== 'occasional' && state !== 'fulltime') {
    errors.push({ field: 'state', message: enumMessage(['occasional', 'fulltime']), code: 'invalid_value' });
  }
  const { page, perPage } = parsePaging(query, errors);
  if (errors.length > 0) return validationFailed(errors);
  const mobile = query.get('mobile');
  const phone = query.get('phone');
  const rows: { agent: AgentRecord; user: UserRecord }[] = [];
  for (const agent of account.agents.values()) {
    const user = account.users.get(agent.id);
    if (!user) continue;
    if (email !== null && user.email?.toLowerCase() !== email.toLowerCase()) continue;
    if (mobile !== null && user.mobile !== mobile) continue;
    if (phone !== null && user.phone !== phone) continue;
    if (state === 'occasional' && !agent.occasional) continue;
    if (state === 'fulltime' && agent.occasional) continue;
    rows.push({ agent, user });
  }
  rows.sort((a, b) => a.user.name.localeCompare(b.user.name, 'en') || a.agent.id - b.agent.id);
  const { pageItems, headers } = paginate(ctx, rows, page, perPage);
  return { status: 200, body: pageItems.map((r) => agentJson(account, r.agent, r.user, true)), headers };
}

function findAgent(account: HelpdeskAccount, id: number): { agent: AgentRecord; user: UserRecord } | undefined {
  const agent = account.agents.get(id);
  const user = account.users.get(id);
  return agent && user ? { agent, user } : undefined;
}

/** An Administrator may not act on an Account Administrator. */
function mayEdit(ctx: ApiContext, target: AgentRecord): boolean {
  if (ctx.privileges.has('manage_account')) return true;
  return !ctx.account.privilegesOf(target).has('manage_account');
}

export function viewAgent(ctx: ApiContext): Reply {
  const found = findAgent(ctx.account, ctx.id);
  if (!found) return notFound();
  const unknown = unknownQueryKeys(ctx.query, new Set());
  if (unknown.length > 0) return validationFailed(unknown);
  return { status: 200, body: agentJson(ctx.account, found.agent, found.user) };
}

function checkIds(field: string, value: unknown, exists: (id: number) => boolean, errors: FieldError[]): void {
  const e = checkIntArray(field, value);
  if (e) {
    errors.push(e);
    return;
  }
  const bad = (value as number[]).filter((id) => !exists(id));
  if (bad.length > 0) errors.push({ field, message: `There are no records matching the ids: '${bad.join(',')}'`, code: 'invalid_value' });
}

function validateAgentFields(ctx: ApiContext, body: Body, creating: boolean): FieldError[] {
  const { account } = ctx;
  const errors: FieldError[] = [];
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(body, k);
  const push = (e: FieldError | null): void => {
    if (e) errors.push(e);
  };
  if (has('email')) push(checkString('email', body.email, { email: true, notBlank: true }));
  else if (creating) errors.push(missing('email', 'It should be a/an String'));
  if (has('ticket_scope')) push(checkEnum('ticket_scope', body.ticket_scope, [1, 2, 3]));
  else if (creating) errors.push(missing('ticket_scope', enumMessage([1, 2, 3])));
  if (has('name')) push(checkString('name', body.name, { notBlank: true }));
  else if (creating && account.requireAgentName) errors.push(missing('name', 'It should be a/an String'));
  if (has('role_ids')) {
    checkIds('role_ids', body.role_ids, (id) => account.roles.has(id), errors);
    if (Array.isArray(body.role_ids) && body.role_ids.length === 0) {
      errors.push({ field: 'role_ids', message: MSG_ROLE_REQUIRED, code: 'invalid_value' });
    }
  }
  if (has('group_ids')) checkIds('group_ids', body.group_ids, (id) => account.groups.has(id), errors);
  if (has('contribution_group_ids'))
    checkIds('contribution_group_ids', body.contribution_group_ids, (id) => account.groups.has(id), errors);
  if (has('skill_ids')) checkIds('skill_ids', body.skill_ids, (id) => account.skills.has(id), errors);
  for (const k of ['occasional', 'focus_mode', 'freshcaller_agent', 'freshchat_agent'] as const) if (has(k)) push(checkBool(k, body[k]));
  if (has('agent_type')) push(checkEnum('agent_type', body.agent_type, [1, 2, 3]));
  if (has('signature')) push(checkString('signature', body.signature, { max: 100_000 }));
  if (has('language')) push(checkStringEnum('language', body.language, LANGUAGES));
  if (has('time_zone')) push(checkStringEnum('time_zone', body.time_zone, Object.keys(TIME_ZONES)));
  for (const k of ['phone', 'mobile', 'job_title'] as const) if (has(k)) push(checkString(k, body[k]));
  for (const k of ['agent_level_id', 'avatar_id'] as const) if (has(k)) push(checkPositiveInt(k, body[k]));
  if (has('ticket_assignment')) push(checkObject('ticket_assignment', body.ticket_assignment));
  return errors;
}

const MSG_ROLE_REQUIRED = 'It should not be blank as this is a mandatory field';

function seatError(account: HelpdeskAccount): FieldError {
  return {
    field: 'occasional',
    message: `You have reached the maximum number of agents ${account.maxAgents} your subscription allows. Please upgrade your plan or contact support to add more agents.`,
    code: 'invalid_value',
  };
}

function fullTimeCount(account: HelpdeskAccount, except?: number): number {
  let n = 0;
  for (const a of account.agents.values()) if (!a.occasional && a.id !== except) n++;
  return n;
}

export function createAgent(ctx: ApiContext): Reply {
  const { account, body } = ctx;
  const unknown = unknownKeys(body, CREATE_FIELDS);
  if (unknown.length > 0) return validationFailed(unknown);
  const errors = validateAgentFields(ctx, body, true);
  if (errors.length > 0) return validationFailed(errors);

  const email = body.email as string;
  const existing = account.userByEmail(email);
  if (existing && account.agents.has(existing.id)) {
    return validationFailed([
      { field: 'email', additional_info: { agent_id: existing.id }, message: 'It should be a unique value', code: 'duplicate_value' },
    ]);
  }
  const occasional = body.occasional !== false; // defaults to true unless false is sent
  if (!occasional && fullTimeCount(account) >= account.maxAgents) return validationFailed([seatError(account)]);

  const now = ctx.now();
  // A contact with this e-mail is converted (same id), as the Freshdesk UI does (docs/freshdesk-api.md §7).
  let user = existing;
  if (!user) {
    user = baseUser(account.nextUserId, (body.name as string | undefined) ?? email.split('@')[0] ?? email, email, now, account.timeZone);
    account.addUser(user);
  }
  applyPersonFields(user, body);
  user.active = false;
  user.deleted = false;
  user.updatedAt = now;
  account.setApiKey(user, randomBytes(15).toString('base64url').slice(0, 20));
  const agentRole = account.roleByName('Agent');
  const agent: AgentRecord = {
    id: user.id,
    occasional,
    signature: (body.signature as string | undefined) ?? DEFAULT_SIGNATURE,
    ticketScope: body.ticket_scope as 1 | 2 | 3,
    groupIds: [...new Set((body.group_ids as number[] | undefined) ?? [])],
    roleIds: [...new Set((body.role_ids as number[] | undefined) ?? (agentRole ? [agentRole.id] : []))],
    skillIds: [...new Set((body.skill_ids as number[] | undefined) ?? [])],
    available: false,
    availableSince: null,
    agentType: ((body.agent_type as number | undefined) ?? 1) as 1 | 2 | 3,
    focusMode: (body.focus_mode as boolean | undefined) ?? true,
    deactivated: false,
    freshcallerAgent: (body.freshcaller_agent as boolean | undefined) ?? false,
    freshchatAgent: (body.freshchat_agent as boolean | undefined) ?? false,
    agentLevelId: (body.agent_level_id as number | undefined) ?? null,
    lastActiveAt: null,
    createdAt: now,
    updatedAt: now,
  };
  account.agents.set(agent.id, agent);
  return { status: 201, body: agentJson(account, agent, user), headers: location(ctx, 'agents', agent.id) };
}

export function updateAgent(ctx: ApiContext): Reply {
  const { account, body } = ctx;
  const found = findAgent(account, ctx.id);
  if (!found) return notFound();
  if (!mayEdit(ctx, found.agent)) return accessDenied();
  if (ctx.bodyEmpty || Object.keys(body).length === 0) return missingParams();
  const unknown = unknownKeys(body, UPDATE_FIELDS);
  if (unknown.length > 0) return validationFailed(unknown);
  const errors = validateAgentFields(ctx, body, false);
  if (errors.length > 0) return validationFailed(errors);
  const { agent, user } = found;
  if (typeof body.email === 'string') {
    const other = account.userByEmail(body.email);
    if (other && other.id !== user.id) {
      const info = account.agents.has(other.id) ? { agent_id: other.id } : { user_id: other.id };
      return validationFailed([{ field: 'email', additional_info: info, message: 'It should be a unique value', code: 'duplicate_value' }]);
    }
  }
  if (body.occasional === false && agent.occasional && fullTimeCount(account, agent.id) >= account.maxAgents) {
    return validationFailed([seatError(account)]);
  }
  const now = ctx.now();
  if (typeof body.email === 'string' && body.email !== user.email) account.changeEmail(user, body.email);
  applyPersonFields(user, body);
  if (typeof body.occasional === 'boolean') agent.occasional = body.occasional;
  if (typeof body.signature === 'string') agent.signature = body.signature;
  if (typeof body.ticket_scope === 'number') agent.ticketScope = body.ticket_scope as 1 | 2 | 3;
  if (Array.isArray(body.role_ids)) agent.roleIds = [...new Set(body.role_ids as number[])];
  if (Array.isArray(body.group_ids)) agent.groupIds = [...new Set(body.group_ids as number[])];
  if (Array.isArray(body.skill_ids)) agent.skillIds = [...new Set(body.skill_ids as number[])];
  if (typeof body.focus_mode === 'boolean') agent.focusMode = body.focus_mode;
  if (typeof body.freshcaller_agent === 'boolean') agent.freshcallerAgent = body.freshcaller_agent;
  if (typeof body.freshchat_agent === 'boolean') agent.freshchatAgent = body.freshchat_agent;
  if (typeof body.agent_level_id === 'number') agent.agentLevelId = body.agent_level_id;
  agent.updatedAt = now;
  user.updatedAt = now;
  return { status: 200, body: agentJson(account, agent, user) };
}

/** Downgrades the agent to a contact: the id stays valid for contacts, the key stops working. */
export function deleteAgent(ctx: ApiContext): Reply {
  const { account } = ctx;
  const found = findAgent(account, ctx.id);
  if (!found) return notFound();
  if (found.agent.id === ctx.caller.id || !mayEdit(ctx, found.agent)) return accessDenied();
  account.agents.delete(found.agent.id);
  found.user.updatedAt = ctx.now();
  for (const t of account.ticketOrder) {
    if (t.responderId === found.agent.id) t.responderId = null;
    t.watchers.delete(found.agent.id);
  }
  return { status: 204 };
}

export function listRoles(ctx: ApiContext): Reply {
  const unknown = unknownQueryKeys(ctx.query, new Set());
  if (unknown.length > 0) return validationFailed(unknown);
  return { status: 200, body: [...ctx.account.roles.values()].map(roleJson) };
}

export function viewRole(ctx: ApiContext): Reply {
  const role = ctx.account.roles.get(ctx.id);
  if (!role) return notFound();
  return { status: 200, body: roleJson(role) };
}
