// "Try the sandbox helpdesk": a demo profile connected to the core's built-in simulator
// (../builtin-sandbox: started on first use, stopped by core.close()) as an Administrator, so
// most screens have something to show.
import type { HandlerContext, Handler } from './context';
import type { ConnectedAccount } from '../types';
import { CoreError } from '../types';
import type { RunningSandbox } from '../../sandbox';
import { builtInSandboxOf } from '../builtin-sandbox';

export const SANDBOX_PROFILE = 'Sandbox demo';
const SANDBOX_SUBDOMAIN = 'acme';
/** Roles in order of preference: the demo should be able to do (nearly) everything. */
const PREFERRED_ROLES = ['Administrator', 'Account Administrator', 'Supervisor'];

/** Connects (or reconnects after a restart) the demo profile to this process's sandbox. */
export async function reconnectSandboxProfile(ctx: HandlerContext, identifier: string): Promise<ConnectedAccount> {
  let sandbox: RunningSandbox;
  try {
    sandbox = await builtInSandboxOf(ctx.core).get();
  } catch {
    throw new CoreError('sandbox_unavailable', 'The sandbox helpdesk could not start on this computer. Please try again.');
  }
  const account = sandbox.accounts.find((a) => a.subdomain === SANDBOX_SUBDOMAIN) ?? sandbox.accounts[0];
  const agent = PREFERRED_ROLES.map((role) => account?.agents.find((a) => a.role === role)).find(Boolean) ?? account?.agents[0];
  if (!account || !agent) throw new CoreError('sandbox_unavailable', 'The sandbox helpdesk has no agent to sign in as.');
  return ctx.core.accounts.connectSandbox(identifier, {
    subdomain: account.subdomain,
    apiKey: agent.apiKey,
    origin: `http://${account.subdomain}.localhost:${sandbox.port}`,
  });
}

/** "Sandbox demo", "Sandbox demo 2", …: reserved for the demo (profiles:create refuses them). */
export function isReservedProfileName(name: string): boolean {
  return /^sandbox demo(?: \d{1,3})?$/i.test(name.trim());
}

export const sandboxHandlers: { 'sandbox:try': Handler<'sandbox:try'> } = {
  'sandbox:try': async (_input, ctx) => {
    // A real profile that already has the name (made before it was reserved) is never replaced:
    // the demo takes the next free reserved name.
    for (let n = 1; ; n++) {
      const name = n === 1 ? SANDBOX_PROFILE : `${SANDBOX_PROFILE} ${n}`;
      try {
        const profile = await reconnectSandboxProfile(ctx, name);
        ctx.session.activeProfile = profile.identifier;
        return { profile };
      } catch (err) {
        if (!(err instanceof CoreError && err.code === 'not_sandbox') || n >= 5) throw err;
      }
    }
  },
};
