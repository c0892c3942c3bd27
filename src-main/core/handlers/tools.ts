// The ten tools by hand: list (with what the active role may use), execute, validate-only.
import type { Handler } from '../handlers';
import { validateToolInput } from '../tools';
import { activeProfile } from './active';

export const toolsHandlers: {
  'tools:list': Handler<'tools:list'>;
  'tools:execute': Handler<'tools:execute'>;
  'tools:validate': Handler<'tools:validate'>;
} = {
  'tools:list': (_input, ctx) => ({ tools: ctx.core.tools.list(ctx.session.activeProfile) }),

  'tools:execute': ({ name, input, priority }, ctx) =>
    ctx.core.tools.execute(activeProfile(ctx), name, input, { priority: priority ?? 'ui' }),

  // The tool's own rules and wording, so a form shows exactly what a send would refuse, without
  // spending a request (or a rate-limit credit).
  'tools:validate': ({ name, input }) => validateToolInput(name, input),
};
