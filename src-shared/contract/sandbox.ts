// "Try the sandbox helpdesk": main starts the built-in simulator and connects a demo profile
// to it. The page never supplies an origin; only main's own flow can point a key at loopback.
import { z } from 'zod';
import { channel, NoInput } from './define';
import { ProfileShape } from './profiles';

export const sandboxChannels = {
  'sandbox:try': channel('trySandbox', NoInput, z.object({ profile: ProfileShape })),
} as const;
