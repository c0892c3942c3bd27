// The helpdesk's own choices for a ticket's group and type (its ticket fields), read once per
// profile (kept in the lookups store) and shared by the ticket panel and the New ticket form. A
// failed read is not kept: the next form asks again.
import { useEffect, useState } from 'react';
import { errorInfo, triage } from './bridge';
import { useSession } from '../state/session';
import { keptFor, useLookups, type FieldChoices } from '../state/lookups';

export type { FieldChoices };

/** undefined while loading; then the choices, or empty ones with `unavailable` saying why */
export function useFieldChoices(): FieldChoices | undefined {
  const epoch = useSession((s) => s.epoch);
  const kept = useLookups((s) => keptFor(s.fieldChoices, epoch));
  const keep = useLookups((s) => s.setFieldChoices);
  const [failed, setFailed] = useState<{ epoch: number; choices: FieldChoices } | undefined>();
  const current = kept ?? (failed?.epoch === epoch ? failed.choices : undefined);

  useEffect(() => {
    if (current) return;
    let stale = false;
    triage.ticketFieldChoices().then(
      (choices) => {
        // Kept even when this form is gone: the next one needs no request.
        if (!choices.unavailable) keep(epoch, choices);
        else if (!stale) setFailed({ epoch, choices });
      },
      (err: unknown) => !stale && setFailed({ epoch, choices: { groups: [], types: [], unavailable: errorInfo(err).message } }),
    );
    return () => {
      stale = true;
    };
  }, [current, epoch, keep]);

  return current;
}
