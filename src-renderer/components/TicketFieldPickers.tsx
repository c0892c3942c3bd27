// The pickers for a ticket's triage fields (status, priority, assignee, group, type, tags): the
// ticket panel's properties form and the triage plan's row editor show exactly these.
import { useId } from 'react';
import { labelOptions, SelectField, TextField } from './Field';
import { RecordPicker } from './RecordPicker';
import { TypeSuggestions } from './TypeSuggestions';
import { PRIORITY_LABELS } from '../lib/freshdesk';
import type { FieldChoices } from '../lib/fieldChoices';

export interface TicketFieldsForm {
  status: string;
  priority: string;
  responder: string;
  group: string;
  type: string;
  tags: string;
}

export function TicketFieldPickers(props: {
  form: TicketFieldsForm;
  setForm(form: TicketFieldsForm): void;
  statusOptions: Record<number, string>;
  choices: FieldChoices | undefined;
  agents: { id: number; name: string }[] | undefined;
  agentsUnavailable?: string;
  /** Freshdesk's update cannot clear a group: "No group" is offered only while there is none */
  hasGroup: boolean;
  errors?: Record<string, string>;
}) {
  const { form, setForm, statusOptions, choices, agents, agentsUnavailable, hasGroup, errors = {} } = props;
  const typeChoices = useId();
  return (
    <>
      <SelectField label="Status" value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value })}>
        {labelOptions(statusOptions)}
      </SelectField>
      <SelectField label="Priority" value={form.priority} onChange={(e) => setForm({ ...form, priority: e.target.value })}>
        {labelOptions(PRIORITY_LABELS)}
      </SelectField>
      <RecordPicker
        label="Assignee"
        kind="agent"
        value={form.responder}
        onChange={(responder) => setForm({ ...form, responder })}
        choices={agents}
        none="Unassigned"
        unavailable={agentsUnavailable}
      />
      <RecordPicker
        label="Group"
        kind="group"
        value={form.group}
        onChange={(group) => setForm({ ...form, group })}
        choices={choices?.groups}
        none={hasGroup ? undefined : 'No group'}
        unavailable={choices?.unavailable && `Groups could not be listed (${choices.unavailable}); enter a group ID.`}
        error={errors.group_id}
      />
      <TextField
        label="Type"
        list={typeChoices}
        value={form.type}
        onChange={(e) => setForm({ ...form, type: e.target.value })}
        placeholder="e.g. Question"
        error={errors.type}
      />
      <TypeSuggestions id={typeChoices} types={choices?.types} />
      <TextField
        label="Tags (comma-separated)"
        value={form.tags}
        onChange={(e) => setForm({ ...form, tags: e.target.value })}
        error={errors.tags}
      />
    </>
  );
}
