import type { HelpdeskAccount } from '../account.js';
import type { TicketRecord, UserRecord } from '../model.js';
import type { FieldError } from '../replies.js';
import {
  checkBool,
  checkDateTime,
  checkEnum,
  checkObject,
  checkPositiveInt,
  checkString,
  checkStringArray,
  enumMessage,
  isPlainObject,
  missing,
  unknownKeys,
  type Body,
} from '../validation.js';
import { parseApiDate } from '../time.js';

export const TICKET_SOURCES = [1, 2, 3, 7, 9, 10] as const;
export const TICKET_PRIORITIES = [1, 2, 3, 4] as const;

const REQUESTER_FIELDS = ['requester_id', 'email', 'phone', 'twitter_id', 'facebook_id', 'unique_external_id'] as const;

const COMMON_FIELDS = [
  ...REQUESTER_FIELDS,
  'name',
  'subject',
  'description',
  'type',
  'status',
  'priority',
  'source',
  'responder_id',
  'group_id',
  'email_config_id',
  'product_id',
  'parent_id',
  'company_id',
  'tags',
  'custom_fields',
  'due_by',
  'fr_due_by',
] as const;

export const CREATE_FIELDS: ReadonlySet<string> = new Set([...COMMON_FIELDS, 'cc_emails']);
/** Update takes the create fields minus cc_emails (docs/freshdesk-api.md §2.4). */
export const UPDATE_FIELDS: ReadonlySet<string> = new Set(COMMON_FIELDS);

export const MULTIPART_TICKET_TYPES = {
  requester_id: 'int',
  status: 'int',
  priority: 'int',
  source: 'int',
  responder_id: 'int',
  group_id: 'int',
  email_config_id: 'int',
  product_id: 'int',
  parent_id: 'int',
  company_id: 'int',
} as const;

/** The values a valid create/update body resolves to. */
export interface TicketInput {
  requester?: { kind: 'existing'; user: UserRecord } | { kind: 'new'; user: Partial<UserRecord> & { name: string } };
  subject?: string;
  description?: string;
  type?: string;
  status?: number;
  priority?: number;
  source?: number;
  responderId?: number;
  groupId?: number;
  companyId?: number;
  parentId?: number;
  ccEmails?: string[];
  tags?: string[];
  customFields?: Record<string, unknown>;
  dueBy?: number;
  frDueBy?: number;
}

/** Unknown keys at the top level and inside custom_fields (reported before anything else). */
export function unknownTicketKeys(account: HelpdeskAccount, body: Body, allowed: ReadonlySet<string>): FieldError[] {
  const errors = unknownKeys(body, allowed);
  const cf = body.custom_fields;
  if (isPlainObject(cf)) {
    const names = new Set(account.customFields.map((f) => f.name));
    errors.push(...unknownKeys(cf, names, 'custom_fields.'));
  }
  return errors;
}

function checkCustomFields(account: HelpdeskAccount, value: Record<string, unknown>, errors: FieldError[]): void {
  for (const def of account.customFields) {
    if (!(def.name in value)) continue;
    const v = value[def.name];
    const field = `custom_fields.${def.name}`;
    if (v === null) continue;
    let err: FieldError | null = null;
    switch (def.kind) {
      case 'dropdown':
        if (typeof v !== 'string') err = checkString(field, v);
        else if (!(def.choices ?? []).includes(v)) err = { field, message: enumMessage(def.choices ?? []), code: 'invalid_value' };
        break;
      case 'text':
        err = checkString(field, v);
        break;
      case 'number':
        err =
          typeof v === 'number' && Number.isInteger(v)
            ? null
            : {
                field,
                message: `Value set is of type ${typeof v === 'string' ? 'String' : 'Null'}.It should be a/an Integer`,
                code: 'datatype_mismatch',
              };
        break;
      case 'checkbox':
        err = checkBool(field, v);
        break;
      case 'date':
        err =
          typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && parseApiDate(v) !== null
            ? null
            : { field, message: "It should be in the 'yyyy-mm-dd' format", code: 'invalid_value' };
        break;
    }
    if (err) errors.push(err);
  }
}

/**
 * Field validation for create (`existing` undefined) and update. Returns the errors, or the
 * resolved input. Nothing is changed here, so a failed request leaves no trace.
 */
