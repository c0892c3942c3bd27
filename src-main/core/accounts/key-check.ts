// The key check: GET /api/v2/agents/me, and what each answer means for a person connecting.
// Messages are built from codes and our own words only; anything Freshdesk says is passed
// through `redact` first, so even a server that echoes the key cannot put it in an error.
import { z } from 'zod';
import type { AgentIdentity, AuthorizeErrorCode, FreshdeskClient, FreshdeskCredentials, FreshdeskResponse } from '../types';
import { CoreError } from '../types';

/** An authorize failure; `freshdeskCode` carries Freshdesk's own code for a 403 (account_suspended…). */
export class AuthorizeError extends CoreError {
  readonly freshdeskCode?: string;
  readonly status?: number;
  constructor(code: AuthorizeErrorCode, message: string, extra: { freshdeskCode?: string; status?: number } = {}) {
    super(code, message);
    this.name = 'AuthorizeError';
    this.freshdeskCode = extra.freshdeskCode;
    this.status = extra.status;
  }
}

const AgentMe = z.object({
  id: z.number().int(),
  ticket_scope: z.number().int(),
  role_ids: z.array(z.number().int()).optional(),
  contact: z.object({
    name: z.string().nullish(),
    email: z.string().nullish(),
  }),
});

const RoleList = z.array(z.object({ id: z.number().int(), name: z.string() }));
const RequestError = z.object({ code: z.string().optional(), message: z.string().optional() });

export type KeyCheck = { ok: true; agent: AgentIdentity } | { ok: false; revoked: boolean; error: AuthorizeError };

const FIND_KEY = 'In Freshdesk, click your profile picture → Profile settings → View API key, and copy it again.';

/** Our own description of a Freshdesk 403 code, so a person knows what to do next. */
function describeForbidden(code: string | undefined, serverMessage: string | undefined, address: string): string {
  switch (code) {
    case 'account_suspended':
      return `The helpdesk ${address} is suspended (account_suspended). An account administrator has to reactivate it in Freshdesk billing before Triage Desk can connect.`;
    case 'password_lockout':
      return `Freshdesk has locked this agent after too many failed logins (password_lockout). Wait a while or ask an administrator to unlock you, then try again.`;
    case 'require_feature':
      return `Your Freshdesk plan does not include API access needed here (require_feature)${serverMessage ? `: ${serverMessage}` : ''}. Ask an account administrator about the plan.`;
    case 'ssl_required':
      return `Freshdesk requires a secure (https) connection (ssl_required). Check the helpdesk address.`;
    case 'access_denied':
      return `Freshdesk says this agent may not use the API (access_denied). Ask an administrator to check your role in Freshdesk.`;
    default:
      return `Freshdesk refused access${code ? ` (${code})` : ''}${serverMessage ? `: ${serverMessage}` : '.'} Ask an administrator of ${address} to check your agent account.`;
  }
}

