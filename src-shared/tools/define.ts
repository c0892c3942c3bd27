// What one tool is: its input schema (zod, strict), a description written for a model, its
// effect, and the one request it makes. Everything else (validation, sending, error mapping,
// role awareness) is shared by the tool service.
import type { z } from 'zod';
import type { FieldErrorShape } from '../contract/tools';

export type FieldError = FieldErrorShape;
export type ToolEffect = 'read' | 'write' | 'destructive';

/** The one Freshdesk request a tool makes (the core's client adds signal, priority, retry rules). */
export interface ToolRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** path under the origin, e.g. `/api/v2/tickets/42` */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

/** A tool as the model and the tool list see it. */
export interface ToolDescriptor {
  name: string;
  description: string;
  /** JSON Schema with top-level type: "object"; usable as an Anthropic input_schema. */
  inputSchema: Record<string, unknown>;
  effect: ToolEffect;
  customerVisible: boolean;
  adminOnly: boolean;
  /** present when listed for a profile */
  available?: boolean;
  reason?: string;
}

export interface ToolDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  schema: S;
  effect: ToolEffect;
  /** posts something the customer sees */
  customerVisible: boolean;
  /** Freshdesk allows it to administrators only */
  adminOnly: boolean;
  /** for permission messages: "Your role Agent cannot <action>" */
  action: string;
  /** about one ticket, which the agent's ticket scope may hide (a 403 may be about the ticket, not the role) */
  scoped?: boolean;
  /** answers are pages; meta.nextPage comes from the Link header */
  paginated?: boolean;
  /** names the record a 404 or 405 is about, e.g. "Ticket 42" */
  target?(input: z.output<S>): string;
  request(input: z.output<S>): ToolRequest;
}

export function defineTool<S extends z.ZodType>(def: ToolDefinition<S>): ToolDefinition<S> {
  return def;
}

/** `{ ticket_id, ...rest }` → rest, with undefined dropped: absent optionals are omitted, never null. */
export function withoutKeys<T extends Record<string, unknown>, K extends keyof T>(input: T, ...keys: K[]): Omit<T, K> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (!keys.includes(k as K) && v !== undefined) out[k] = v;
  }
  return out as Omit<T, K>;
}

export function asQuery(input: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(input)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Validation: zod issues → field errors a person (or a model) can act on, with Freshdesk's codes.

const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'number') return Number.isInteger(v) ? 'whole number' : 'number';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

function expectedName(expected: string): string {
  switch (expected) {
    case 'int':
      return 'whole number';
    case 'array':
      return 'list';
    default:
      return expected;
  }
}

/** Messages for issues whose schema did not set its own. */
const defaultMessages: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'Required.';
      if (iss.input === null) return 'Must not be null: leave the field out instead.';
      return `Should be ${article(expectedName(iss.expected))}, not ${article(typeName(iss.input))}.`;
    case 'too_big':
      if (iss.origin === 'string') return `Has ${String(iss.input).length} characters; at most ${iss.maximum} are allowed.`;
      if (iss.origin === 'array') return `At most ${iss.maximum} items are allowed.`;
      return `Must be ${iss.maximum} or less.`;
    case 'too_small':
      if (iss.origin === 'string') return 'Must not be empty.';
      if (iss.origin === 'array') return `Needs at least ${iss.minimum} item${Number(iss.minimum) === 1 ? '' : 's'}.`;
      return `Must be ${iss.minimum} or more.`;
    case 'invalid_format':
      return iss.format === 'email' ? 'Not a valid email address.' : `Not in the expected format (${iss.format}).`;
    case 'invalid_value':
      return `Must be one of: ${iss.values.map(String).join(', ')}.`;
    default:
      return undefined;
  }
};

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

export function fieldErrors(error: z.ZodError, input: unknown, allowedKeys: string[]): FieldError[] {
  const out: FieldError[] = [];
  for (const iss of error.issues) {
    const field = iss.path.map(String).join('.') || 'input';
    if (iss.code === 'unrecognized_keys') {
      const prefix = iss.path.length ? `${iss.path.map(String).join('.')}.` : '';
      for (const key of iss.keys) {
        out.push({
          field: prefix + key,
          message: `Unknown field; Freshdesk does not accept it here.${allowedKeys.length ? ` Allowed: ${allowedKeys.join(', ')}.` : ' This tool takes no input.'}`,
          code: 'invalid_field',
        });
      }
      continue;
    }
    let code = 'invalid_value';
    if (iss.code === 'invalid_type') code = 'datatype_mismatch';
    if ((iss.code === 'invalid_type' || iss.code === 'invalid_value') && iss.path.length > 0 && valueAt(input, iss.path) === undefined)
      code = 'missing_field';
    if (iss.code === 'custom' && typeof iss.params?.code === 'string') code = iss.params.code;
    out.push({ field, message: iss.message, code });
  }
  return out;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; fields: FieldError[] };

/** parse options, made once: the messages for issues whose schema did not set its own */
const PARSE_OPTIONS = { error: defaultMessages };

export function validateInput<S extends z.ZodType>(def: ToolDefinition<S>, input: unknown): Validation<z.output<S>> {
  if (input === undefined && schemaKeys(def.schema).length === 0) input = {};
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, fields: [{ field: 'input', message: 'The input must be an object of named fields.', code: 'datatype_mismatch' }] };
  }
  const r = def.schema.safeParse(input, PARSE_OPTIONS);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, fields: fieldErrors(r.error, input, schemaKeys(def.schema)) };
}

/** A schema's field names, read once per schema (schemas are made once, at import). */
const keysBySchema = new WeakMap<z.ZodType, string[]>();

export function schemaKeys(schema: z.ZodType): string[] {
  let keys = keysBySchema.get(schema);
  if (keys === undefined) {
    const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
    keys = shape ? Object.keys(shape) : [];
    keysBySchema.set(schema, keys);
  }
  return [...keys];
}