export function validateTicketInput(
  account: HelpdeskAccount,
  body: Body,
  existing: TicketRecord | undefined,
  now: number,
): FieldError[] | TicketInput {
  const errors: FieldError[] = [];
  const creating = existing === undefined;
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(body, k);
  const push = (e: FieldError | null): boolean => {
    if (e) errors.push(e);
    return e === null;
  };

  if (creating && !REQUESTER_FIELDS.some(has)) {
    errors.push(missing('requester_id', 'Please fill at least 1 of requester_id, phone, email, twitter_id, facebook_id fields'));
  }
  if (has('requester_id')) push(checkPositiveInt('requester_id', body.requester_id));
  if (has('email')) push(checkString('email', body.email, { email: true, notBlank: true }));
  for (const k of ['phone', 'twitter_id', 'facebook_id', 'unique_external_id'] as const) {
    if (has(k)) push(checkString(k, body[k], { notBlank: true }));
  }
  if (has('name')) push(checkString('name', body.name));
  else if (has('phone') && !has('email') && !has('requester_id')) {
    errors.push(missing('name', 'It should not be blank if phone is only given'));
  }

  if (has('subject')) push(checkString('subject', body.subject, { max: 255 }));
  else if (creating) errors.push(missing('subject', 'It should be a/an String'));
  if (has('description')) push(checkString('description', body.description, { max: 100_000 }));
  else if (creating) errors.push(missing('description', 'It should be a/an String'));

  if (has('type')) {
    if (push(checkString('type', body.type)) && !account.ticketTypes.includes(body.type as string)) {
      errors.push({ field: 'type', message: enumMessage(account.ticketTypes), code: 'invalid_value' });
    }
  }
  if (has('status')) push(checkEnum('status', body.status, account.statusIds()));
  if (has('priority')) push(checkEnum('priority', body.priority, TICKET_PRIORITIES));
  if (has('source')) push(checkEnum('source', body.source, TICKET_SOURCES));
  for (const k of ['responder_id', 'group_id', 'email_config_id', 'product_id', 'parent_id', 'company_id'] as const) {
    if (has(k)) push(checkPositiveInt(k, body[k]));
  }
  if (has('cc_emails')) push(checkStringArray('cc_emails', body.cc_emails, { email: true, maxItems: 49 }));
  if (has('tags')) push(checkStringArray('tags', body.tags, { itemMax: 32, noCommas: true }));
  if (has('custom_fields')) {
    if (push(checkObject('custom_fields', body.custom_fields))) checkCustomFields(account, body.custom_fields as Body, errors);
  }

  let dueBy: number | undefined;
  let frDueBy: number | undefined;
  if (has('due_by')) {
    const r = checkDateTime('due_by', body.due_by);
    if (typeof r === 'number') dueBy = r;
    else errors.push(r);
  }
  if (has('fr_due_by')) {
    const r = checkDateTime('fr_due_by', body.fr_due_by);
    if (typeof r === 'number') frDueBy = r;
    else errors.push(r);
  }
  if (errors.length > 0) return errors;

  // Due-date rules (docs/freshdesk-api.md §2.2).
  if (has('due_by') !== has('fr_due_by') && creating) {
    if (has('due_by')) errors.push(missing('fr_due_by', 'It should not be blank if due_by is given'));
    else errors.push(missing('due_by', 'It should not be blank if fr_due_by is given'));
  }
  const createdAt = existing?.createdAt ?? now;
  const finalStatus = (body.status as number | undefined) ?? existing?.status ?? 2;
  for (const [field, value] of [
    ['due_by', dueBy],
    ['fr_due_by', frDueBy],
  ] as const) {
    if (value === undefined) continue;
    if (!account.statusHasSlaTimer(finalStatus)) {
      errors.push({ field, message: "It cannot be set, when the status of the ticket doesn't have sla timer on", code: 'invalid_value' });
    } else if (value <= createdAt) {
      errors.push({ field, message: 'Has to be greater than ticket creation time', code: 'invalid_value' });
    }
  }
  const effDue = dueBy ?? existing?.dueBy ?? undefined;
  const effFr = frDueBy ?? existing?.frDueBy ?? undefined;
  if ((dueBy !== undefined || frDueBy !== undefined) && effDue !== undefined && effFr !== undefined && effFr > effDue) {
    errors.push({ field: 'fr_due_by', message: "fr_due_by should be lesser than the ticket's due_by", code: 'invalid_value' });
  }

  // Outbound tickets keep their subject and description.
  if (existing && existing.source === 10) {
    for (const k of ['subject', 'description'] as const) {
      if (has(k)) errors.push({ field: k, message: 'It cannot be updated, if ticket is of type outbound email', code: 'invalid_value' });
    }
  }

  // References must exist.
  if (has('responder_id') && !account.agents.has(body.responder_id as number)) {
    errors.push({ field: 'responder_id', message: 'There is no agent matching the given responder_id', code: 'invalid_value' });
  }
  if (has('group_id') && !account.groups.has(body.group_id as number)) {
    errors.push({ field: 'group_id', message: 'There is no group matching the given group_id', code: 'invalid_value' });
  }
  if (has('company_id') && !account.companies.has(body.company_id as number)) {
    errors.push({ field: 'company_id', message: 'There is no company matching the given company_id', code: 'invalid_value' });
  }
  if (has('email_config_id')) {
    errors.push({
      field: 'email_config_id',
      message: 'There is no email_config matching the given email_config_id',
      code: 'invalid_value',
    });
  }
  if (has('product_id')) {
    errors.push({ field: 'product_id', message: 'There is no product matching the given product_id', code: 'invalid_value' });
  }
  if (has('parent_id')) {
    const parent = account.tickets.get(body.parent_id as number);
    if (!parent || parent.deleted || parent.spam || parent.id === existing?.id) {
      errors.push({ field: 'parent_id', message: 'There is no ticket matching the given parent_id', code: 'invalid_value' });
    }
  }

  // Closing: closure-required custom fields must be set.
  if (finalStatus === 5 && (creating || existing.status !== 5 || has('custom_fields'))) {
    const cf = { ...(existing?.customFields ?? {}), ...((body.custom_fields as Body | undefined) ?? {}) };
    for (const def of account.customFields) {
      if (def.requiredForClosure && (cf[def.name] === null || cf[def.name] === undefined || cf[def.name] === '')) {
        errors.push(missing(`custom_fields.${def.name}`, 'It should be a/an String'));
      }
    }
  }

  // Requester.
  const input: TicketInput = {};
  if (REQUESTER_FIELDS.some(has)) {
    const requester = resolveRequester(account, body, errors);
    if (requester) input.requester = requester;
  }
  if (errors.length > 0) return errors;

  if (has('subject')) input.subject = body.subject as string;
  if (has('description')) input.description = body.description as string;
  if (has('type')) input.type = body.type as string;
  if (has('status')) input.status = body.status as number;
  if (has('priority')) input.priority = body.priority as number;
  if (has('source')) input.source = body.source as number;
  if (has('responder_id')) input.responderId = body.responder_id as number;
  if (has('group_id')) input.groupId = body.group_id as number;
  if (has('company_id')) input.companyId = body.company_id as number;
  if (has('parent_id')) input.parentId = body.parent_id as number;
  if (has('cc_emails')) input.ccEmails = (body.cc_emails as string[]).slice();
  if (has('tags')) input.tags = [...new Set(body.tags as string[])];
  if (has('custom_fields')) input.customFields = { ...(body.custom_fields as Body) };
  if (dueBy !== undefined) input.dueBy = dueBy;
  if (frDueBy !== undefined) input.frDueBy = frDueBy;
  return input;
}

