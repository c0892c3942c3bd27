// Suggestions for a ticket's Type field: Freshdesk's default types. The field stays free text
// (a helpdesk may have its own types); Freshdesk's answer marks a type it does not know.
import { DEFAULT_TICKET_TYPES } from '../lib/freshdesk';

export function TypeSuggestions({ id }: { id: string }) {
  return (
    <datalist id={id}>
      {DEFAULT_TICKET_TYPES.map((t) => (
        <option key={t} value={t} />
      ))}
    </datalist>
  );
}
