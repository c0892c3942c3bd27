// CSV for a spreadsheet: every field quoted, quotes doubled, and a field that a spreadsheet would
// run as a formula (= + - @, tab, CR at the start) prefixed with ' — a ticket subject is
// customer text.
export function csvField(v: unknown): string {
  let s = v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
