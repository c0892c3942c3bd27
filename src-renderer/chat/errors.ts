// A failed window.triage call rejects with { name: 'TriageError', code, message } (a plain object
// in the app, so the code survives contextBridge) or an Error: take the message either way.
export function errorText(err: unknown): string {
  const m = (err as { message?: unknown } | null)?.message;
  return typeof m === 'string' && m ? m : 'Something went wrong in the app. Please try again.';
}

export function errorCode(err: unknown): string {
  const c = (err as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : 'internal';
}
