// Profiles: the connected Freshdesk accounts on this desktop. Calls carry no profile identifier
// except to pick one (create / switch / forget); everything else uses the window's active profile.
// No schema here carries the API key on the way out: authorize takes it in, answers without it.
import { z } from 'zod';
import { channel, NoInput } from './define';

export const AgentIdentityShape = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string(),
  roleIds: z.array(z.number()),
  roleNames: z.array(z.string()).optional(),
  adminAccess: z.boolean().optional(),
  ticketScope: z.number(),
});
export type AgentIdentity = z.infer<typeof AgentIdentityShape>;

export const AccountStatusShape = z.enum(['PENDING', 'ACTIVE', 'REVOKED']);
export type AccountStatus = z.infer<typeof AccountStatusShape>;

export const ProfileShape = z.object({
  identifier: z.string(),
  connection: z.literal('freshdesk'),
  status: AccountStatusShape,
  statusReason: z.string().optional(),
  subdomain: z.string().optional(),
  agent: AgentIdentityShape.optional(),
  sandbox: z.boolean().optional(),
  updatedAt: z.string(),
});
export type Profile = z.infer<typeof ProfileShape>;
/** A connected account as the core and the page see it (no secret in it). */
export type ConnectedAccount = Profile;

/** A profile name as a person types it: short, printable, no path or control characters. */
export const ProfileName = z
  .string()
  .trim()
  .min(1, 'Give the profile a name, e.g. your own name or "Acme support".')
  .max(60, 'Keep the profile name under 60 characters.')
  .regex(/^[\p{L}\p{N} .@_'()-]+$/u, "Use letters, digits, spaces and . @ _ ' ( ) - only.");

export const ProfileList = z.object({
  profiles: z.array(ProfileShape),
  active: z.string().optional(),
});
export type ProfileList = z.infer<typeof ProfileList>;

export const profilesChannels = {
  'profiles:list': channel('listProfiles', NoInput, ProfileList),
  /** creates a PENDING profile and makes it the window's active one */
  'profiles:create': channel('createProfile', z.object({ name: ProfileName }).strict(), z.object({ profile: ProfileShape })),
  'profiles:switch': channel(
    'switchProfile',
    z.object({ identifier: z.string().min(1).max(200) }).strict(),
    z.object({ profile: ProfileShape }),
  ),
  /** tests the key with GET /agents/me and stores it for the active profile; errors carry AuthorizeErrorCode */
  'profiles:authorize': channel(
    'authorizeProfile',
    z.object({ subdomain: z.string().max(500), apiKey: z.string().max(500) }).strict(),
    z.object({ profile: ProfileShape }),
  ),
  /** re-checks the active profile's key now (agents/me) */
  'profiles:recheck': channel('recheckProfile', NoInput, z.object({ profile: ProfileShape.optional() })),
  /** removes the profile's key, drafts and chat; the remaining profiles come back */
  'profiles:forget': channel('forgetProfile', z.object({ identifier: z.string().min(1).max(200) }).strict(), ProfileList),
} as const;

export const profilesEvents = {
  'account:status': z.object({ account: ProfileShape }),
  'rate:limit': z.object({ subdomain: z.string(), total: z.number(), remaining: z.number(), waitingCalls: z.number() }),
  /** whether Freshdesk calls reach the network (from the core's transport) */
  'network:status': z.object({ online: z.boolean() }),
} as const;