function resolveRequester(account: HelpdeskAccount, body: Body, errors: FieldError[]): TicketInput['requester'] | undefined {
  const name = typeof body.name === 'string' && body.name.trim() !== '' ? body.name : undefined;
  if (typeof body.requester_id === 'number') {
    const user = account.users.get(body.requester_id);
    if (!user || user.deleted) {
      errors.push({ field: 'requester_id', message: 'There is no contact matching the given requester_id', code: 'invalid_value' });
      return undefined;
    }
    return { kind: 'existing', user };
  }
  if (typeof body.email === 'string') {
    const user = account.userByEmail(body.email);
    if (user) return { kind: 'existing', user };
    return {
      kind: 'new',
      user: {
        name: name ?? body.email.split('@')[0] ?? body.email,
        email: body.email,
        phone: typeof body.phone === 'string' ? body.phone : null,
      },
    };
  }
  if (typeof body.facebook_id === 'string') {
    const user = account.userByFacebook(body.facebook_id);
    if (!user) {
      errors.push({ field: 'facebook_id', message: 'There is no record matching the facebook_id provided', code: 'invalid_value' });
      return undefined;
    }
    return { kind: 'existing', user };
  }
  if (typeof body.twitter_id === 'string') {
    const user = account.userByTwitter(body.twitter_id);
    if (user) return { kind: 'existing', user };
    return { kind: 'new', user: { name: name ?? body.twitter_id, twitterId: body.twitter_id } };
  }
  if (typeof body.unique_external_id === 'string') {
    const user = account.userByExternalId(body.unique_external_id);
    if (user) return { kind: 'existing', user };
    return { kind: 'new', user: { name: name ?? body.unique_external_id, uniqueExternalId: body.unique_external_id } };
  }
  if (typeof body.phone === 'string') {
    const user = account.userByPhone(body.phone);
    if (user) return { kind: 'existing', user };
    return { kind: 'new', user: { name: name ?? body.phone, phone: body.phone } };
  }
  return undefined;
}
