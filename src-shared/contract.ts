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
import type { ToolName } from './contract/tools';
import type { ToolInput, ToolResultOf } from './tools/io';
import { mcpChannels, mcpEvents } from './contract/mcp';
import { triageChannels, triageEvents } from './contract/triage';

export const contract = {
  ...appChannels,
  ...profilesChannels,
  ...toolsChannels,
  ...draftsChannels,
  ...settingsChannels,
  ...sandboxChannels,
  ...chatChannels,
  ...mcpChannels,
  ...triageChannels,
} as const;

export const events = {
  ...appEvents,
  ...profilesEvents,
  ...chatEvents,
  ...mcpEvents,
  ...triageEvents,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** Channels whose function on window.triage is typed finer than their zod schema says. */
type TypedByHand = 'tools:execute';

/**
 * `executeTool`, typed per tool: the input is that tool's own input type and the answer carries
 * that tool's data. On the wire it is the zod-checked `tools:execute` channel (main validates the
 * input with the tool's schema again and answers field errors as a ToolResult).
 */
export type ExecuteTool = <N extends ToolName>(
  call: Omit<ChannelInput<'tools:execute'>, 'name' | 'input'> & { name: N; input: ToolInput<N> },
) => Promise<ToolResultOf<N>>;

/** What the page sees as `window.triage`: one named function per channel, plus `on`. */
export type TriageApi = {
  [C in Exclude<ChannelName, TypedByHand> as Contract[C]['fn']]: undefined extends ChannelInput<C>
    ? (input?: ChannelInput<C>) => Promise<ChannelOutput<C>>
    : (input: ChannelInput<C>) => Promise<ChannelOutput<C>>;
} & { executeTool: ExecuteTool } & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export { ErrorShape, isTriageError } from './contract/define';
export type { IpcEnvelope, TriageError } from './contract/define';
