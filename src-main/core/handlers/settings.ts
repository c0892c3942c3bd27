import type { Handler } from './context';
import { NEVER_AUTO_APPROVED } from '../../../src-shared/contract/settings';

const neverAutoApproved = [...NEVER_AUTO_APPROVED];

export const settingsHandlers: { 'settings:get': Handler<'settings:get'>; 'settings:update': Handler<'settings:update'> } = {
  'settings:get': (_input, ctx) => ({ ...ctx.core.settings.get(), neverAutoApproved }),
  // The contract refuses the reply and agent-delete tools in autoApproveTools before we get here.
  'settings:update': (patch, ctx) => ({ ...ctx.core.settings.update(patch), neverAutoApproved }),
};
