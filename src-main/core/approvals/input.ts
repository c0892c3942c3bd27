// Two small helpers every write path shares (chat, MCP, the approval decision, the activity log):
// a tool input as a plain record, and a validation failure's fields as one sentence.

/** A tool input as a record of named fields: anything else (an array, a primitive) is {}. */
export const asInput = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** A validation failure's fields as one sentence (the first five). */
export function fieldsText(fields: readonly { field: string; message: string }[]): string {
  if (fields.length === 0) return 'the input is not valid.';
  return fields
    .slice(0, 5)
    .map((f) => `${f.field ? `${f.field}: ` : ''}${f.message.replace(/\.$/, '')}`)
    .join('; ')
    .concat('.');
}
