// Triage plan limits and names, zod-free so the page can import them too (the shapes are in
// ./contract/triage). How a run works: docs/triage.md.
/** The chat's local tool that starts a triage plan (its card opens the plan). */
export const TRIAGE_CHAT_TOOL = 'triage_plan_start';

/** At most this many tickets in one run. */
export const TRIAGE_MAX_TICKETS = 50;
/** A row's one-line summary for the agent. */
export const TRIAGE_SUMMARY_MAX = 160;
/** Evidence quotes per row, and the longest quote. */
export const TRIAGE_EVIDENCE_MAX = 3;
export const TRIAGE_QUOTE_MAX = 300;
/** A drafted reply (HTML); it is never sent from the plan. */
export const TRIAGE_DRAFT_MAX = 10_000;

/** Tags a row may set (its full new list). */
export const TRIAGE_MAX_TAGS = 100;

/** The fields a plan may change; `tags` is the full new list. */
export const TRIAGE_FIELDS = ['priority', 'status', 'type', 'group_id', 'responder_id', 'tags'] as const;
export type TriageField = (typeof TRIAGE_FIELDS)[number];
