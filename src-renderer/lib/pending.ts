// Work that must reach main before the active profile changes (a draft typed a moment ago
// belongs to the profile it was typed under).
const flushers = new Set<() => Promise<void>>();

export function registerFlusher(flush: () => Promise<void>): () => void {
  flushers.add(flush);
  return () => flushers.delete(flush);
}

export async function flushPending(): Promise<void> {
  await Promise.allSettled([...flushers].map((f) => f()));
}
