// Suggestions for a ticket's Type field: the helpdesk's own ticket types (from its ticket fields).
// The field stays free text, so it works while they load or when they cannot be read; Freshdesk's
// answer marks a type it does not know.
export function TypeSuggestions({ id, types }: { id: string; types: readonly string[] | undefined }) {
  return (
    <datalist id={id}>
      {types?.map((t) => (
        <option key={t} value={t} />
      ))}
    </datalist>
  );
}