export async function checkKey(
  client: FreshdeskClient,
  creds: FreshdeskCredentials,
  opts: { address: string; withRoleNames: boolean; priority: 'ui' | 'background' },
): Promise<KeyCheck> {
  const redact = (text: string | undefined) => (text === undefined ? undefined : text.split(creds.apiKey).join('[redacted]').slice(0, 300));
  const { address } = opts;
  const res = await client.request(creds, { method: 'GET', path: '/api/v2/agents/me', safeToRetry: true, priority: opts.priority });

  const notFreshdesk = (status?: number) =>
    new AuthorizeError(
      'unknown_helpdesk',
      `${address} answered, but not like a Freshdesk helpdesk. Check the subdomain: it is the name in your browser's address bar when you use Freshdesk.`,
      { status },
    );

  if (res.kind === 'failure') {
    if (res.code === 'ENOTFOUND') {
      return {
        ok: false,
        revoked: false,
        error: new AuthorizeError('unknown_helpdesk', `There is no helpdesk at ${address}. Check the spelling of the subdomain.`),
      };
    }
    const why = res.failure === 'timeout' ? 'it did not answer in time' : (redact(res.message)?.replace(/\.$/, '') ?? 'the network failed');
    return {
      ok: false,
      revoked: false,
      error: new AuthorizeError(
        'network',
        `Triage Desk could not reach ${address} (${why}). Check your internet connection and try again.`,
      ),
    };
  }

  switch (true) {
    case res.status === 200: {
      const me = AgentMe.safeParse(res.json);
      if (!me.success) return { ok: false, revoked: false, error: notFreshdesk(res.status) };
      const roleIds = me.data.role_ids ?? [];
      const agent: AgentIdentity = {
        id: me.data.id,
        name: me.data.contact.name ?? '',
        email: me.data.contact.email ?? '',
        roleIds,
        ticketScope: me.data.ticket_scope,
      };
      if (opts.withRoleNames && roleIds.length > 0) {
        const roles = await readRoleNames(client, creds, roleIds);
        if (roles.names) agent.roleNames = roles.names;
        if (roles.adminAccess !== undefined) agent.adminAccess = roles.adminAccess;
      }
      return { ok: true, agent };
    }
    case res.status === 401:
      return {
        ok: false,
        revoked: true,
        error: new AuthorizeError(
          'invalid_key',
          `Freshdesk did not accept this API key for ${address}. ${FIND_KEY} If you reset it recently, use the new one.`,
          {
            status: 401,
          },
        ),
      };
    case res.status === 403: {
      const body = RequestError.safeParse(res.json);
      const code = body.success ? redact(body.data.code) : undefined;
      const message = body.success ? redact(body.data.message) : undefined;
      return {
        ok: false,
        revoked: false,
        error: new AuthorizeError('permission', describeForbidden(code, message, address), { freshdeskCode: code, status: 403 }),
      };
    }
    case res.status === 404:
      return {
        ok: false,
        revoked: false,
        error: new AuthorizeError('unknown_helpdesk', `There is no helpdesk at ${address}. Check the spelling of the subdomain.`, {
          status: 404,
        }),
      };
    case res.status === 429: {
      const wait = Number(res.headers['retry-after']);
      const when = Number.isFinite(wait) && wait > 0 ? `in ${Math.ceil(wait)} second${Math.ceil(wait) === 1 ? '' : 's'}` : 'in a minute';
      return {
        ok: false,
        revoked: false,
        error: new AuthorizeError('network', `${address} is busy: its Freshdesk API limit is used up for the moment. Try again ${when}.`, {
          status: 429,
        }),
      };
    }
    case res.status >= 500:
      return {
        ok: false,
        revoked: false,
        error: new AuthorizeError('network', `Freshdesk had a problem answering (HTTP ${res.status}). Try again in a minute.`, {
          status: res.status,
        }),
      };
    default:
      return { ok: false, revoked: false, error: notFreshdesk(res.status) };
  }
}

/** Role names, when this key may read /roles (admins only). A 403 access_denied says the role has
 *  no admin access (names stay unknown); anything else odd: derive nothing. */
async function readRoleNames(
  client: FreshdeskClient,
  creds: FreshdeskCredentials,
  roleIds: number[],
): Promise<{ names?: string[]; adminAccess?: boolean }> {
  const res: FreshdeskResponse = await client.request(creds, { method: 'GET', path: '/api/v2/roles', safeToRetry: true, priority: 'ui' });
  if (res.kind !== 'response') return {};
  if (res.status === 403) {
    const code = (res.json as { code?: unknown } | undefined)?.code;
    return code === 'access_denied' ? { adminAccess: false } : {};
  }
  if (res.status !== 200) return {};
  const roles = RoleList.safeParse(res.json);
  if (!roles.success) return {};
  const byId = new Map(roles.data.map((r) => [r.id, r.name]));
  const names = roleIds.map((id) => byId.get(id)).filter((n): n is string => n !== undefined);
  return names.length > 0 ? { names, adminAccess: true } : { adminAccess: true };
}
