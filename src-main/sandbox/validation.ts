import { MSG, type FieldError } from './replies.js';
import { parseApiDate } from './time.js';

/** Field checks that produce Freshdesk's error items (docs/freshdesk-api.md §4.2, §4.4). */

export type Body = Record<string, unknown>;

export function isPlainObject(v: unknown): v is Body {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function jsonTypeName(v: unknown): string {
  if (v === null) return 'Null';
  if (Array.isArray(v)) return 'Array';
  switch (typeof v) {
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    case 'number':
      return Number.isInteger(v) ? 'Integer' : 'Float';
    case 'object':
      return 'key/value pair';
    default:
      return typeof v;
  }
}

const EMAIL_RE = /^[^\s@,;:<>()[\]"\\]+@[^\s@,;:<>()[\]"\\]+\.[^\s@,;:<>()[\]"\\]+$/;

export function isEmail(s: string): boolean {
  return s.length <= 255 && EMAIL_RE.test(s);
}

function mismatch(field: string, value: unknown, expected: string): FieldError {
  return { field, message: `Value set is of type ${jsonTypeName(value)}.${expected}`, code: 'datatype_mismatch' };
}

function invalid(field: string, message: string): FieldError {
  return { field, message, code: 'invalid_value' };
}

export function missing(field: string, message: string): FieldError {
  return { field, message, code: 'missing_field' };
}

export function enumMessage(values: readonly (number | string)[]): string {
  return `It should be one of these values: '${values.join(',')}'`;
}

export function unknownKeys(body: Body, allowed: ReadonlySet<string>, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of Object.keys(body)) {
    if (!allowed.has(key)) errors.push({ field: prefix + key, message: MSG.invalidField, code: 'invalid_field' });
  }
  return errors;
}

export interface StringRule {
  max?: number;
  email?: boolean;
  /** Blank ("" or spaces) is refused. */
  notBlank?: boolean;
}

export function checkString(field: string, value: unknown, rule: StringRule = {}): FieldError | null {
  if (typeof value !== 'string') return mismatch(field, value, 'It should be a/an String');
  const max = rule.max ?? 255;
  if (rule.notBlank && value.trim() === '') return invalid(field, MSG.blank);
  if (value.length > max) return invalid(field, `Has ${value.length} characters, it can have maximum of ${max} characters`);
  if (rule.email && !isEmail(value)) return invalid(field, MSG.email);
  return null;
}

export function checkPositiveInt(field: string, value: unknown): FieldError | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return mismatch(field, value, 'It should be a/an Positive Integer');
  if (!Number.isSafeInteger(value)) return mismatch(field, value, 'It should be a/an Positive Integer');
  if (value <= 0) return { field, message: 'It should be a/an Positive Integer', code: 'datatype_mismatch' };
  return null;
}

export function checkEnum(field: string, value: unknown, allowed: readonly number[]): FieldError | null {
  if (typeof value !== 'number' || !Number.isInteger(value)) return mismatch(field, value, enumMessage(allowed));
  if (!allowed.includes(value)) return invalid(field, enumMessage(allowed));
  return null;
}

export function checkStringEnum(field: string, value: unknown, allowed: readonly string[]): FieldError | null {
  if (typeof value !== 'string') return mismatch(field, value, enumMessage(allowed));
  if (!allowed.includes(value)) return invalid(field, enumMessage(allowed));
  return null;
}

export function checkBool(field: string, value: unknown): FieldError | null {
  return typeof value === 'boolean' ? null : mismatch(field, value, 'It should be a/an Boolean');
}

export function checkObject(field: string, value: unknown): FieldError | null {
  return isPlainObject(value) ? null : mismatch(field, value, 'It should be a/an key/value pair');
}

export interface StringArrayRule {
  email?: boolean;
  itemMax?: number;
  noCommas?: boolean;
  maxItems?: number;
}

