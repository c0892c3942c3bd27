import { isIP } from 'node:net';
import type { HelpdeskAccount, AccountFixtures } from './account.js';
import { seedAccounts } from './seed.js';

export interface SandboxConfig {
  seed: number;
  ticketsPerAccount: number;
  windowMs: number;
  /** Overrides the plan totals of every account. */
  perMinute?: number;
  now: () => number;
}

export interface SandboxAgentInfo {
  id: number;
  name: string;
  email: string;
  /** Name of the agent's first role. */
  role: string;
  roleIds: number[];
  ticketScope: number;
  occasional: boolean;
  apiKey: string;
}

export interface SandboxAccountInfo {
  subdomain: string;
  plan: string;
  perMinute: number;
  windowMs: number;
  agents: SandboxAgentInfo[];
  fixtures: AccountFixtures;
}

/** All simulated helpdesks of one server, and how a Host header picks one. */
export class SandboxState {
  accounts: HelpdeskAccount[] = [];
  private bySubdomain = new Map<string, HelpdeskAccount>();

  constructor(readonly config: SandboxConfig) {
    this.reset();
  }

  /** Rebuilds every account from the seed (keys, data, limits, faults and logs). */
  reset(seed = this.config.seed): void {
    this.accounts = seedAccounts({ ...this.config, seed });
    this.bySubdomain = new Map(this.accounts.map((a) => [a.subdomain, a]));
  }

  account(subdomain: string): HelpdeskAccount | undefined {
    return this.bySubdomain.get(subdomain.toLowerCase());
  }

  /**
   * `acme.freshdesk.com`, `acme.localhost:PORT` → acme; a bare IP, `localhost` or no Host → the
   * first account; a subdomain that names no account → undefined (404).
   */
  resolveHost(hostHeader: string | undefined): HelpdeskAccount | undefined {
    const host = hostName(hostHeader ?? '')
      .toLowerCase()
      .replace(/\.$/, '');
    if (host === '' || host === 'localhost' || isIP(host) !== 0) return this.accounts[0];
    const dot = host.indexOf('.');
    if (dot <= 0) return undefined;
    return this.bySubdomain.get(host.slice(0, dot));
  }

  info(): SandboxAccountInfo[] {
    return this.accounts.map(accountInfo);
  }
}

function hostName(host: string): string {
  const h = host.trim();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end === -1 ? h : h.slice(1, end);
  }
  const colon = h.indexOf(':');
  if (colon !== -1 && h.indexOf(':', colon + 1) === -1) return h.slice(0, colon);
  return h;
}

export function accountInfo(account: HelpdeskAccount): SandboxAccountInfo {
  const agents: SandboxAgentInfo[] = [];
  for (const agent of account.agents.values()) {
    const user = account.users.get(agent.id);
    if (!user) continue;
    const firstRole = account.roles.get(agent.roleIds[0] ?? -1);
    agents.push({
      id: agent.id,
      name: user.name,
      email: user.email ?? '',
      role: firstRole?.name ?? '',
      roleIds: agent.roleIds.slice(),
      ticketScope: agent.ticketScope,
      occasional: agent.occasional,
      apiKey: user.apiKey ?? '',
    });
  }
  const limits = account.limiter.current;
  return {
    subdomain: account.subdomain,
    plan: account.plan,
    perMinute: limits.perMinute,
    windowMs: limits.windowMs,
    agents,
    fixtures: { ...account.fixtures },
  };
}
