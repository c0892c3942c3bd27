// Pick an agent or a group by name when the names could be read; otherwise type its id, with the
// reason. The ticket panel and the triage plan's row editor use the same picker.
import { SelectField, TextField } from './Field';

/** Pick a record by name when the names could be read; otherwise type its id, with the reason. */
export function RecordPicker(props: {
  label: string;
  kind: 'agent' | 'group';
  value: string;
  onChange(value: string): void;
  choices: { id: number; name: string }[] | undefined;
  /** the empty choice's label; none: no empty choice */
  none?: string;
  unavailable?: string;
  error?: string;
}) {
  const { label, kind, value, onChange, choices, none, unavailable, error } = props;
  if (choices && choices.length > 0) {
    return (
      <SelectField label={label} value={value} onChange={(e) => onChange(e.target.value)} error={error}>
        {none !== undefined && <option value="">{none}</option>}
        {choices.map((c) => (
          <option key={c.id} value={String(c.id)}>
            {c.name}
          </option>
        ))}
        {value && !choices.some((c) => String(c.id) === value) && <option value={value}>{`${kind} #${value}`}</option>}
      </SelectField>
    );
  }
  return (
    <TextField
      label={label}
      inputMode="numeric"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      placeholder={`${kind} ID`}
      hint={unavailable}
      error={error}
    />
  );
}
