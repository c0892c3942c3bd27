// The single source of truth for IPC: every channel (name → window.triage function, zod input,
// zod output) and every push event. Domain tables live in ./contract/*; this file joins them.
import type { z } from 'zod';
import { appChannels, appEvents } from './contract/app';
import { profilesChannels, profilesEvents } from './contract/profiles';
import { toolsChannels } from './contract/tools';
import { draftsChannels } from './contract/drafts';
import { settingsChannels } from './contract/settings';
import { sandboxChannels } from './contract/sandbox';
import { chatChannels, chatEvents } from './contract/chat';
import { triageChannels, triageEvents } from './contract/triage';

export const contract = {
  ...appChannels,
  ...profilesChannels,
  ...toolsChannels,
  ...draftsChannels,
  ...settingsChannels,
  ...sandboxChannels,
  ...chatChannels,
  ...triageChannels,
} as const;

export const events = {
  ...appEvents,
  ...profilesEvents,
  ...chatEvents,
  ...triageEvents,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** What the page sees as `window.triage`: one named function per channel, plus `on`. */
export type TriageApi = {
  [C in ChannelName as Contract[C]['fn']]: undefined extends ChannelInput<C>
    ? (input?: ChannelInput<C>) => Promise<ChannelOutput<C>>
    : (input: ChannelInput<C>) => Promise<ChannelOutput<C>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export { ErrorShape, isTriageError } from './contract/define';
export type { IpcEnvelope, TriageError } from './contract/define';
