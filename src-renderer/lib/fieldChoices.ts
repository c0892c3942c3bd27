// The helpdesk's own choices for a ticket's group and type (its ticket fields), read once per
// profile and shared by the ticket panel and the New ticket form. A failed read is not kept: the
// next form asks again.
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../src-shared/contract';
import { errorInfo, triage } from './bridge';
import { useSession } from '../state/session';

export type FieldChoices = ChannelOutput<'tools:field-choices'>;

let cache: { epoch: number; choices: FieldChoices } | undefined;

/** undefined while loading; then the choices, or empty ones with `unavailable` saying why */
export function useFieldChoices(): FieldChoices | undefined {
  const epoch = useSession((s) => s.epoch);
  const [loaded, setLoaded] = useState<{ epoch: number; choices: FieldChoices } | undefined>(() =>
    cache?.epoch === epoch ? cache : undefined,
  );
  const current = loaded?.epoch === epoch ? loaded.choices : undefined;

  useEffect(() => {
    if (current) return;
    let stale = false;
    triage.ticketFieldChoices().then(
      (choices) => {
        const entry = { epoch, choices };
        if (!choices.unavailable) cache = entry;
        if (!stale) setLoaded(entry);
      },
      (err: unknown) => !stale && setLoaded({ epoch, choices: { groups: [], types: [], unavailable: errorInfo(err).message } }),
    );
    return () => {
      stale = true;
    };
  }, [current, epoch]);

  return current;
}
