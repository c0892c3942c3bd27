// What the screens look up once per profile and share: the helpdesk's agents (the ticket panel's
// assignee picker) and its group and type choices (the ticket panel and the New ticket form).
// Kept with the session epoch they were read in: after a profile switch (a new epoch) they are
// read again. A failed read is not kept, so the next screen asks again.
import { create } from 'zustand';
import type { ChannelOutput } from '../../src-shared/contract';
import type { AgentRow } from '../lib/freshdesk';

export type FieldChoices = ChannelOutput<'tools:field-choices'>;

interface Kept<T> {
  epoch: number;
  value: T;
}

interface LookupsState {
  agents?: Kept<AgentRow[]>;
  fieldChoices?: Kept<FieldChoices>;
  setAgents(epoch: number, agents: AgentRow[]): void;
  setFieldChoices(epoch: number, choices: FieldChoices): void;
}

export const useLookups = create<LookupsState>((set) => ({
  setAgents: (epoch, agents) => set({ agents: { epoch, value: agents } }),
  setFieldChoices: (epoch, choices) => set({ fieldChoices: { epoch, value: choices } }),
}));

/** The kept value when it was read in this epoch. */
export function keptFor<T>(kept: Kept<T> | undefined, epoch: number): T | undefined {
  return kept?.epoch === epoch ? kept.value : undefined;
}
