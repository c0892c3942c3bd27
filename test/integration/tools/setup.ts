// The tools suite's rig: the real sandbox helpdesk over HTTP and the real core (conf file +
// AES-GCM test cipher) from makeTestCore, with profiles connected to sandbox agents by role.
import type { CoreEvent, CoreOptions } from '../../../src-main/core/types';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { startWorld, type RequestLogEntry, type RunningSandbox, type SandboxAccountInfo, type SandboxFault } from '../../helpers/world';

/** Sandbox cast (see src-main/sandbox/index.ts): index in `accounts[i].agents`. */
export const CAST = {
  owner: 0, // Account Administrator
  admin: 1, // Administrator
  supervisor: 2,
  agent: 3,
  groupAgent: 4,
  restricted: 5,
  readOnly: 6, // custom role: may not reply
  occasional: 7,
} as const;
export type CastMember = keyof typeof CAST;
export type { RequestLogEntry };

export interface ToolsRig {
  sandbox: RunningSandbox;
  acme: SandboxAccountInfo;
  globex: SandboxAccountInfo;
  origin(sub?: string): string;
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  requests(sub?: string): Promise<RequestLogEntry[]>;
  clearRequests(sub?: string): Promise<void>;
  fault(f: SandboxFault): Promise<void>;
  clearFaults(): Promise<void>;
  limits(sub: string, l: { perMinute?: number; windowMs?: number }): Promise<void>;
  /** a core with one profile per given cast member, named after it (e.g. "agent", "owner") */
  core(members: CastMember[], opts?: Partial<CoreOptions> & { sub?: 'acme' | 'globex' }): Promise<CoreRig>;
  close(): Promise<void>;
}

export interface CoreRig extends TestCore {
  events: CoreEvent[];
  logs: string[];
  keyOf(member: CastMember): string;
  agentOf(member: CastMember): SandboxAccountInfo['agents'][number];
}

export async function startToolsRig(opts: { windowMs?: number } = {}): Promise<ToolsRig> {
  const world = await startWorld({ ticketsPerAccount: 80, windowMs: opts.windowMs });
  const { sandbox } = world;
  const acme = world.account('acme');
  const globex = world.account('globex');
  const cores: CoreRig[] = [];

  const rig: ToolsRig = {
    sandbox,
    acme,
    globex,
    origin: (sub = 'acme') => world.origin(sub),
    control: world.control,
    requests: world.requests,
    clearRequests: (sub = 'acme') => world.clearRequests(sub),
    fault: world.fault,
    clearFaults: world.clearFaults,
    limits: world.limits,
    async core(members, o = {}) {
      const { sub = 'acme', ...coreOpts } = o;
      const info = sub === 'acme' ? acme : globex;
      const events: CoreEvent[] = [];
      const logs: string[] = [];
      const t = await makeTestCore({ freshdeskOrigin: (s) => rig.origin(s), log: (l) => logs.push(l), ...coreOpts });
      t.core.onEvent((e) => events.push(e));
      const agentOf = (m: CastMember) => info.agents[CAST[m]]!;
      for (const m of members) {
        await t.core.accounts.connectSandbox(m, { subdomain: sub, apiKey: agentOf(m).apiKey, origin: rig.origin(sub) });
      }
      const c: CoreRig = { ...t, events, logs, agentOf, keyOf: (m) => agentOf(m).apiKey };
      cores.push(c);
      return c;
    },
    async close() {
      for (const c of cores) await c.cleanup();
      await world.close();
    },
  };
  return rig;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
