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

export const sandboxHandlers: { 'sandbox:try': Handler<'sandbox:try'> } = {
  'sandbox:try': async (_input, ctx) => {
    const profile = await reconnectSandboxProfile(ctx, SANDBOX_PROFILE);
    ctx.session.activeProfile = profile.identifier;
    return { profile };
  },
};