export function checkStringArray(field: string, value: unknown, rule: StringArrayRule = {}): FieldError | null {
  if (!Array.isArray(value)) return mismatch(field, value, 'It should be a/an Array');
  if (!value.every((v) => typeof v === 'string')) {
    return { field, message: 'It should contain elements of type String only', code: 'datatype_mismatch' };
  }
  const items = value as string[];
  if (rule.maxItems !== undefined && items.length > rule.maxItems) {
    return invalid(field, `Has ${items.length} elements, it can have maximum of ${rule.maxItems} elements`);
  }
  if (rule.noCommas && items.some((s) => s.includes(','))) {
    return invalid(field, "It should not have strings containing the special characters: ','");
  }
  if (rule.itemMax !== undefined && items.some((s) => s.length > (rule.itemMax as number))) {
    return invalid(field, `It should only contain elements that have maximum of ${rule.itemMax} characters`);
  }
  if (rule.email && !items.every(isEmail)) {
    return invalid(field, "It should contain elements that are in the 'valid email address' format");
  }
  return null;
}

export function checkIntArray(field: string, value: unknown): FieldError | null {
  if (!Array.isArray(value)) return mismatch(field, value, 'It should be a/an Array');
  if (!value.every((v) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0)) {
    return { field, message: 'It should contain elements of type Positive Integer only', code: 'datatype_mismatch' };
  }
  return null;
}

/** Returns epoch ms, or the error. */
export function checkDateTime(field: string, value: unknown): number | FieldError {
  if (typeof value !== 'string') return mismatch(field, value, MSG.datetime);
  const ms = parseApiDate(value);
  return ms === null ? invalid(field, MSG.datetime) : ms;
}

/** Query-string integer (page, ids). */
export function parseQueryInt(field: string, raw: string): number | FieldError {
  if (!/^\d{1,15}$/.test(raw) || Number(raw) <= 0) {
    return { field, message: 'It should be a/an Positive Integer', code: 'datatype_mismatch' };
  }
  return Number(raw);
}

export interface Paging {
  page: number;
  perPage: number;
}

/** page / per_page (docs/freshdesk-api.md §6). `pageCap` applies to tickets only. */
export function parsePaging(query: URLSearchParams, errors: FieldError[], pageCap?: number): Paging {
  let page = 1;
  let perPage = 30;
  const rawPerPage = query.get('per_page');
  if (rawPerPage !== null) {
    if (!/^\d{1,6}$/.test(rawPerPage) || Number(rawPerPage) < 1 || Number(rawPerPage) > 100) {
      errors.push({ field: 'per_page', message: MSG.perPage, code: 'datatype_mismatch' });
    } else perPage = Number(rawPerPage);
  }
  const rawPage = query.get('page');
  if (rawPage !== null) {
    const parsed = parseQueryInt('page', rawPage);
    if (typeof parsed !== 'number') errors.push(parsed);
    else if (pageCap !== undefined && parsed > pageCap) errors.push(invalid('page', MSG.pageCap));
    else page = parsed;
  }
  return { page, perPage };
}

/** Query keys outside the allowed set → invalid_field. */
/** The `email` filter of a list: null when absent; a malformed one is reported in `errors`. */
export function emailQuery(query: URLSearchParams, errors: FieldError[]): string | null {
  const email = query.get('email');
  if (email !== null && !isEmail(email))
    errors.push({ field: 'email', message: "It should be in the 'valid email address' format", code: 'invalid_value' });
  return email;
}

/** The `updated_since` filter of a list in epoch ms: undefined when absent; a malformed one is
 *  reported in `errors`. */
export function updatedSinceQuery(query: URLSearchParams, errors: FieldError[]): number | undefined {
  const raw = query.get('updated_since');
  if (raw === null) return undefined;
  const ms = parseApiDate(raw);
  if (ms !== null) return ms;
  errors.push({ field: 'updated_since', message: "It should be in the 'combined date and time ISO8601' format", code: 'invalid_value' });
  return undefined;
}

export function unknownQueryKeys(query: URLSearchParams, allowed: ReadonlySet<string>): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const key of query.keys()) {
    if (!allowed.has(key) && !seen.has(key)) {
      seen.add(key);
      errors.push({ field: key, message: MSG.invalidField, code: 'invalid_field' });
    }
  }
  return errors;
}
