// Inline validation with the tool's own schema (tools:validate, nothing sent), plus the field
// errors Freshdesk returns after a send, keyed by field name. Before the first submit, only
// fields the person has left show their errors.
import { useCallback, useMemo, useState } from 'react';
import type { ToolName } from '../../src-shared/contract/tools';
import type { ToolInput, ToolResultOf } from '../../src-shared/tools/io';
import type { ActionState } from '../components/ActionStatus';
import { useSession } from '../state/session';
import { triage } from './bridge';

export type FieldErrors = Record<string, string>;

export function useToolForm<N extends ToolName>(name: N, aliases: Record<string, string> = {}) {
  const [all, setAll] = useState<FieldErrors>({});
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);

  const toMap = useCallback(
    (fields: { field: string; message: string }[]) => {
      const map: FieldErrors = {};
      for (const f of fields) {
        const key = aliases[f.field] ?? f.field.split('.')[0];
        map[key] ??= f.message;
      }
      return map;
    },
    // aliases are a constant per form
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  /** Local rules (what Freshdesk requires in practice) win over the schema's wording. */
  const check = useCallback(
    async (input: Record<string, unknown>, local: FieldErrors): Promise<FieldErrors> => {
      let map: FieldErrors = {};
      try {
        const r = await triage.validateTool({ name, input });
        map = toMap(r.fields);
      } catch {
        // validation is a convenience; the send validates again in main
      }
      const merged = { ...map, ...local };
      setAll(merged);
      return merged;
    },
    [name, toMap],
  );

  const touch = useCallback(
    (field: string, input: Record<string, unknown>, local: FieldErrors) => {
      // the field's message appears with the fresh result, never a stale one (a stale message
      // appearing on blur would shift the form under a click that is landing on its button)
      void check(input, local).then(() => setTouched((t) => (t.has(field) ? t : new Set([...t, field]))));
    },
    [check],
  );

  const submit = useCallback(
    (input: Record<string, unknown>, local: FieldErrors) => {
      setSubmitted(true);
      return check(input, local);
    },
    [check],
  );

  const fromServer = useCallback(
    (fields: { field: string; message: string }[] | undefined) => {
      setSubmitted(true);
      setAll(toMap(fields ?? []));
    },
    [toMap],
  );

  /**
   * The submit every tool form shares: check first (nothing is sent while a field is wrong),
   * then send once through `run`; Freshdesk's field errors land inline, and `outcome` turns the
   * result into the message the person sees.
   */
  const send = useCallback(
    async (
      run: (running: string, work: () => Promise<ActionState>) => Promise<ActionState>,
      running: string,
      input: Record<string, unknown>,
      local: FieldErrors,
      outcome: (r: ToolResultOf<N>) => ActionState,
    ): Promise<void> => {
      const errors = await submit(input, local);
      if (Object.keys(errors).length) {
        await run('', async () => ({ phase: 'error', message: 'Fix the marked fields; nothing was sent.' }));
        return;
      }
      await run(running, async () => {
        // the form's raw values passed the tool's own schema (tools:validate) just above, and
        // main checks them again before sending: here they are that tool's input
        const r = await useSession.getState().runTool(name, input as ToolInput<N>);
        if (!r.ok) fromServer(r.error.fields);
        return outcome(r);
      });
    },
    [name, submit, fromServer],
  );

  const reset = useCallback(() => {
    setAll({});
    setTouched(new Set());
    setSubmitted(false);
  }, []);

  const errors = useMemo(
    () => (submitted ? all : Object.fromEntries(Object.entries(all).filter(([k]) => touched.has(k)))),
    [all, touched, submitted],
  );
  return { errors, touch, submit, fromServer, send, reset };
}
