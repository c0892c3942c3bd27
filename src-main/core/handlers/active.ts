import { CoreError } from '../types';
import type { HandlerContext } from './context';

/** The window's active profile; every profile-scoped call goes through here. */
export function activeProfile(ctx: HandlerContext): string {
  const id = ctx.session.activeProfile;
  if (!id) throw new CoreError('no_profile', 'Choose a profile or connect your Freshdesk first.');
  return id;
}
